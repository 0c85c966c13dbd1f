package org.provenant.core.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.provenant.core.image.FloatImage;

/**
 * Prints how long {@link ImageLoader#load} takes on a 12 MP (4000 x 3000) photo-like image in each writable format,
 * next to its parts: the plain ImageIO decode, the float conversion and the SHA-256. Not a test (no timing is
 * asserted anywhere). Run:
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx4g -cp target/test-classes:target/classes:$(cat target/cp.txt) org.provenant.core.io.LoadBenchmark
 * </pre>
 */
public final class LoadBenchmark {
    private LoadBenchmark() { }

    public static void main(String[] args) throws Exception {
        BufferedImage img = TestFiles.rgb8(4000, 3000, 42);
        Path dir = Files.createTempDirectory("provenant-loadbench");
        ImageLoader loader = new ImageLoader();
        System.out.printf("%-5s %11s %9s %13s %12s %9s%n", "fmt", "bytes", "load ms", "ImageIO ms", "to-float ms", "sha ms");
        for (String f : new String[]{"png", "jpeg", "tiff", "bmp"}) {
            Path p = dir.resolve("bench." + f);
            Files.write(p, TestFiles.write(img, f));
            byte[] bytes = Files.readAllBytes(p);
            double load = Double.MAX_VALUE, read = Double.MAX_VALUE, conv = Double.MAX_VALUE, sha = Double.MAX_VALUE;
            for (int i = 0; i < 4; i++) { // best of 4 after the first (warm-up) round
                long t0 = System.nanoTime();
                loader.load(p);
                long t1 = System.nanoTime();
                BufferedImage d = ImageIO.read(new ByteArrayInputStream(bytes));
                long t2 = System.nanoTime();
                FloatImage.fromBufferedImage(d);
                long t3 = System.nanoTime();
                ImageLoader.sha256(bytes);
                long t4 = System.nanoTime();
                if (i == 0) continue;
                load = Math.min(load, (t1 - t0) / 1e6);
                read = Math.min(read, (t2 - t1) / 1e6);
                conv = Math.min(conv, (t3 - t2) / 1e6);
                sha = Math.min(sha, (t4 - t3) / 1e6);
            }
            System.out.printf("%-5s %11d %9.0f %13.0f %12.0f %9.0f%n", f, bytes.length, load, read, conv, sha);
            Files.delete(p);
        }
        Files.delete(dir);
    }
}
