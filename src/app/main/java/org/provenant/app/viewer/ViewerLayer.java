package org.provenant.app.viewer;

import javafx.scene.canvas.GraphicsContext;

/**
 * Something drawn over the image in an {@link ImageViewer}: a heat map, region outlines, and later annotations
 * (rectangles, arrows, notes). The viewer paints its layers bottom to top after the image, with the graphics
 * context already transformed so that one unit is one image pixel.
 */
public interface ViewerLayer {
    /**
     * @param g     graphics context in image-pixel coordinates
     * @param scale screen pixels per image pixel (to keep strokes a constant width on screen: {@code 2 / scale})
     */
    void paint(GraphicsContext g, double scale);

    /** A short read-out of this layer at an image position for the status bar, or null. */
    default String describe(double imageX, double imageY) {
        return null;
    }
}
