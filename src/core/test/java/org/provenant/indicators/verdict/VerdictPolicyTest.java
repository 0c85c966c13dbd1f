package org.provenant.indicators.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.Score;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.calibration.VerdictCalibration;

/** The four bases of {@link VerdictPolicy} on made-up calibrations: where each leans, and where the bar or a gate stops it. */
class VerdictPolicyTest {
    static final FloatImage IMAGE = FloatImage.blank(8, 8, 3);
    static final VerdictPolicy GENERATED = VerdictPolicy.calibrated("x", Hypothesis.GENERATED, "generated");

    static Verdict decide(VerdictPolicy p, ModelRegistry models, double score) throws IndicatorException {
        return p.decide(score, IMAGE, IndicatorContext.of(models));
    }

    @Test
    void withoutACalibrationThereIsNoVerdictAndNoLikelihoodRatio(@TempDir Path dir) throws Exception {
        Verdict o = decide(GENERATED, TestCalibrations.registry(dir), 40);
        assertEquals(Hypothesis.INCONCLUSIVE, o.supports());
        assertTrue(o.scores().isEmpty());
        assertTrue(o.sentence().contains("No verdict"), o.sentence());
    }

    @Test
    void aSupportedCalibrationLeansOnlyBeyondItsThresholdsAndStatesItsFigures(@TempDir Path dir) throws Exception {
        // ln LR = score: LR e^3 = 20 at score 3
        ModelRegistry reg = TestCalibrations.registry(dir, TestCalibrations.supported("x", "s", "generated", "lr_generated", 1, 0, 10, 0.1));
        Verdict high = decide(GENERATED, reg, 3);
        assertEquals(Hypothesis.GENERATED, high.supports());
        assertEquals(0.95, high.confidence(), 1e-12, "the posterior 0.953, at most 0.95");
        assertEquals(Math.exp(3), high.lr(), 1e-9);
        assertEquals(Math.exp(3), score(high, "lr_generated"), 1e-9);
        assertEquals(0.02, score(high, "heldout_false_alarm_rate"), 1e-12);
        assertTrue(high.sentence().contains("moderate support for 'generated' over 'camera original'"), high.sentence());
        assertTrue(high.sentence().contains("2.0 % of the real photos"), high.sentence());
        assertEquals(Hypothesis.INCONCLUSIVE, decide(GENERATED, reg, 0).supports());
        Verdict low = decide(GENERATED, reg, -3);
        assertEquals(Hypothesis.CAMERA_ORIGINAL, low.supports());
        assertEquals(0.95, low.confidence(), 1e-12, "at most 0.95");
        Verdict nan = decide(GENERATED, reg, Double.NaN);
        assertEquals(Hypothesis.INCONCLUSIVE, nan.supports());
        assertTrue(nan.scores().stream().noneMatch(s -> s.key().equals("lr_generated")), "NaN must not become an LR");
    }

    @Test
    void aCalibrationWhoseHeldOutFiguresFailDrawsNoVerdictButShowsTheRatio(@TempDir Path dir) throws Exception {
        VerdictCalibration weak = new VerdictCalibration("x", "s", "generated", "lr_generated", 1, 0, 2, 0.5, false, 0.58,
                0.98, 0.04, 0.05, 0, 19, 25, "test", "");
        Verdict o = decide(GENERATED, TestCalibrations.registry(dir, weak), 5);
        assertEquals(Hypothesis.INCONCLUSIVE, o.supports());
        assertFalse(o.supported());
        assertEquals(Math.exp(5), score(o, "lr_generated"), 1e-6);
        assertTrue(o.sentence().contains("does not support a verdict"), o.sentence());
    }

    @Test
    void aCalibrationForAnotherHypothesisDrawsNoVerdict(@TempDir Path dir) throws Exception {
        ModelRegistry reg = TestCalibrations.registry(dir, TestCalibrations.supported("x", "s", "neural codec", "lr_neural_codec", 1, 0, 10, 0.1));
        Verdict o = decide(GENERATED, reg, 5);
        assertEquals(Hypothesis.INCONCLUSIVE, o.supports());
        assertTrue(o.sentence().contains("measures 'neural codec', not 'generated'"), o.sentence());
    }

