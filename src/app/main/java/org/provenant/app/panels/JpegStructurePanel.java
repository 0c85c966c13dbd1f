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
 * "not a JPEG" (the generic panel's view of a result that measured nothing here).
 */
public final class JpegStructurePanel extends GenericIndicatorPanel {
    public static final String INDICATOR_ID = JpegStructure.ID;

    public JpegStructurePanel(Indicator indicator, PanelContext context) {
        super(indicator, context);
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
