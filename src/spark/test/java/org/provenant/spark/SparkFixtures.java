package org.provenant.spark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;

/** The evidence folder both the batch and the job get, and the local Spark the tests run on. */
final class SparkFixtures {
    /** 12 files: 4 real photos (one named as a camera names them, '_' first), 4 generated, 3 damaged, 1 text. */
    static final int FILES = 12;
    static final int IMAGES = 8;
    static final List<String> CHEAP = List.of("metadata", "generated-detector", "noise-map");

    private SparkFixtures() { }

    static Path evidence(Path root) throws IOException {
        Path dir = root.resolve("evidence");
        Path photos = Path.of("src/core/test/resources/photos");
        Files.createDirectories(dir.resolve("real"));
        Files.createDirectories(dir.resolve("bad"));
        Files.copy(photos.resolve("chelsea-1.png"), dir.resolve("real/chelsea-1.png"));
        Files.copy(photos.resolve("coffee-1.png"), dir.resolve("real/coffee-1.png"));
        ImageIO.write(ImageIO.read(photos.resolve("coffee-2.png").toFile()), "jpg", dir.resolve("real/coffee-2.jpg").toFile());
        Files.copy(photos.resolve("rocket-1.png"), dir.resolve("_MG_rocket-1.png"));
        Path generated = Files.createDirectories(dir.resolve("generated"));
        try (Stream<Path> s = Files.list(Path.of("src/spark/test/resources/generated"))) {
            for (Path p : s.filter(p -> !p.toString().endsWith(".md")).toList()) Files.copy(p, generated.resolve(p.getFileName()));
        }
        byte[] png = Files.readAllBytes(photos.resolve("chelsea-2.png"));
        Files.write(dir.resolve("bad/truncated.png"), Arrays.copyOf(png, png.length / 2));
        byte[] noise = new byte[900];
        new Random(5).nextBytes(noise);
        Files.write(dir.resolve("bad/random.jpg"), noise);
        Files.write(dir.resolve("bad/empty.png"), new byte[0]);
        Files.writeString(dir.resolve("notes.txt"), "examiner's inventory, not an image\n");
        return dir;
    }

    static SparkSession spark() {
        return SparkSession.builder().master("local[2]").appName("provenant tests")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    static JobOptions options(Path input, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("--input", input.toString(), "--out", out.toString(), "--models", "models"));
        a.addAll(List.of(more));
        return JobOptions.parse(a);
    }

    /** The command line of a child JVM running the job in local mode with this JVM's class path and Spark's flags. */
    static List<String> childJvm(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-Djava.awt.headless=true", "-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
                "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-Dio.netty") || a.equals("-XX:+IgnoreUnrecognizedVMOptions")) cmd.add(a);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SparkMain.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