    @Test
    void aGateWithholdsTheLeanButKeepsTheLikelihoodRatio(@TempDir Path dir) throws Exception {
        ModelRegistry reg = TestCalibrations.registry(dir, TestCalibrations.supported("x", "s", "generated", "lr_generated", 1, 0, 10, 0.1));
        VerdictPolicy gated = GENERATED.unless((image, context) -> "the file is a classic JPEG (4:2:0 chroma)");
        Verdict o = decide(gated, reg, 3);
        assertEquals(Hypothesis.INCONCLUSIVE, o.supports());
        assertEquals(0.5, o.confidence());
        assertTrue(o.passes());
        assertEquals("the file is a classic JPEG (4:2:0 chroma)", o.withheld());
        assertEquals(Math.exp(3), score(o, "lr_generated"), 1e-9);
        assertTrue(o.sentence().contains("No verdict is drawn here: the file is a classic JPEG"), o.sentence());
    }

    @Test
    void theCalibrationIsLoadedThroughTheManifestAndRefusedWhenAltered(@TempDir Path dir) throws Exception {
        VerdictCalibration c = TestCalibrations.supported("residual-spectrum", "peak_db", "generated", "lr_generated", 0.5, -3, 4, 0.2);
        ModelRegistry reg = TestCalibrations.registry(dir, c);
        VerdictPolicy p = VerdictPolicy.calibrated("residual-spectrum", Hypothesis.GENERATED, "generated");
        assertEquals(c, p.calibration(reg).orElseThrow().file());
        Files.writeString(dir.resolve("calibration/residual-spectrum.json"), "{}");
        assertTrue(p.calibration(ModelRegistry.load(dir)).isEmpty());
    }

    static final VerdictPolicy DETECTOR = VerdictPolicy.detector("classifier-d", Hypothesis.GENERATED, "generated",
            "provenant train-detector").alsoFalseAlarms("wallpaperFalseAlarms");

    /** A classifier entry with ln LR = log-odds - 1 and a log-odds threshold of 2. */
    static ModelRegistry detectorModels(Path dir, String falseAlarms, String wallpaper, String auc) throws Exception {
        return TestCalibrations.entry(dir, "classifier-d", "classifier.d", Map.of(Calibrations.P_SLOPE, "1",
                Calibrations.P_INTERCEPT, "-1", Calibrations.P_THRESHOLD, "2", Calibrations.P_AUC, auc,
                Calibrations.P_FALSE_ALARMS, falseAlarms, Calibrations.P_DETECTED, "30/100", "wallpaperFalseAlarms", wallpaper));
    }

    @Test
    void aDetectorLeansAboveItsThresholdWithItsPosteriorAsConfidence(@TempDir Path dir) throws Exception {
        ModelRegistry reg = detectorModels(dir, "1/140", "0/131", "0.91");
        Verdict lean = decide(DETECTOR, reg, 4);
        assertEquals(Hypothesis.GENERATED, lean.supports());
        assertEquals(Math.exp(3), lean.lr(), 1e-9);
        assertEquals(Math.exp(3) / (1 + Math.exp(3)), lean.confidence(), 1e-12);
        Verdict below = decide(DETECTOR, reg, 2);
        assertEquals(Hypothesis.INCONCLUSIVE, below.supports());
        assertFalse(below.passes(), "at the threshold: not above it");
        assertEquals(0.5, below.confidence());
        assertEquals(new HeldOut.Share(1, 140), DETECTOR.calibration(reg).orElseThrow().heldOut().falseAlarm());
    }

    @Test
    void aDetectorFailingTheBarOnAnySetOfRealPhotosDrawsNoVerdict(@TempDir Path dir) throws Exception {
        assertFalse(decide(DETECTOR, detectorModels(dir.resolve("a"), "8/140", "0/131", "0.91"), 9).leans(), "held-out fold over 5 %");
        assertFalse(decide(DETECTOR, detectorModels(dir.resolve("b"), "0/140", "9/131", "0.91"), 9).leans(), "wallpapers over 5 %");
        assertFalse(decide(DETECTOR, detectorModels(dir.resolve("c"), "0/140", "0/131", "0.65"), 9).leans(), "AUC under 0.7");
        assertFalse(decide(DETECTOR, detectorModels(dir.resolve("d"), "", "0/131", "0.91"), 9).leans(), "false alarms unknown");
        assertTrue(decide(DETECTOR, detectorModels(dir.resolve("e"), "0/140", "", "0.91"), 9).leans(), "wallpapers not measured");
    }

