package org.provenant.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatMap;
import org.provenant.core.render.ColourScale;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Score;
import org.provenant.indicators.assessment.OverallAssessment;

/** The first screen's order and its first map. */
class FindingOrderTest {
    private static IndicatorOutcome outcome(String id, Finding f, boolean overlay) {
        Score h = new Score("s", "S", 1, "m");
        List<MapLayer> maps = List.of(new MapLayer("map of " + id, FloatMap.zeros(2, 2), ColourScale.GREY, 0, 1, "0", "1",
                overlay, List.of()));
        return new IndicatorOutcome(id, id, "", IndicatorOutcome.Status.DONE,
                new IndicatorResult(id, h, List.of(h), maps, "", Hypothesis.INCONCLUSIVE, 0.5, null).withFinding(f), null, 1);
    }

    @Test
    void theFirstMapIsTheMostTellingOneThatPointsAwayFromACameraOriginal() {
        IndicatorOutcome camera = outcome("camera", Finding.lean(Hypothesis.CAMERA_ORIGINAL, 0.9, "consistent", ""), true);
        IndicatorOutcome generated = outcome("generated", Finding.likelihoodRatio(30, Hypothesis.GENERATED, false, ""), true);
        IndicatorOutcome noOverlay = outcome("standalone", Finding.lean(Hypothesis.MANIPULATED, 0.9, "edit", ""), false);
        IndicatorOutcome figures = outcome("figures", Finding.figuresOnly(""), true);
        IndicatorOutcome failed = new IndicatorOutcome("failed", "failed", "", IndicatorOutcome.Status.FAILED, null, "x", 1);
        List<IndicatorOutcome> all = List.of(figures, camera, failed, noOverlay, generated);
        assertEquals(Optional.of(generated), FindingOrder.firstMap(all),
                "the lean to a camera original points nowhere; the edit has no map to lay over the image");
        assertEquals(Optional.empty(), FindingOrder.firstMap(List.of(figures, camera, failed)),
                "nothing telling: no heat map, the plain image");
    }

    @Test
    void theAssessmentIsApartAndTheOthersComeMostTellingFirstFailedLast() {
        IndicatorOutcome assessment = outcome(OverallAssessment.ID, Finding.likelihoodRatio(1.2, Hypothesis.GENERATED, false, ""), false);
        IndicatorOutcome figures = outcome("figures", Finding.figuresOnly(""), true);
        IndicatorOutcome c2pa = outcome("c2pa", new Finding("valid Content Credentials", "", Finding.Standing.SUPPORTS,
                Hypothesis.INCONCLUSIVE), false);
        IndicatorOutcome failed = new IndicatorOutcome("failed", "failed", "", IndicatorOutcome.Status.FAILED, null, "x", 1);
        AnalysisReport r = new AnalysisReport(List.of(assessment, failed, figures, c2pa), false);
        assertEquals(Optional.of(assessment), FindingOrder.assessment(r));
        assertEquals(List.of(c2pa, figures, failed), FindingOrder.indicators(r));
    }

    @Test
    void everyIndicatorsMethodPageIsInTheGuide() {
        for (Indicator i : IndicatorRegistry.all()) {
            assertTrue(Files.isRegularFile(Path.of("docs", i.guidePage())), i.id() + ": docs/" + i.guidePage());
        }
    }
}
