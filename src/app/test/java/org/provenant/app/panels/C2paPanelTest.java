package org.provenant.app.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleGroup;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.app.FxTesting;
import org.provenant.app.viewer.ImageViewer;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.file.c2pa.ContentCredentials;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The registry gives the Content Credentials indicator its own panel, which binds to its view model. */
@ExtendWith(ApplicationExtension.class)
class C2paPanelTest {
    private IndicatorPanel panel;

    @Start
    void start(Stage stage) {
        panel = PanelRegistry.standard().create(new ContentCredentials(), new PanelContext(new ImageViewer(), new ToggleGroup()));
        stage.setScene(new Scene((javafx.scene.Parent) panel.node(), 700, 800));
        stage.show();
    }

    @Test
    void tamperedFileShowsTheInvalidBannerAndTheColouredChain() throws Exception {
        IndicatorResult r = C2paViewModelTest.result("XCA.jpg");
        FxTesting.fxRun(() -> panel.finished(new IndicatorOutcome("c2pa", "Content Credentials (C2PA)", "m",
                IndicatorOutcome.Status.DONE, r, null, 12)));
        assertTrue(panel instanceof C2paPanel);
        Label banner = FxTesting.fx(() -> (Label) panel.node().lookup("#c2pa-banner"));
        assertTrue(banner.getText().contains("INVALID"));
        assertTrue(banner.getStyleClass().contains("detail-bad"));
        DetailTreeView tree = FxTesting.fx(() -> (DetailTreeView) panel.node().lookup("#c2pa-tree"));
        int all = FxTesting.fx(() -> tree.getExpandedItemCount());
        CheckBox only = FxTesting.fx(() -> (CheckBox) panel.node().lookup("#c2pa-problems-only"));
        FxTesting.fxRun(() -> only.setSelected(true));
        int problems = FxTesting.fx(() -> tree.getExpandedItemCount());
        assertTrue(problems < all, problems + " < " + all);
        assertEquals(true, ((C2paPanel) panel).model().problemsOnlyProperty().get());
    }
}
