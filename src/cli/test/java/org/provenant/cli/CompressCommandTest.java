package org.provenant.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressCommandTest {
    static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    static Path photo(Path dir) throws Exception {
        Path p = dir.resolve("coffee.png");
        try (InputStream in = CompressCommandTest.class.getResourceAsStream("/photos/coffee-1.png")) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void writesTheJpegAiReconstructionWithRateAndQuality(@TempDir Path dir, @TempDir Path outDir) throws Exception {
        Path in = photo(dir), out = outDir.resolve("coffee-q1.png");
        String[] r = run("compress", in.toString(), "--codec", "jpeg-ai", "--rate", "q1", "--out", out.toString(), "--models", "models");
        assertEquals("0", r[0], r[2] + r[1]);
        assertTrue(r[1].contains("bpp") && r[1].contains("PSNR") && r[1].contains("not bit-exact JPEG AI"), r[1]);
        BufferedImage a = ImageIO.read(in.toFile()), b = ImageIO.read(out.toFile());
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        assertTrue(a.getRGB(10, 10) != b.getRGB(10, 10) || a.getRGB(100, 100) != b.getRGB(100, 100), "reconstruction differs");
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void refusesToOverwriteTheInput(@TempDir Path dir) throws Exception {
        Path in = photo(dir);
        byte[] before = Files.readAllBytes(in);
        String[] r = run("compress", in.toString(), "--codec", "hp", "--out", dir.resolve("./coffee.png").toString(), "--models", "models");
        assertEquals("2", r[0], r[1]);
        assertTrue(!r[2].isBlank() && r[2].contains("coffee.png"), r[2]);
        Path link = Files.createSymbolicLink(dir.resolve("link.png"), in);
        r = run("compress", in.toString(), "--codec", "hp", "--out", link.toString(), "--models", "models");
        assertEquals("2", r[0], "a link to the input is the input");
        assertArrayEquals(before, Files.readAllBytes(in));
    }

    @Test
    void unknownRatePointIsAUsageError(@TempDir Path dir, @TempDir Path outDir) throws Exception {
        String[] r = run("compress", photo(dir).toString(), "--rate", "q9", "--out", outDir.resolve("o.png").toString(), "--models", "models");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("q9") && r[2].contains("q1"), r[2]);
    }
}
