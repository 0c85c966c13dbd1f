package org.provenant.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.provenant.cli.BenchCommand;
import org.provenant.core.io.Evidence;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.ml.ModelRegistry;

/**
 * Issue 14, point 5: one changed byte in one model file of each family (codec, LaRE, classifiers, calibration)
 * fails exactly the indicators that need that file, each with one line naming the integrity check; every other
 * indicator still runs (Localization leaves the broken cue out and says so).
 */
class TamperedModelsTest {
    @TempDir
    static Path copy;
    private static Path shipped;

    @BeforeAll
    static void copyModels() throws Exception {
        shipped = Path.of("models");
        Assumptions.assumeTrue(Files.isRegularFile(shipped.resolve(ModelRegistry.MANIFEST)), "no models folder");
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = copy.resolve(shipped.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(to);
                else Files.copy(f, to);
            }
        }
    }

    static Stream<Arguments> families() {
        return Stream.of(
                Arguments.of("calibration", "calibration/irs-reference.json", Set.of("image-realism-score")),
                Arguments.of("classifiers", "classifiers/codec-recompression.json", Set.of("codec-recompression")),
                Arguments.of("lare", "lare/lare-denoiser.onnx", Set.of("lare")),
                // the cues run the codec their forests were trained on: JPEG AI since issue 15
                Arguments.of("codec", "jpeg-ai/single_encode_y.onnx", Set.of("codec-recompression", "codec-latent-quantization")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("families")
    void aTamperedModelFailsOnlyTheIndicatorsThatNeedIt(String family, String file, Set<String> needIt) throws Exception {
        Path f = copy.resolve(file);
        byte[] original = Files.readAllBytes(f);
        Files.write(f, new byte[]{' '}, StandardOpenOption.APPEND);
        try (ModelRegistry models = ModelRegistry.load(copy); AnalysisEngine engine = new AnalysisEngine(models)) {
            var img = BenchCommand.photoLike(160, 128, 5);
            LoadedImage li = new LoadedImage(Path.of("photo.png"), 1, "x", img, null, Evidence.ofBytes(Path.of("photo.png"), new byte[]{1}));
            AnalysisReport r = engine.analyze(AnalysisInput.of(li), IndicatorRegistry.all(), AnalysisListener.NONE);
            Map<String, IndicatorOutcome> by = new java.util.HashMap<>();
            for (IndicatorOutcome o : r.outcomes()) by.put(o.indicatorId(), o);
            assertTrue(by.keySet().containsAll(needIt), by.keySet().toString());
            for (IndicatorOutcome o : r.outcomes()) {
                if (needIt.contains(o.indicatorId())) {
                    assertEquals(IndicatorOutcome.Status.FAILED, o.status(), family + " tampered, yet " + o.indicatorId() + " ran");
                    assertTrue(o.error().contains("failed its integrity check"), o.indicatorId() + ": " + o.error());
                    assertFalse(o.error().contains("\n"), o.error());
                } else {
                    assertTrue(o.ok(), family + " tampered took down " + o.indicatorId() + ": " + o.error());
                }
            }
        } finally {
            Files.write(f, original);
        }
    }
}