    @Test
    void aDetectorReadsBackWhatItsTrainingCommandWrites(@TempDir Path dir) throws Exception {
        HeldOut written = HeldOut.detector(0.9109, 0.7176, 0.48, 0.6433, new HeldOut.Share(0, 140), new HeldOut.Share(58, 300));
        Map<String, String> props = Calibrations.detectorProperties(new org.provenant.ml.calibration.LogisticCalibration(0.3623, -0.4377),
                4.6127, written);
        VerdictPolicy.Calibration read = DETECTOR.calibration(TestCalibrations.entry(dir, "classifier-d", "classifier.d", props)).orElseThrow();
        assertEquals(written, read.heldOut());
        assertEquals(4.6127, read.threshold());
        assertEquals(0.3623, read.lnLr().slope());
        assertTrue(read.supported());
    }

    @Test
    void aDetectorWithoutItsCalibrationSaysWhichCommandMakesIt(@TempDir Path dir) throws Exception {
        ModelRegistry reg = TestCalibrations.entry(dir, "classifier-d", "classifier.d", Map.of());
        IndicatorException e = assertThrows(IndicatorException.class, () -> decide(DETECTOR, reg, 4));
        assertTrue(e.getMessage().contains("has no calibration") && e.getMessage().contains("provenant train-detector"), e.getMessage());
    }

    @Test
    void aVoteLeansOnlyWhenTheForestStatesAHeldOutAccuracyOverTheBar(@TempDir Path dir) throws Exception {
        VerdictPolicy vote = VerdictPolicy.vote("classifier-f", Hypothesis.DOUBLE_COMPRESSED);
        ModelRegistry good = TestCalibrations.entry(dir.resolve("a"), "classifier-f", "classifier.f", Map.of(Calibrations.P_ACCURACY, "0.842"));
        Verdict v = decide(vote, good, 0.8);
        assertEquals(Hypothesis.DOUBLE_COMPRESSED, v.supports());
        assertEquals(0.8, v.confidence(), 1e-12);
        assertEquals(Hypothesis.INCONCLUSIVE, decide(vote, good, 0.5).supports(), "0.5 is not above 0.5");
        ModelRegistry weak = TestCalibrations.entry(dir.resolve("b"), "classifier-f", "classifier.f", Map.of(Calibrations.P_ACCURACY, "0.667"));
        assertEquals(Hypothesis.INCONCLUSIVE, decide(vote, weak, 0.99).supports());
        ModelRegistry none = TestCalibrations.entry(dir.resolve("c"), "classifier-f", "classifier.f", Map.of());
        assertFalse(vote.supported(none), "no accuracy stated: no verdict");
    }

    @Test
    void aVoteReadsItsThresholdFromTheManifestAndMayLeanBothWays(@TempDir Path dir) throws Exception {
        ModelRegistry reg = TestCalibrations.entry(dir, "classifier-f", "classifier.f",
                Map.of(Calibrations.P_ACCURACY, "0.9", "verdictThreshold", "0.70"));
        VerdictPolicy colour = VerdictPolicy.vote("classifier-f", Hypothesis.NEURAL_CODEC).above(0.5, "verdictThreshold", false);
        assertEquals(0.7, colour.calibration(reg).orElseThrow().threshold());
        assertEquals(Hypothesis.INCONCLUSIVE, decide(colour, reg, 0.65).supports());
        assertEquals(Hypothesis.NEURAL_CODEC, decide(colour, reg, 0.75).supports());
        VerdictPolicy twoWay = VerdictPolicy.vote("classifier-f", Hypothesis.GENERATED).otherwise(Hypothesis.NEURAL_CODEC);
        Verdict codec = decide(twoWay, reg, 0.2);
        assertEquals(Hypothesis.NEURAL_CODEC, codec.supports());
        assertEquals(0.8, codec.confidence(), 1e-12);
        VerdictPolicy capped = VerdictPolicy.voteOfKinds(Hypothesis.GENERATED, "classifier.f").above(0.5, null, true)
                .otherwise(Hypothesis.CAMERA_ORIGINAL).maxConfidence(0.75);
        assertEquals(Hypothesis.GENERATED, decide(capped, reg, 0.5).supports(), "at or above 0.5");
        assertEquals(0.75, decide(capped, reg, 0.1).confidence(), 1e-12);
        assertEquals(Hypothesis.INCONCLUSIVE, decide(capped, reg, Double.NaN).supports());
    }

