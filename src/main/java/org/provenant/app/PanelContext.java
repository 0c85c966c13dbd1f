package org.provenant.app;

import javafx.scene.control.ToggleGroup;

/**
 * What a panel may use of the window.
 *
 * @param viewer        the main image viewer (panels read the image size and ask it to repaint)
 * @param overlayChoice the window-wide choice of the one heat map drawn over the image: a panel adds a toggle per
 *                      overlay map with a {@link MapOverlayLayer} as user data; the window shows the selected one
 */
public record PanelContext(ImageViewer viewer, ToggleGroup overlayChoice) {
}
