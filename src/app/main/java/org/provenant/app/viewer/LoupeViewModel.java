package org.provenant.app.viewer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;

/**
 * The loupe's state, without any view: whether it is on, its zoom (2x-16x, screen pixels per image pixel, nearest
 * neighbour), the image point it follows, and whether it (and the viewer) shows the image or the selected map,
 * flickering between the two when asked. The view draws {@link #sourceRect()} of the image (or map) into a square of
 * {@link #SIZE} screen pixels.
 */
public final class LoupeViewModel {
    public static final int MIN_ZOOM = 2, MAX_ZOOM = 16;
    /** Side of the loupe in screen pixels. */
    public static final int SIZE = 224;
    /** From this zoom on, the loupe draws the pixel grid. Our choice: below it the grid lines crowd the pixels. */
    public static final int GRID_FROM = 8;
    /** Flicker period: image and map alternate every this many milliseconds. */
    public static final int FLICKER_MS = 450;

    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", true);
    private final IntegerProperty zoom = new SimpleIntegerProperty(this, "zoom", 4);
    private final ObjectProperty<Point2D> position = new SimpleObjectProperty<>(this, "position");
    private final BooleanProperty showMap = new SimpleBooleanProperty(this, "showMap", false);
    private final BooleanProperty flicker = new SimpleBooleanProperty(this, "flicker", false);
    private final BooleanProperty mapAvailable = new SimpleBooleanProperty(this, "mapAvailable", false);
    private double imageWidth, imageHeight;

    public LoupeViewModel() {
        zoom.addListener((o, a, v) -> {
            int c = clampZoom(v.intValue());
            if (c != v.intValue()) zoom.set(c);
        });
        mapAvailable.addListener((o, a, v) -> {
            if (!v) {
                flicker.set(false);
                showMap.set(false);
            }
        });
    }

    public BooleanProperty enabledProperty() { return enabled; }
    public IntegerProperty zoomProperty() { return zoom; }
    /** The image point under the mouse (continuous image pixels), or null when the mouse is away. */
    public ObjectProperty<Point2D> positionProperty() { return position; }
    /** True while the selected map is shown instead of the image (toggle with M, or the flicker). */
    public BooleanProperty showMapProperty() { return showMap; }
    public BooleanProperty flickerProperty() { return flicker; }
    /** True when a map is selected to draw over the image; without one there is nothing to toggle to. */
    public BooleanProperty mapAvailableProperty() { return mapAvailable; }

    public void setImageSize(double w, double h) {
        imageWidth = w;
        imageHeight = h;
    }

    public static int clampZoom(int z) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    }

    /** Doubles the zoom (up to 16x). */
    public void zoomIn() { zoom.set(clampZoom(zoom.get() * 2)); }

    /** Halves the zoom (down to 2x). */
    public void zoomOut() { zoom.set(clampZoom(zoom.get() / 2)); }

    /** Switches between image and map (only when a map is available). */
    public void toggle() {
        if (mapAvailable.get()) showMap.set(!showMap.get());
    }

    /** One flicker step: called by the view's timer while flickering. */
    public void flickerStep() {
        if (flicker.get() && mapAvailable.get()) showMap.set(!showMap.get());
    }

    /** The loupe is drawn when it is on, the mouse is over the image and an image is loaded. */
    public boolean visible() {
        return enabled.get() && position.get() != null && imageWidth > 0;
    }

    public boolean gridVisible() {
        return zoom.get() >= GRID_FROM;
    }

    /**
     * The image pixels shown: a square of SIZE / zoom whole pixels, centred on the pixel under the mouse, so that
     * each image pixel becomes a zoom x zoom square (it may reach past the image border, which is drawn empty).
     */
    public Rectangle2D sourceRect() {
        Point2D p = position.get();
        if (p == null) return Rectangle2D.EMPTY;
        int n = Math.max(1, SIZE / zoom.get());
        double x0 = Math.floor(p.getX()) - Math.floor(n / 2.0);
        double y0 = Math.floor(p.getY()) - Math.floor(n / 2.0);
        return new Rectangle2D(x0, y0, n, n);
    }

    /** The caption, e.g. "Loupe 8x: map" or "Loupe 4x: image (x 120, y 45)". */
    public String caption() {
        Point2D p = position.get();
        String where = p == null ? "" : String.format(java.util.Locale.ROOT, " (x %d, y %d)", (int) Math.floor(p.getX()), (int) Math.floor(p.getY()));
        return "Loupe " + zoom.get() + "x: " + (showMap.get() ? "map" : "image") + (flicker.get() ? ", flickering" : "") + where;
    }
}
