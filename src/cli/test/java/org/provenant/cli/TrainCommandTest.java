package org.provenant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.indicators.codec.codeccolour.CodecColourCue;
import org.provenant.indicators.features.ChannelCorrelation;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.forest.ForestClassifier;

class TrainCommandTest {
    @Test
    void trainsWritesVerifiableClassifiersAndKeepsOtherManifestEntries(@TempDir Path dir) throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        for (String p : List.of("chelsea-1", "rocket-1")) {
            try (InputStream in = getClass().getResourceAsStream("/photos/" + p + ".png")) {
                Files.copy(in, photos.resolve(p.replace("-1", "") + ".png"));
            }
        }
        Path models = dir.resolve("models");
        try (Stream<Path> files = Files.walk(Path.of("models"))) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().contains("codec") || f.toString().contains("jpeg-ai")
                            || f.endsWith(ModelRegistry.MANIFEST)).toList()) {
                Path to = models.resolve(Path.of("models").relativize(f));
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        int before;
        try (ModelRegistry r = ModelRegistry.load(models)) {
            before = r.entries().size();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"train", photos.toString(), "--models", models.toString(),
                "--crops-per-photo", "1", "--trees", "10", "--codec", "hp"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String o = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8) + o);
        assertTrue(o.contains("Held-out accuracy") && o.contains("2 sources"), o);
        try (ModelRegistry r = ModelRegistry.load(models)) {
            assertEquals(before, r.entries().size(), "classifier entries replaced, nothing else touched");
            ForestClassifier f = ForestClassifier.load(r.verifiedFile(CodecColourCue.CLASSIFIER));
            assertEquals(ChannelCorrelation.FEATURE_NAMES, f.featureNames());
            assertEquals(List.of(CodecColourCue.CODEC, CodecColourCue.UNCOMPRESSED), f.labels());
        }
    }

    @Test
    void oneSourceIsNotEnoughForAHeldOutSplit(@TempDir Path dir) throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        try (InputStream in = getClass().getResourceAsStream("/photos/coffee-1.png")) {
            Files.copy(in, photos.resolve("coffee.png"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"train", photos.toString(), "--crops-per-photo", "1", "--dry-run"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("at least 2 sources"), err.toString(StandardCharsets.UTF_8));
    }
}
