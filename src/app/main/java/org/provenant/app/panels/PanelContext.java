package org.provenant.app.panels;

import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.control.ToggleGroup;
import org.provenant.app.viewer.ImageViewer;
import org.provenant.app.viewer.MapOverlayLayer;

/**
 * What a panel may use of the window.
 *
 * @param viewer        the main image viewer (panels read the image size and ask it to repaint)
 * @param overlayChoice the window-wide choice of the one heat map drawn over the image: a panel adds a toggle per
 *                      overlay map with a {@link MapOverlayLayer} as user data; the window shows the selected one
 * @param rerun         asks the window to run one indicator again with the examiner's parameters (a declared
 *                      setting's control) through the analysis engine; the panel then receives the usual events
 * @param settings      the examiner's settings in use for the open image; null where nothing can be run again
 *                      (comparison views, tests): the panels then draw no setting controls
 */
public record PanelContext(ImageViewer viewer, ToggleGroup overlayChoice, Rerun rerun, Supplier<Map<String, String>> settings) {
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
        this(viewer, overlayChoice, null, null);
    }
}
