package org.provenant.indicators.file.c2pa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.ml.ModelRegistry;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.codec.colourcorr.ColourCorrelation;

/**
 * Malformed and hostile manifest stores: forged box lengths, deep nesting, CBOR nesting bombs and forged string
 * lengths, truncation and random damage. None may crash, hang or allocate by a declared size: the reader says what
 * is wrong ("manifest.malformed" / "claim.malformed"), the indicator reports it, and the image still loads and the
 * other indicators run as before.
 */
class C2paHostileInputTest {
    @TempDir
    Path dir;

    /** C.jpg with its APP11 segment's payload (the JUMBF store) changed by {@code edit}; sizes unchanged. */
    static byte[] withStoreEdit(java.util.function.Consumer<byte[]> edit) {
        byte[] b = C2paFixtures.bytes("C.jpg");
        byte[] store = Arrays.copyOfRange(b, 20 + 4 + 8, 20 + 2 + 45882);   // APP11 at 20: marker, length, CI/En/Z
        edit.accept(store);
        System.arraycopy(store, 0, b, 32, store.length);
        return b;
    }

    static void putInt(byte[] b, int at, int v) {
        ByteBuffer.wrap(b, at, 4).putInt(v);
    }

    private static C2paReport readQuickly(byte[] file) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> C2paReader.read(file));
    }

    @Test
    void hugeDeclaredBoxLengthIsRefusedWithoutAllocating() {
        C2paReport r = readQuickly(withStoreEdit(s -> putInt(s, 0, 0x7ffffff0)));
        assertTrue(r.hasCode("manifest.malformed"));
        assertTrue(r.problem().contains("declares"), r.problem());
    }

    @Test
    void hugeXlBoxIsRefused() {
        C2paReport r = readQuickly(withStoreEdit(s -> {
            putInt(s, 38, 1);   // the manifest superbox: LBox = 1 means an XLBox follows...
        }));
        assertTrue(r.hasCode("manifest.malformed"), r.allStatuses().toString());
    }

    @Test
    void deeplyNestedSuperboxesAreCutAtTheDepthLimit() {
        int depth = 50_000;
        byte[] store = new byte[8 * depth];
        for (int i = 0; i < depth; i++) {
            putInt(store, 8 * i, store.length - 8 * i);
            System.arraycopy("jumb".getBytes(), 0, store, 8 * i + 4, 4);
        }
        JumbfException e = assertThrows(JumbfException.class, () -> Jumbf.parse(store));
        assertTrue(e.getMessage().contains("deeper than " + Jumbf.MAX_DEPTH), e.getMessage());
    }

    @Test
    void cborNestingBombInTheClaimIsRefused() {
        C2paReport r = readQuickly(withStoreEdit(s -> {
            int claim = 29404;   // the claim's CBOR payload in C.jpg's store, 672 bytes
            Arrays.fill(s, claim, claim + 671, (byte) 0x81);
            s[claim + 671] = 0;
        }));
        StatusCode c = r.allStatuses().stream().filter(x -> x.code().equals("claim.malformed")).findFirst().orElseThrow();
        assertTrue(c.explanation().contains("deeper than " + Cbor.MAX_DEPTH), c.explanation());
        byte[] bomb = new byte[1 << 20];
        Arrays.fill(bomb, (byte) 0x9f);   // a megabyte of nested indefinite-length arrays
        assertThrows(JumbfException.class, () -> Cbor.read(bomb, "bomb"));
    }

    @Test
    void forgedCborStringLengthIsRefusedBeforeDecoding() {
        byte[] forged = {(byte) 0xa1, 0x61, 'x', 0x5b, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, (byte) 0xf0, 1, 2, 3};
        JumbfException e = assertThrows(JumbfException.class, () -> Cbor.read(forged, "forged"));
        assertTrue(e.getMessage().contains("only 3 remain"), e.getMessage());
        byte[] manyItems = {(byte) 0x9b, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0};
        assertThrows(JumbfException.class, () -> Cbor.read(manyItems, "array"));
    }

    @Test
    void truncatedFilesAndStoresNeverThrow() {
        byte[] b = C2paFixtures.bytes("CACA.jpg");
        for (int cut : new int[]{3, 21, 30, 60, 100, 5000, 64031, 64040, 128060, 200000, b.length - 1}) {
            C2paReport r = readQuickly(Arrays.copyOf(b, cut));
            assertNotNull(r);
        }
        // a store whose last packet is missing: reassembled short, reported as missing data
        C2paReport r = readQuickly(Arrays.copyOf(b, 192072));
        assertTrue(r.embedded());
        assertTrue(r.hasCode("manifest.malformed"), r.allStatuses().toString());
    }

    @Test
    void randomDamageToTheStoreNeverThrowsOrHangs() {
        Random rnd = new Random(11);
        byte[] base = C2paFixtures.bytes("CACA.jpg");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int k = 0; k < 300; k++) {
                byte[] m = base.clone();
                int n = 1 + rnd.nextInt(8);
                for (int i = 0; i < n; i++) m[20 + rnd.nextInt(231_900)] = (byte) rnd.nextInt(256);
                C2paReport r = C2paReader.read(m);
                assertNotNull(r);
                ContentCredentials.result(r);   // and the panel's data is built without error
            }
        });
    }

    @Test
    void hostileStoreDoesNotStopTheImageOrTheOtherIndicators() throws Exception {
        byte[] hostile = withStoreEdit(s -> putInt(s, 0, 0x7ffffff0));
        Path f = dir.resolve("hostile.jpg");
        Files.write(f, hostile);
        LoadedImage im = new ImageLoader().load(f);
        IndicatorContext ctx = IndicatorContext.of(null).withEvidence(im.evidence());
        IndicatorResult c2pa = new ContentCredentials().analyze(im.image(), ctx);
        assertEquals(Hypothesis.MANIPULATED, c2pa.supports(), "a store that cannot be read fails validation");
        assertTrue(c2pa.explanation().contains("manifest.malformed"), c2pa.explanation());
        IndicatorResult other = new ColourCorrelation().analyze(im.image(),
                IndicatorContext.of(ModelRegistry.load(Path.of("models"))).withEvidence(im.evidence()));
        assertTrue(Double.isFinite(other.headline().value()));
    }
}
