package org.provenant.indicators.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Score;

/** The fusion's arithmetic and its handling of missing, non-finite and failed indicators, on made-up results. */
class OverallAssessmentTest {
    static IndicatorResult fake(String id, Hypothesis supports, double... keyValues) {
        List<Score> s = new ArrayList<>();
        s.add(new Score("headline", "Headline", 1, "made up"));
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            String key = switch ((int) keyValues[i]) {
                case 0 -> "lr_generated";
                case 1 -> "lr_neural_codec";
                case 2 -> "lr_edited";
                default -> "heldout_auc";
            };
            s.add(new Score(key, key, keyValues[i + 1], "made up"));
        }
        return new IndicatorResult(id, s.get(0), s, List.of(), "fake", supports, 0.5, null);
    }

    static double value(IndicatorResult r, String key) {
        return r.score(key).value();
    }

    @Test
    void multipliesTheLikelihoodRatiosOfEachPropositionAndSkipsWhatIsMissing() {
        Map<String, IndicatorResult> in = new LinkedHashMap<>();
        in.put("a", fake("a", Hypothesis.GENERATED, 0, 10, 1, 0.5));
        in.put("b", fake("b", Hypothesis.INCONCLUSIVE, 0, 4));
        in.put("c", fake("c", Hypothesis.INCONCLUSIVE, 0, Double.NaN, 2, 0.25));  // NaN is "no data", not 0 or 1
        in.put("d", fake("d", Hypothesis.CAMERA_ORIGINAL));                        // no calibration: no lr_*
        IndicatorResult r = OverallAssessment.assess(in, Map.of("e", "model missing"));
        assertEquals(40, value(r, "lr_generated"), 1e-9);
        assertEquals(40.0 / 41, value(r, "p_generated"), 1e-9);
        assertEquals(0.5, value(r, "lr_neural_codec"), 1e-9);
        assertEquals(1.0 / 3, value(r, "p_neural_codec"), 1e-9);
        assertEquals(0.25, value(r, "lr_edited"), 1e-9);
        assertEquals(0.2, value(r, "p_edited"), 1e-9);
        assertTrue(Double.isNaN(value(r, "lr_double_compressed")));
        assertTrue(Double.isNaN(value(r, "p_double_compressed")));
        assertEquals(4, value(r, "indicators_read"));
        assertEquals(3, value(r, "indicators_calibrated"));
        assertEquals(1, value(r, "indicators_failed"));
        assertEquals("lr_generated", r.headline().key(), "the headline is the largest fused LR");
        assertEquals(Hypothesis.GENERATED, r.supports(), "indicator a leant to generated under its own bar");
        assertEquals(40.0 / 41, r.confidence(), 1e-9);
        assertTrue(r.explanation().contains("e (model missing)"), r.explanation());
        assertTrue(r.explanation().contains("without a calibrated LR, so not counted: d."), r.explanation());
        assertTrue(r.explanation().contains("a (LR 10)") && r.explanation().contains("b (LR 4"), r.explanation());
        assertTrue(r.explanation().contains("moderate support for the proposition that the image was generated"), r.explanation());
        assertTrue(r.explanation().contains("not measured as a whole"), r.explanation());
        assertTrue(r.explanation().contains("double compressed"), "names what has no calibrated evidence");
    }

    @Test
    void noLeanWithoutAContributorsOwnVerdictAndNoLeanToCameraOriginal() {
        Map<String, IndicatorResult> in = new LinkedHashMap<>();
        in.put("a", fake("a", Hypothesis.INCONCLUSIVE, 0, 30, 3, 0.9));
        IndicatorResult r = OverallAssessment.assess(in, Map.of());
        assertEquals(30, value(r, "lr_generated"), 1e-9);
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
        assertEquals(0.5, r.confidence());
        assertTrue(r.explanation().contains("ROC AUC 0.90"), "one contributor: its held-out figures are the fusion's");

        in.put("a", fake("a", Hypothesis.CAMERA_ORIGINAL, 0, 0.005));
        IndicatorResult low = OverallAssessment.assess(in, Map.of());
        assertEquals(Hypothesis.INCONCLUSIVE, low.supports(), "the fusion never leans to camera original");
        assertTrue(low.explanation().contains("moderately strong support for the proposition that the image is an unaltered camera original"),
                low.explanation());
        assertTrue(low.explanation().contains("(likelihood ratio about 1/200)"), low.explanation());
    }

    @Test
    void limitsEachIndicatorToOneThousand() {
        Map<String, IndicatorResult> in = new LinkedHashMap<>();
        in.put("a", fake("a", Hypothesis.GENERATED, 0, 1e9));
        in.put("b", fake("b", Hypothesis.INCONCLUSIVE, 0, 0.5));
        IndicatorResult r = OverallAssessment.assess(in, Map.of());
        assertEquals(500, value(r, "lr_generated"), 1e-6);
        assertTrue(r.explanation().contains("limited to 1,000"), r.explanation());
    }

    @Test
    void nothingCalibratedGivesNoNumbersAndNoVerdict() {
        Map<String, IndicatorResult> in = new LinkedHashMap<>();
        in.put("a", fake("a", Hypothesis.GENERATED));
        IndicatorResult r = OverallAssessment.assess(in, Map.of("b", "boom"));
        for (String k : List.of("lr_generated", "p_generated", "lr_neural_codec", "p_neural_codec", "lr_edited", "p_edited"))
            assertTrue(Double.isNaN(value(r, k)), k);
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
        assertTrue(r.explanation().startsWith("No indicator of this analysis reports a calibrated likelihood ratio"));
        assertTrue(r.explanation().contains("b (boom)"));
    }

    @Test
    void isRegisteredFirstAsTheFusion() {
        var all = IndicatorRegistry.all();
        assertEquals(OverallAssessment.ID, all.get(0).id(), "first panel");
        assertEquals(EvidenceFamily.FUSION, all.get(0).family());
        assertFalse(all.stream().skip(1).anyMatch(i -> i.id().equals(OverallAssessment.ID)));
    }
}
