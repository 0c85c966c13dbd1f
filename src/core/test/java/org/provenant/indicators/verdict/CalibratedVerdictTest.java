package org.provenant.indicators.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Score;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.calibration.VerdictCalibration;

class CalibratedVerdictTest {
    @Test
    void withoutACalibrationThereIsNoVerdictAndNoLikelihoodRatio() {
        CalibratedVerdict.Outcome o = CalibratedVerdict.apply(Optional.empty(), 40, Hypothesis.GENERATED, "generated");
        assertEquals(Hypothesis.INCONCLUSIVE, o.supports());
        assertTrue(o.scores().isEmpty());
        assertTrue(o.sentence().contains("No verdict"), o.sentence());
    }

    @Test
    void aSupportedCalibrationLeansOnlyBeyondItsThresholdsAndStatesItsFigures() {
        // ln LR = score: LR e^3 = 20 at score 3
        VerdictCalibration c = TestCalibrations.supported("x", "s", "generated", "lr_generated", 1, 0, 10, 0.1);
        CalibratedVerdict.Outcome high = CalibratedVerdict.apply(Optional.of(c), 3, Hypothesis.GENERATED, "generated");
        assertEquals(Hypothesis.GENERATED, high.supports());
        assertEquals(Math.exp(3), high.lr(), 1e-9);
        assertEquals(Math.exp(3), score(high, "lr_generated"), 1e-9);
        assertEquals(0.02, score(high, "heldout_false_alarm_rate"), 1e-12);
        assertTrue(high.sentence().contains("moderate support for 'generated' over 'camera original'"), high.sentence());
        assertTrue(high.sentence().contains("2.0 % of the real photos"), high.sentence());
        CalibratedVerdict.Outcome mid = CalibratedVerdict.apply(Optional.of(c), 0, Hypothesis.GENERATED, "generated");
        assertEquals(Hypothesis.INCONCLUSIVE, mid.supports());
        CalibratedVerdict.Outcome low = CalibratedVerdict.apply(Optional.of(c), -3, Hypothesis.GENERATED, "generated");
        assertEquals(Hypothesis.CAMERA_ORIGINAL, low.supports());
        CalibratedVerdict.Outcome nan = CalibratedVerdict.apply(Optional.of(c), Double.NaN, Hypothesis.GENERATED, "generated");
        assertEquals(Hypothesis.INCONCLUSIVE, nan.supports());
        assertTrue(nan.scores().stream().noneMatch(s -> s.key().equals("lr_generated")), "NaN must not become an LR");
    }

    @Test
    void aCalibrationWhoseHeldOutFiguresFailDrawsNoVerdictButShowsTheRatio() {
        VerdictCalibration weak = new VerdictCalibration("x", "s", "generated", "lr_generated", 1, 0, 2, 0.5, false, 0.58,
                0.98, 0.04, 0.05, 0, 19, 25, "test", "");
        CalibratedVerdict.Outcome o = CalibratedVerdict.apply(Optional.of(weak), 5, Hypothesis.GENERATED, "generated");
        assertEquals(Hypothesis.INCONCLUSIVE, o.supports());
        assertEquals(Math.exp(5), score(o, "lr_generated"), 1e-6);
        assertTrue(o.sentence().contains("does not support a verdict"), o.sentence());
    }

    @Test
    void theCalibrationIsLoadedThroughTheManifestAndRefusedWhenAltered(@TempDir Path dir) throws Exception {
        VerdictCalibration c = TestCalibrations.supported("residual-spectrum", "peak_db", "generated", "lr_generated", 0.5, -3, 4, 0.2);
        ModelRegistry reg = TestCalibrations.registry(dir, c);
        assertEquals(Optional.of(c), CalibratedVerdict.load(reg, "residual-spectrum"));
        Files.writeString(dir.resolve("calibration/residual-spectrum.json"), "{}");
        assertEquals(Optional.empty(), CalibratedVerdict.load(ModelRegistry.load(dir), "residual-spectrum"));
    }

    private static double score(CalibratedVerdict.Outcome o, String key) {
        for (Score s : o.scores()) if (s.key().equals(key)) return s.value();
        throw new AssertionError("no score " + key);
    }
}
