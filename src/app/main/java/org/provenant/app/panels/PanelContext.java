package org.provenant.app.panels;

import java.util.Map;
import javafx.scene.control.ToggleGroup;
import org.provenant.app.viewer.ImageViewer;
import org.provenant.app.viewer.MapOverlayLayer;

/**
 * What a panel may use of the window.
 *
 * @param viewer        the main image viewer (panels read the image size and ask it to repaint)
 * @param overlayChoice the window-wide choice of the one heat map drawn over the image: a panel adds a toggle per
 *                      overlay map with a {@link MapOverlayLayer} as user data; the window shows the selected one
 * @param rerun         asks the window to run one indicator again with the examiner's parameters (e.g. ELA's
 *                      quality slider) through the analysis engine; the panel then receives the usual events
 */
public record PanelContext(ImageViewer viewer, ToggleGroup overlayChoice, Rerun rerun) {
    /** Runs one indicator again with changed parameters (panels never compute themselves). */
    @FunctionalInterface
    public interface Rerun {
        void rerun(String indicatorId, Map<String, String> parameters);
    }

    public PanelContext {
        if (rerun == null) rerun = (id, p) -> { };
    }

    /** A context without re-runs (comparison views, tests). */
    public PanelContext(ImageViewer viewer, ToggleGroup overlayChoice) {
        this(viewer, overlayChoice, null);
    }
}
