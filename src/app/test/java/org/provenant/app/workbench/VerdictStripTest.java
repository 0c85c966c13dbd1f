package org.provenant.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenant.app.FxTesting.fx;

import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.app.TestIndicators;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Score;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The findings strip wraps: one long finding never makes the strip, and so the window, wider than a screen. */
@ExtendWith(ApplicationExtension.class)
class VerdictStripTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void aLongFindingEndsInAnEllipsisInsteadOfWideningTheWindow() {
        TestIndicators.Brightness ind = new TestIndicators.Brightness();
        String reason = "the file is a classic JPEG (4:2:0 chroma), and on JPEG re-saves of generators and photo sources it"
                + " never trained on this detector's ROC AUC was 0.58 (0.5 = chance), so its score says too little here";
        Score head = new Score("s", "S", 1, "");
        IndicatorResult r = new IndicatorResult(ind.id(), head, List.of(head), List.of(), "", Hypothesis.INCONCLUSIVE, 0.5, null)
                .withFinding(Finding.notHere("no verdict here: " + reason, ""));
        double[] widths = fx(() -> {
            VerdictStrip strip = new VerdictStrip(List.of(ind), id -> { });
            stage.setScene(new Scene(strip, 900, 200));
            stage.show();
            double before = strip.minWidth(-1);
            strip.finished(new IndicatorOutcome(ind.id(), ind.displayName(), "", IndicatorOutcome.Status.DONE, r, null, 1));
            strip.applyCss();
            strip.layout();
            return new double[]{before, strip.minWidth(-1), strip.chip(ind.id()).getPrefWidth(), strip.chip(ind.id()).prefWidth(-1)};
        });
        assertTrue(widths[1] <= VerdictStrip.CHIP_MAX_WIDTH + 20, "the strip's narrowest: " + widths[1]);
        assertEquals(VerdictStrip.CHIP_MAX_WIDTH, widths[2], 1e-9, "the long chip is capped");
        assertTrue(widths[3] <= VerdictStrip.CHIP_MAX_WIDTH, "and lays out no wider: " + widths[3]);
    }
}
