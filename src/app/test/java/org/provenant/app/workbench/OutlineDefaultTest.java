package org.provenant.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.provenant.app.FxTesting.fx;
import static org.provenant.app.FxTesting.fxRun;
import static org.provenant.app.FxTesting.waitUntil;

import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.provenant.app.TestIndicators;
import org.provenant.app.WorkbenchFixture;
import org.provenant.app.panels.GenericIndicatorPanel;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.render.ColourScale;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Score;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A map that outlines a region is drawn over the image uninvited only when its result has something to say that
 * points away from a camera original; an outline of a result with figures only is not the first picture an examiner
 * sees of an untouched photo.
 */
@ExtendWith(ApplicationExtension.class)
class OutlineDefaultTest extends WorkbenchFixture {
    /** Outlines the brightest quarter of the image; its finding is given. */
    record Outlining(Finding finding) implements Indicator {
        @Override public String id() { return "test-outlining"; }
        @Override public String displayName() { return "Test outlining"; }
        @Override public String methodReference() { return "test fixture"; }
        @Override public int order() { return 1; }

        @Override
        public IndicatorResult analyze(FloatImage image, IndicatorContext context) {
            FloatMap m = FloatMap.zeros(4, 4);
            m.set(0, 0, 1);
            Score head = new Score("s", "S", 1, "");
            MapLayer layer = new MapLayer("Region", m, ColourScale.VIRIDIS, 0, 1, "0", "1", true, List.of(), 0.5);
            return new IndicatorResult(id(), head, List.of(head), List.of(layer), "Test.", Hypothesis.INCONCLUSIVE, 0.5, null)
                    .withFinding(finding);
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        open(stage, "provenant-outline-test");
    }

    private boolean outlineShownFor(Finding f, long seed) throws Exception {
        Outlining ind = new Outlining(f);
        show(List.of(ind));
        Path img = TestIndicators.writePng(dir.resolve("sample.png"), 64, 64, seed);   // its own bytes: the case folder reuses results by SHA-256
        fxRun(() -> window.open(img));
        waitUntil(30, "analysis finished", () -> window.lastReport() != null && !window.analysingProperty().get());
        GenericIndicatorPanel p = (GenericIndicatorPanel) window.panel(ind.id());
        return fx(() -> p.overlayToggles().get(0).isSelected());
    }

    @Test
    void aRegionOfAResultWithFiguresOnlyIsNotDrawnUninvited() throws Exception {
        assertEquals(false, outlineShownFor(Finding.figuresOnly("held-out ROC AUC 0.69, under the bar"), 11));
    }

    @Test
    void aRegionOfAResultThatLeansIsDrawnAtOnce() throws Exception {
        assertEquals(true, outlineShownFor(Finding.lean(Hypothesis.MANIPULATED, 0.8, "suggests local manipulation", "test"), 12));
    }
}
