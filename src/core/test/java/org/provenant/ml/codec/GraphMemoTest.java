package org.provenant.ml.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.provenant.ml.ModelException;

class GraphMemoTest {
    static Latents latents(int side, float v) {
        float[] d = new float[side * side];
        java.util.Arrays.fill(d, v);
        return new Latents(1, side, side, d);
    }

    @Test
    void aRunOnTheSameGraphAndInputContentIsDoneOnceLargeInputsAndFailuresAreNotRemembered() throws Exception {
        GraphMemo memo = new GraphMemo();
        AtomicInteger runs = new AtomicInteger();
        Latents out = latents(2, 7);
        GraphMemo.Run r = () -> { runs.incrementAndGet(); return out; };
        assertSame(out, memo.run(0, latents(16, 1), r));
        assertSame(out, memo.run(0, latents(16, 1), r)); // equal content, another array: remembered
        assertEquals(1, runs.get());
        memo.run(1, latents(16, 1), r);                   // another graph
        memo.run(0, latents(16, 2), r);                   // other content
        assertEquals(3, runs.get());
        Latents big = latents(512, 1);                    // over MAX_INPUT: always run
        memo.run(0, big, r);
        memo.run(0, big, r);
        assertEquals(5, runs.get());
        assertThrows(ModelException.class, () -> memo.run(2, latents(8, 1), () -> { throw new ModelException("broken"); }));
        assertSame(out, memo.run(2, latents(8, 1), r));   // the failure was not remembered
        assertEquals(6, runs.get());
    }
}
