package org.provenant.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenant.indicators.Finding.Standing;

/** The words of a likelihood ratio, the fallback of a result that states no finding, and the order of the views. */
class FindingTest {
    @Test
    void aLikelihoodRatioIsWordedOnTheEnfsiScale() {
        Finding codec = Finding.likelihoodRatio(42, Hypothesis.NEURAL_CODEC, false, "calibrated");
        assertEquals("LR 42: moderate support for neural-codec compression", codec.phrase());
        assertEquals(Standing.SUPPORTS, codec.standing(), "away from 1 without the policy's verdict: something to say");
        assertEquals(Hypothesis.NEURAL_CODEC, codec.favours());

        Finding none = Finding.likelihoodRatio(1.4, Hypothesis.GENERATED, false, "calibrated");
        assertEquals("LR 1.4: no support either way", none.phrase());
        assertEquals(Standing.NEUTRAL, none.standing());
        assertEquals(Hypothesis.INCONCLUSIVE, none.favours());

        Finding camera = Finding.likelihoodRatio(1 / 300.0, Hypothesis.GENERATED, false, "calibrated");
        assertEquals("LR 1/300: moderately strong support for a camera original over a generated image", camera.phrase(),
                "below 1 the propositions swap, and both are named");
        assertEquals(Hypothesis.CAMERA_ORIGINAL, camera.favours());

        Finding lean = Finding.likelihoodRatio(2_400, Hypothesis.MANIPULATED, true, "calibrated");
        assertEquals("LR 2,400: strong support for a local edit", lean.phrase());
        assertEquals(Standing.LEANS, lean.standing());
        assertEquals(Math.log10(2_400), lean.weight(), 1e-9);

        Finding undefined = Finding.likelihoodRatio(Double.NaN, Hypothesis.GENERATED, false, "calibrated");
        assertEquals(Standing.NEUTRAL, undefined.standing());
        assertFalse(undefined.phrase().contains("NaN"), undefined.phrase());
    }

    @Test
    void aResultThatStatesNoFindingSaysFiguresOnlyUnlessItLeans() {
        IndicatorResult quiet = new IndicatorResult("x", new Score("s", "S", 8.75, "m"), List.of(), List.of(), "",
                Hypothesis.INCONCLUSIVE, 0.5, null);
        assertEquals(Finding.FIGURES_ONLY, quiet.finding().phrase());
        assertEquals(Standing.FIGURES_ONLY, quiet.finding().standing());
        assertFalse(quiet.finding().phrase().matches(".*\\d.*"), "no bare number");

        IndicatorResult leaning = new IndicatorResult("x", new Score("s", "S", 1, "m"), List.of(), List.of(), "",
                Hypothesis.MANIPULATED, 0.8, null);
        assertEquals(Standing.LEANS, leaning.finding().standing());
        assertEquals("suggests local manipulation", leaning.finding().phrase());

        Finding stated = Finding.notHere("no verdict on a re-saved JPEG", "the file is a classic JPEG");
        assertEquals(stated, quiet.withFinding(stated).finding());
        assertEquals("no verdict on a re-saved JPEG", stated.line(), "no strength, no brackets");
    }

    @Test
    void aVerdictPolicysDecisionIsWordedOneWay() {
        assertEquals(Finding.FIGURES_ONLY, Finding.ofVerdict(Hypothesis.GENERATED, Hypothesis.INCONCLUSIVE, 0.5, 3.2, false,
                null, "held-out AUC 0.62, under the bar").phrase(), "an LR that is not validated is not worded");
        Finding gated = Finding.ofVerdict(Hypothesis.NEURAL_CODEC, Hypothesis.INCONCLUSIVE, 0.5, 40, true,
                "the file is a classic JPEG (4:2:0 chroma)", "");
        assertEquals("no verdict here: the file is a classic JPEG (4:2:0 chroma)", gated.phrase());
        assertEquals(Standing.NOT_HERE, gated.standing());
        Finding lean = Finding.ofVerdict(Hypothesis.GENERATED, Hypothesis.GENERATED, 0.8, 4.1, true, null, "calibrated");
        assertEquals("LR 4.1: weak support for a generated image", lean.phrase());
        assertEquals(Standing.LEANS, lean.standing());
        Finding camera = Finding.ofVerdict(Hypothesis.GENERATED, Hypothesis.CAMERA_ORIGINAL, 0.9, 0.05, true, null, "calibrated");
        assertEquals(Standing.LEANS, camera.standing(), "a calibrated lean to a camera original");
        assertEquals(Hypothesis.CAMERA_ORIGINAL, camera.favours());
        assertEquals("LR 1/20: moderate support for a camera original over a generated image", camera.phrase());
        Finding vote = Finding.ofVerdict(Hypothesis.NEURAL_CODEC, Hypothesis.NEURAL_CODEC, 0.85, Double.NaN, true, null, "forest");
        assertEquals(Hypothesis.NEURAL_CODEC.phrase(), vote.phrase());
        Finding quiet = Finding.ofVerdict(Hypothesis.MANIPULATED, Hypothesis.INCONCLUSIVE, 0.5, Double.NaN, true, null, "threshold");
        assertEquals("no sign of a local edit", quiet.phrase());
        assertEquals(Standing.NEUTRAL, quiet.standing());
    }

    @Test
    void theMostTellingComeFirstAndEqualsKeepTheirOrder() {
        Finding figures = Finding.figuresOnly(""), notHere = Finding.notHere("no verdict here", "why");
        Finding weak = Finding.likelihoodRatio(3, Hypothesis.GENERATED, false, ""),
                strong = Finding.likelihoodRatio(1 / 500.0, Hypothesis.NEURAL_CODEC, false, "");
        Finding lean = Finding.lean(Hypothesis.MANIPULATED, 0.7, "a copied region", ""),
                neutral = Finding.likelihoodRatio(1.1, Hypothesis.GENERATED, false, "");
        Finding figures2 = Finding.figuresOnly("second");
        List<Finding> l = new ArrayList<>(List.of(figures, notHere, neutral, weak, figures2, strong, lean));
        l.sort(Finding.MOST_TELLING_FIRST);
        assertEquals(List.of(lean, strong, weak, neutral, figures, figures2, notHere), l);
        assertTrue(Standing.SUPPORTS.telling() && !Standing.NEUTRAL.telling() && !Standing.NOT_HERE.telling());
    }
}
