package org.provenant.app.panels;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.jpeg.jpegstructure.JpegStructure;

/**
 * The JPEG structure panel: for a JPEG the generic views (double-compression map, scores) with the structure,
 * quality estimates, quantization tables and first-quantization estimates as a tree; for any other file only
 * "not a JPEG".
 */
public final class JpegStructurePanel extends GenericIndicatorPanel {
    public static final String INDICATOR_ID = JpegStructure.ID;

    public JpegStructurePanel(Indicator indicator, PanelContext context) {
        super(indicator, context);
    }

    @Override
    protected void showResult(IndicatorResult r) {
        if (JpegStructure.NOT_JPEG.equals(r.headline().meaning())) {
            showFinding(r);
            Label l = new Label(JpegStructure.NOT_JPEG);
            l.getStyleClass().addAll("headline", "not-a-jpeg");
            body().getChildren().add(l);
            return;
        }
        super.showResult(r);
    }

    @Override
    protected Node extraView(IndicatorResult r) {
        if (r.details().isEmpty()) return null;
        Label title = new Label("Structure, quantization tables and the first compression");
        title.getStyleClass().add("map-title");
        DetailTreeView tree = new DetailTreeView();
        tree.show(r.details());
        tree.getStyleClass().add("jpeg-structure-tree");
        return new VBox(4, title, tree);
    }
}
