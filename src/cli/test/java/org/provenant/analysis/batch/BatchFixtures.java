package org.provenant.analysis.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.provenant.cli.BenchCommand;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.ImageLoader;

/** A folder of mixed small images with a few malformed files, and folder snapshots. */
final class BatchFixtures {
    /** Files that must come out as errors (image names that do not decode) and as skipped (not images). */
    static final List<String> MALFORMED = List.of("bad/truncated.png", "bad/random.jpg", "bad/empty.png");
    static final List<String> NOT_IMAGES = List.of("notes.txt", "bad/anim.gif");
    static final int GOOD = 17;

    private BatchFixtures() { }

    /** 17 decodable images (PNG and JPEG, nested), 3 malformed, 2 non-images: 22 files. */
    static Path mixedFolder(Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("evidence"));
        Files.createDirectories(dir.resolve("a/b"));
        Files.createDirectories(dir.resolve("bad"));
        for (int i = 0; i < GOOD; i++) {
            FloatImage img = BenchCommand.photoLike(48 + 8 * (i % 5), 40 + 4 * (i % 3), 100 + i);
            String fmt = i % 3 == 0 ? "jpg" : "png";
            String sub = i % 4 == 0 ? "a/b/" : i % 4 == 1 ? "a/" : "";
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            ImageIO.write(img.toBufferedImage(), fmt, b);
            Files.write(dir.resolve(sub + "img" + String.format("%02d", i) + "." + fmt), b.toByteArray());
        }
        byte[] png = Files.readAllBytes(dir.resolve("img02.png"));
        Files.write(dir.resolve("bad/truncated.png"), java.util.Arrays.copyOf(png, png.length / 2));
        byte[] noise = new byte[900];
        new java.util.Random(5).nextBytes(noise);
        Files.write(dir.resolve("bad/random.jpg"), noise);
        Files.write(dir.resolve("bad/empty.png"), new byte[0]);
        Files.writeString(dir.resolve("notes.txt"), "examiner's inventory, not an image\n");
        Files.write(dir.resolve("bad/anim.gif"), "GIF89a\u0001\u0000\u0001\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        return dir;
    }

    /** Path below the folder -> SHA-256 of every file (and "DIR" for folders): what "unchanged" means. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String rel = dir.relativize(p).toString();
                m.put(rel, Files.isDirectory(p) ? "DIR" : ImageLoader.sha256(Files.readAllBytes(p)) + " "
                        + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }
}
