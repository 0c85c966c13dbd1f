package org.provenant.app;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.ResultDetails;
import org.provenant.indicators.jpegstructure.JpegStructure;

/**
 * The JPEG structure panel: for a JPEG the generic views (double-compression map, scores) with the structure,
 * quality estimates, quantization tables and first-quantization estimates as tables; for any other file only
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
            Label l = new Label(JpegStructure.NOT_JPEG);
            l.getStyleClass().addAll("headline", "not-a-jpeg");
            body().getChildren().add(l);
            return;
        }
        super.showResult(r);
    }

    @Override
    protected Node extraView(IndicatorResult r) {
        var details = ResultDetails.of(r);
        if (details.isEmpty()) return null;
        VBox box = new VBox(8);
        for (ResultDetails.Table t : details.get().tables()) box.getChildren().add(DetailTableView.of(t));
        return box;
    }
}
