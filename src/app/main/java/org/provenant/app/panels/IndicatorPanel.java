package org.provenant.app.panels;

import javafx.scene.Node;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.indicators.Indicator;

/**
 * The view of one indicator in the workbench. The window drives it through the states of an analysis; all calls
 * come on the JavaFX thread. {@link GenericIndicatorPanel} renders any result; a specialised panel for one
 * indicator id is registered in {@link PanelRegistry}.
 */
public interface IndicatorPanel {
    Indicator indicator();

    /** The panel's node, shown in its own tab. */
    Node node();

    /** A new image is loaded and the analysis is about to start: forget the previous result. */
    void reset();

    /** The indicator has started working. */
    void started();

    /** @param fraction 0..1 of this indicator's work done */
    void progress(double fraction);

    /** The indicator has finished (done, failed or cancelled). */
    void finished(IndicatorOutcome outcome);
}
