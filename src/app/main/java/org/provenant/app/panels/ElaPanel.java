package org.provenant.app.panels;

import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.pixel.ela.ErrorLevelAnalysis;

/**
 * Error level analysis with the examiner's re-save quality: a slider (50-100, step 5) whose release asks the window
 * to run the indicator again with {@code ela.quality} through the analysis engine ({@link PanelContext#rerun()}).
 * The panel never computes; the new result arrives as a normal finished event.
 */
public final class ElaPanel extends GenericIndicatorPanel {
    public static final String INDICATOR_ID = ErrorLevelAnalysis.ID;

    public ElaPanel(Indicator indicator, PanelContext context) {
        super(indicator, context);
    }

    @Override
    protected Node extraView(IndicatorResult r) {
        int used;
        try {
            used = (int) r.score("ela_quality").value();
        } catch (IllegalArgumentException e) {
            return null;
        }
        Slider quality = new Slider(50, 100, used);
        quality.setId("ela-quality");
        quality.setMajorTickUnit(10);
        quality.setMinorTickCount(1);
        quality.setSnapToTicks(true);
        quality.setShowTickLabels(true);
        quality.setShowTickMarks(true);
        HBox.setHgrow(quality, Priority.ALWAYS);
        Label value = new Label("Re-save quality " + used);
        value.setId("ela-quality-value");
        Runnable apply = () -> {
            int q = (int) Math.round(quality.getValue());
            value.setText("Re-save quality " + q + (q == used ? "" : " (running...)"));
            if (q != used) context().rerun().rerun(indicator().id(), Map.of(ErrorLevelAnalysis.QUALITY_KEY, Integer.toString(q)));
        };
        quality.valueChangingProperty().addListener((o, was, now) -> {
            if (!now) apply.run();
        });
        quality.valueProperty().addListener((o, a, v) -> {
            if (!quality.isValueChanging()) apply.run();
        });
        HBox row = new HBox(8, value, quality);
        row.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("Choose the JPEG quality of the re-save; the analysis runs again in the background. Near the"
                + " quality the image was last saved at (see JPEG ghosts) untouched content goes dark and fresh content stays bright.");
        hint.setWrapText(true);
        hint.getStyleClass().add("score-meaning");
        return new VBox(4, row, hint);
    }
}
