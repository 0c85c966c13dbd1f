package org.provenant.core.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random damage (byte changes, mostly in the headers, and cuts) to valid files of every format. A damaged
 * file may still decode (a changed pixel in a BMP is still a picture), but nothing else than a loaded image or one
 * clear ImageLoadException may come out: no other exception, no hang, no OutOfMemoryError.
 */
class MutationFuzzTest {
    /** Mutants per base file; seeded, so every run tries the same files. */
    private static final int MUTANTS = 40;

    @TempDir
    static Path dir;

    static Stream<Arguments> bases() {
        return Stream.of(
                Arguments.of("png", TestFiles.write(TestFiles.rgb8(64, 48, 31), "png")),
                Arguments.of("jpg", TestFiles.write(TestFiles.rgb8(64, 48, 32), "jpeg")),
                Arguments.of("jpg", TestFiles.progressiveJpeg(TestFiles.rgb8(64, 48, 33))),
                // a JPEG whose first bytes are a C2PA manifest store (APP11 JUMBF); c2pa tests damage the store itself
                Arguments.of("jpg", TestFiles.resource("/c2pa/C.jpg")),
                Arguments.of("tif", TestFiles.write(TestFiles.rgb8(64, 48, 34), "tiff")),
                Arguments.of("tif", TestFiles.tiffCompressed(TestFiles.rgb8(64, 48, 35), "LZW")),
                Arguments.of("tif", TestFiles.write(TestFiles.grey16(64, 48), "tiff")),
                Arguments.of("bmp", TestFiles.write(TestFiles.rgb8(64, 48, 36), "bmp")),
                Arguments.of("webp", TestFiles.resource("pattern-lossless.webp")),
                Arguments.of("webp", TestFiles.resource("pattern-lossy.webp")));
    }

    @ParameterizedTest(name = "[{index}] random damage to a {0}")
    @MethodSource("bases")
    void damagedFilesLoadOrFailClearly(String ext, byte[] base) throws Exception {
        Random rnd = new Random(base.length * 31L + ext.hashCode());
        ImageLoader loader = new ImageLoader();
        int refused = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] m = base.clone();
            int changes = 1 + rnd.nextInt(4);
            for (int k = 0; k < changes; k++) {
                int at = rnd.nextBoolean() ? rnd.nextInt(Math.min(m.length, 256)) : rnd.nextInt(m.length);
                m[at] = (byte) (rnd.nextBoolean() ? m[at] ^ (1 << rnd.nextInt(8)) : rnd.nextInt(256));
            }
            if (rnd.nextInt(4) == 0) m = TestFiles.truncate(m, 1 + rnd.nextInt(m.length - 1));
            Path p = Files.write(dir.resolve("mutant-" + ext + "-" + base.length + "-" + i + "." + ext), m);
            Object outcome = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try {
                    return loader.load(p);
                } catch (Throwable t) { // ImageLoadException expected; anything else is reported below
                    return t;
                }
            });
            if (outcome instanceof ImageLoadException e) {
                refused++;
                assertTrue(e.getMessage().startsWith("Cannot open " + p.getFileName() + ": "), e.getMessage());
                assertTrue(!e.getMessage().contains("\n"), e.getMessage());
            } else if (outcome instanceof Throwable t) {
                fail("mutant " + i + " of the " + ext + " gave " + t + " instead of an image or an ImageLoadException", t);
            }
        }
        assertTrue(refused > 0, "random damage to a " + ext + " never refused: the checks see nothing");
    }
}
