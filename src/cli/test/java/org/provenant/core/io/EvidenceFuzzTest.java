package org.provenant.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisInput;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.ml.ModelRegistry;

/**
 * Issue 14, point 5: seeded mutants of the sample files (cuts, byte flips, header fields set to hostile values),
 * each loaded and, when it loads, analysed: with the three signal indicators for most mutants, with every
 * registered indicator for every {@link #FULL_EVERY}-th. Asserted for every mutant: nothing but an
 * ImageLoadException escapes, the work ends within {@link #PER_FILE} (a hang guard, not a speed target), the
 * outcome is one plain line or a full result (every indicator DONE with an explanation, or FAILED with one plain
 * line), and the evidence file is byte for byte and timestamp unchanged.
 */
class EvidenceFuzzTest {
    static final int MUTANTS_PER_BASE = 40;
    static final int FULL_EVERY = 20;
    static final Duration PER_FILE = Duration.ofSeconds(20);
    /** A full analysis runs the neural codecs and LaRE: a wider hang guard (the machine may be shared). */
    static final Duration PER_FULL_ANALYSIS = Duration.ofSeconds(120);
    private static final List<String> SIGNAL = List.of("colour-correlation", "residual-spectrum", "image-realism-score");

    @TempDir
    static Path dir;
    private static ModelRegistry models;
    private static AnalysisEngine engine;
    private static int total;

    @BeforeAll
    static void start() throws Exception {
        try {
            models = ModelRegistry.locate();
        } catch (Exception e) {
            models = ModelRegistry.empty();
        }
        engine = new AnalysisEngine(models);
        // load the models once, outside the per-file time limits
        engine.analyze(AnalysisInput.of(new LoadedImage(Path.of("warm-up.png"), 1, "x",
                org.provenant.cli.BenchCommand.photoLike(128, 128, 1), null, Evidence.ofBytes(Path.of("warm-up.png"), new byte[]{1}))),
                IndicatorRegistry.all(), AnalysisListener.NONE);
    }

    @AfterAll
    static void stop() {
        engine.close();
        models.close();
    }

    /** The load-only fuzz test's nine base files (PNG, JPEG baseline and progressive, TIFF plain/LZW/16-bit, BMP, WebP). */
    static Stream<Arguments> bases() {
        return MutationFuzzTest.bases();
    }

    @ParameterizedTest(name = "[{index}] mutants of a {0}")
    @MethodSource("bases")
    void mutantsNeverEscapeHangOrTouchTheEvidence(String ext, byte[] base) throws Exception {
        Random rnd = new Random(0x14L * 1_000_003 + base.length * 31L + ext.hashCode());
        int loaded = 0, refused = 0;
        for (int i = 0; i < MUTANTS_PER_BASE; i++) {
            byte[] m = mutate(base, ext, rnd);
            Path p = Files.write(dir.resolve("mutant-" + ext + "-" + base.length + "-" + i + "." + ext), m);
            Files.setLastModifiedTime(p, FileTime.fromMillis(1_600_000_000_000L));
            String before = ImageLoader.sha256(Files.readAllBytes(p));
            boolean full = i % FULL_EVERY == 0;
            String who = "mutant " + i + " of the " + ext + " (" + p.getFileName() + ")";
            Object outcome = assertTimeoutPreemptively(full ? PER_FULL_ANALYSIS : PER_FILE, () -> run(p, full), who + " did not finish");
            if (outcome instanceof ImageLoadException e) {
                refused++;
                plainLine(e.getMessage(), who);
                assertTrue(e.getMessage().startsWith("Cannot open " + p.getFileName() + ": "), e.getMessage());
            } else if (outcome instanceof AnalysisReport r) {
                loaded++;
                assertFalse(r.outcomes().isEmpty(), who);
                for (IndicatorOutcome o : r.outcomes()) {
                    if (o.ok()) {
                        assertNotNull(o.result(), who);
                        assertFalse(o.result().explanation().isBlank(), who + " / " + o.indicatorId());
                    } else {
                        assertEquals(IndicatorOutcome.Status.FAILED, o.status(), who + " / " + o.indicatorId());
                        plainLine(o.error(), who + " / " + o.indicatorId());
                    }
                }
            } else {
                fail(who + " threw " + outcome, (Throwable) outcome);
            }
            assertArrayEquals(before.getBytes(), ImageLoader.sha256(Files.readAllBytes(p)).getBytes(), who + ": evidence changed");
            assertEquals(1_600_000_000_000L, Files.getLastModifiedTime(p).toMillis(), who + ": evidence timestamp changed");
            total++;
        }
        assertTrue(refused > 0 && loaded > 0, ext + ": refused " + refused + ", loaded " + loaded + " (the mutants test both paths)");
    }

