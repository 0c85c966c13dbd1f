package org.provenant.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.provenant.core.image.FloatImage;
import org.junit.jupiter.api.Test;

class SharedWorkTest {
    @Test
    void eachKeyIsComputedOnceEvenWhenAskedForFromManyThreads() throws Exception {
        SharedWork w = new SharedWork(FloatImage.blank(4, 4, 1));
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Object>> fs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            fs.add(pool.submit(() -> {
                go.await();
                return w.compute("grey", () -> {
                    calls.incrementAndGet();
                    Thread.sleep(50);
                    return new Object();
                });
            }));
        }
        go.countDown();
        Object first = fs.get(0).get();
        for (Future<Object> f : fs) assertSame(first, f.get());
        assertEquals(1, calls.get());
        pool.shutdownNow();
    }

    @Test
    void aFailureReachesEveryAskerAsTheIndicatorException() {
        SharedWork w = new SharedWork(FloatImage.blank(4, 4, 1));
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            IndicatorException e = assertThrows(IndicatorException.class, () -> w.compute("bad", () -> {
                calls.incrementAndGet();
                throw new IndicatorException("image too small");
            }));
            assertEquals("image too small", e.getMessage());
        }
        assertEquals(1, calls.get());
    }

    @Test
    void contextParametersAreReadAsDeclaredWithTheDefaultAsFallback() {
        Parameter q = Parameter.whole("ela.quality", "Quality", 50, 100, 5, 90, "test");
        Parameter bad = Parameter.whole("x.bad", "Bad", 0, 10, 1, 3, "test");
        Parameter missing = Parameter.whole("x.missing", "Missing", 0, 10, 1, 4, "test");
        IndicatorContext c = IndicatorContext.of(null).withParameters(java.util.Map.of("ela.quality", "75", "x.bad", "x"));
        assertEquals(75, c.value(q));
        assertEquals(3, c.value(bad));
        assertEquals(4, c.value(missing));
        assertEquals(100, IndicatorContext.of(null).withParameters(java.util.Map.of("ela.quality", "120")).value(q), "clamped");
        assertEquals(77, IndicatorContext.of(null).withParameters(java.util.Map.of("ela.quality", "76.6")).value(q), "rounded");
    }
}