    @Test
    void aThresholdLeansOnlyWhereItsStatedFalseAlarmsPassTheBar() throws Exception {
        VerdictPolicy ok = VerdictPolicy.threshold(Hypothesis.MANIPULATED, "a local edit", 10,
                HeldOut.falseAlarmCounts(new HeldOut.Share(3, 87)), "how it was set");
        ModelRegistry none = ModelRegistry.empty();
        Verdict at = decide(ok, none, 10);
        assertEquals(Hypothesis.MANIPULATED, at.supports());
        assertEquals(0.6, at.confidence(), 1e-12);
        assertEquals(0.7, decide(ok, none, 20).confidence(), 1e-12);
        assertEquals(0.9, decide(ok, none, 1000).confidence(), 1e-12);
        assertEquals(Hypothesis.INCONCLUSIVE, decide(ok, none, 9.99).supports());
        assertEquals(Hypothesis.INCONCLUSIVE, decide(ok, none, Double.NaN).supports());
        assertEquals("It leans to a local edit only at a score of 10.00 or more, a threshold set on real photos (how it was"
                + " set).", ok.statement());
        VerdictPolicy unseenFails = VerdictPolicy.threshold(Hypothesis.MANIPULATED, "a local edit", 10,
                HeldOut.falseAlarmCounts(new HeldOut.Share(3, 87), new HeldOut.Share(12, 147)), "");
        assertEquals(Hypothesis.INCONCLUSIVE, decide(unseenFails, none, 50).supports());
        VerdictPolicy unmeasured = VerdictPolicy.threshold(Hypothesis.MANIPULATED, "a local edit", 10, HeldOut.falseAlarmCounts(), "");
        assertFalse(unmeasured.supported(none), "no false alarms stated: no verdict");
        VerdictPolicy ownConfidence = ok.confidence(s -> 0.77);
        assertEquals(0.77, decide(ownConfidence, none, 11).confidence(), 1e-12);
    }

    @Test
    void aDecisionIsWordedWithThePolicysHeldOutFigures() throws Exception {
        ModelRegistry none = ModelRegistry.empty();
        VerdictPolicy ok = VerdictPolicy.threshold(Hypothesis.MANIPULATED, "a local edit", 10,
                HeldOut.falseAlarmCounts(new HeldOut.Share(3, 87)), "");
        Finding lean = ok.finding(decide(ok, none, 20), none);
        assertEquals(Finding.Standing.LEANS, lean.standing());
        assertEquals(Hypothesis.MANIPULATED, lean.favours());
        assertEquals("false alarms 3/87 on unseen real photos", lean.strength());
        assertEquals("no sign of a local edit", ok.finding(decide(ok, none, 5), none).phrase());
        VerdictPolicy fails = VerdictPolicy.threshold(Hypothesis.MANIPULATED, "a local edit", 10,
                HeldOut.falseAlarmCounts(new HeldOut.Share(3, 87), new HeldOut.Share(12, 147)), "");
        Finding figures = fails.finding(decide(fails, none, 50), none);
        assertEquals(Finding.FIGURES_ONLY, figures.phrase(), "a policy under the bar is not worded as a verdict");
        assertEquals("false alarms 3/87 and 12/147 on unseen real photos, under the bar", figures.strength());
        VerdictPolicy gated = ok.unless((image, context) -> " Here the colour cue gives only 10%.");
        Finding notHere = gated.finding(decide(gated, none, 20), none);
        assertEquals(Finding.Standing.NOT_HERE, notHere.standing());
        assertEquals("no verdict here: the colour cue gives only 10%", notHere.phrase());
    }

    private static double score(Verdict o, String key) {
        for (Score s : o.scores()) if (s.key().equals(key)) return s.value();
        throw new AssertionError("no score " + key);
    }
}