    @Test
    void atLeastThreeHundredMutants() {
        assertTrue(bases().count() * MUTANTS_PER_BASE >= 300, "mutants: " + bases().count() * MUTANTS_PER_BASE);
    }

    private static Object run(Path p, boolean full) {
        try {
            LoadedImage img = new ImageLoader().load(p);
            List<Indicator> inds = full ? IndicatorRegistry.all()
                    : IndicatorRegistry.all().stream().filter(ind -> SIGNAL.contains(ind.id())).toList();
            return engine.analyze(AnalysisInput.of(img), inds, AnalysisListener.NONE);
        } catch (Throwable t) { // ImageLoadException expected; anything else fails the test with what it was
            return t;
        }
    }

    private static void plainLine(String m, String who) {
        assertNotNull(m, who);
        assertFalse(m.isBlank(), who);
        assertFalse(m.contains("\n") || m.contains("\r"), who + ": more than one line: " + m);
        assertFalse(m.chars().anyMatch(c -> Character.isISOControl(c) || c == 0xFFFD), who + ": raw bytes: " + m);
        assertFalse(m.contains("Exception") || m.contains("java.") || m.contains("class ") || m.contains("\tat "),
                who + ": decoder internals: " + m);
        assertFalse(m.contains(" -1 ") || m.contains("x -1"), who + ": a negative size: " + m);
    }

    /** One seeded mutation: a cut, 1-4 byte changes (mostly in the first 256 bytes), or a header field set. */
    static byte[] mutate(byte[] base, String ext, Random rnd) {
        int kind = rnd.nextInt(10);
        if (kind < 3) return TestFiles.truncate(base, 1 + rnd.nextInt(base.length - 1));
        if (kind < 7) {
            byte[] m = base.clone();
            int changes = 1 + rnd.nextInt(4);
            for (int k = 0; k < changes; k++) {
                int at = rnd.nextInt(4) > 0 ? rnd.nextInt(Math.min(m.length, 256)) : rnd.nextInt(m.length);
                m[at] = (byte) (rnd.nextBoolean() ? m[at] ^ (1 << rnd.nextInt(8)) : rnd.nextInt(256));
            }
            return m;
        }
        long[] hostile = {0, 1, 2, 3, 0x7fff, 0xffff, 0x10000, 9000, 65535, 0x7fffffffL, 0x80000000L, 0xffffffffL};
        long v = hostile[rnd.nextInt(hostile.length)];
        boolean height = rnd.nextBoolean();
        switch (ext) {
            case "png" -> {
                int ihdr = TestFiles.pngChunk(base, "IHDR");
                return TestFiles.fixPngCrc(TestFiles.u32be(base, ihdr + (height ? 12 : 8), v), ihdr);
            }
            case "jpg" -> {
                int sof = TestFiles.jpegMarker(base, 0xc0);
                if (sof < 0) sof = TestFiles.jpegMarker(base, 0xc2);
                return TestFiles.u16be(base, sof + (height ? 5 : 7), (int) (v & 0xffff));
            }
            case "tif" -> {
                return MalformedFilesTest.tiffLong(base, height ? 257 : 256, v);
            }
            case "bmp" -> {
                return TestFiles.u32le(base, height ? 22 : 18, v);
            }
            default -> { // webp: the RIFF size or a chunk size
                return TestFiles.u32le(base, height ? 4 : 16, v);
            }
        }
    }
}
