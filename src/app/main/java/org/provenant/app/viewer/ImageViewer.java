package org.provenant.app.viewer;

import javafx.beans.InvalidationListener;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A zoomable, pannable image view with a stack of overlay layers. Several viewers can be shown side by side and
 * kept in step with {@link #synchronizeWith(ImageViewer)} (zoom and centre are plain properties).
 *
 * <p>Mouse: wheel zooms about the cursor, drag pans, {@link #hoverPixelProperty()} follows the cursor in image
 * coordinates. {@link #fit()} and {@link #actualSize()} are the toolbar's "Fit" and "1:1".
 */
public class ImageViewer extends Region {
    /** Zoom limits in screen pixels per image pixel. Our choice: 1/64 shows a 100 MP image, 64 shows single pixels. */
    public static final double MIN_SCALE = 1.0 / 64, MAX_SCALE = 64;
    /** One wheel notch multiplies the zoom by this factor. */
    public static final double WHEEL_STEP = 1.25;

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<Image> image = new SimpleObjectProperty<>(this, "image");
    private final DoubleProperty scale = new SimpleDoubleProperty(this, "scale", 1);
    private final DoubleProperty centerX = new SimpleDoubleProperty(this, "centerX", 0);
    private final DoubleProperty centerY = new SimpleDoubleProperty(this, "centerY", 0);
    private final ReadOnlyObjectWrapper<Point2D> hoverPixel = new ReadOnlyObjectWrapper<>(this, "hoverPixel");
    private final ObservableList<ViewerLayer> layers = FXCollections.observableArrayList();
    /** True until the user zooms or pans: a resized window then re-fits the image. */
    private boolean autoFit = true;
    /** What auto-fitting does: this image into this view, or (synchronised viewers) one fit shared by all. */
    private Runnable autoFitting = this::fit;
    private double dragX, dragY;

    public ImageViewer() {
        getStyleClass().add("image-viewer");
        getChildren().add(canvas);
        setMinSize(100, 100);
        setPrefSize(800, 600);
        InvalidationListener redraw = o -> repaint();
        scale.addListener(redraw);
        centerX.addListener(redraw);
        centerY.addListener(redraw);
        layers.addListener(redraw);
        image.addListener((o, old, img) -> {
            autoFit = true;
            autoFitting.run();
        });
        setOnScroll(this::onScroll);
        setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        setOnMouseDragged(this::onDrag);
        setOnMouseMoved(this::onMove);
        setOnMouseExited(e -> hoverPixel.set(null));
    }

    public ObjectProperty<Image> imageProperty() { return image; }
    public Image getImage() { return image.get(); }
    public void setImage(Image img) { image.set(img); }

    /** Screen pixels per image pixel. */
    public DoubleProperty scaleProperty() { return scale; }
    public double getScale() { return scale.get(); }

    /** Image x coordinate shown at the centre of the view. */
    public DoubleProperty centerXProperty() { return centerX; }
    /** Image y coordinate shown at the centre of the view. */
    public DoubleProperty centerYProperty() { return centerY; }

    /** Image coordinates under the mouse, or null when the mouse is outside the image. */
    public ReadOnlyObjectProperty<Point2D> hoverPixelProperty() { return hoverPixel.getReadOnlyProperty(); }

    /** Overlay layers, painted bottom (index 0) to top. Call {@link #repaint()} when a layer's look changes. */
    public ObservableList<ViewerLayer> layers() { return layers; }

    /** Keeps zoom and centre of this viewer and the other one equal (comparison of images of the same size). */
    public void synchronizeWith(ImageViewer other) {
        scale.bindBidirectional(other.scale);
        centerX.bindBidirectional(other.centerX);
        centerY.bindBidirectional(other.centerY);
    }

    /**
     * What a new image or a resized view does until the user zooms or pans; by default {@link #fit()}. Viewers kept in
     * step ({@link #synchronizeWith}) give one fit for all, else the last one resized would impose its own zoom.
     */
    public void setAutoFitting(Runnable fitting) { this.autoFitting = fitting; }

    /** Scales the whole image into the view and centres it. */
    public void fit() {
        Image img = image.get();
        if (img == null) {
            repaint();
            return;
        }
        double w = getWidth() > 0 ? getWidth() : getPrefWidth();
        double h = getHeight() > 0 ? getHeight() : getPrefHeight();
        setView(clamp(Math.min(w / img.getWidth(), h / img.getHeight())), img.getWidth() / 2, img.getHeight() / 2);
        autoFit = true;
    }

    /** One image pixel per screen pixel, keeping the centre. */
    public void actualSize() {
        zoomAbout(1 / scale.get(), getWidth() / 2, getHeight() / 2);
    }

    /** Multiplies the zoom by {@code factor}, keeping the view centre fixed. */
    public void zoom(double factor) {
        zoomAbout(factor, getWidth() / 2, getHeight() / 2);
    }

    /** Multiplies the zoom by {@code factor}, keeping the image point under view position (vx, vy) fixed. */
    public void zoomAbout(double factor, double vx, double vy) {
        double s0 = scale.get();
        double s1 = clamp(s0 * factor);
        Point2D p = viewToImage(vx, vy);
        double cx = p.getX() - (vx - getWidth() / 2) / s1;
        double cy = p.getY() - (vy - getHeight() / 2) / s1;
        autoFit = false;
        setView(s1, cx, cy);
    }

    /** Image coordinates (continuous, pixel centres at +0.5) of a position in this viewer. */
    public Point2D viewToImage(double vx, double vy) {
        double s = scale.get();
        return new Point2D(centerX.get() + (vx - getWidth() / 2) / s, centerY.get() + (vy - getHeight() / 2) / s);
    }

    /** Position in this viewer of image coordinates. */
    public Point2D imageToView(double ix, double iy) {
        double s = scale.get();
        return new Point2D((ix - centerX.get()) * s + getWidth() / 2, (iy - centerY.get()) * s + getHeight() / 2);
    }

    private void setView(double s, double cx, double cy) {
        scale.set(s);
        centerX.set(cx);
        centerY.set(cy);
    }

    private static double clamp(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }

    private void onScroll(ScrollEvent e) {
        if (image.get() == null || e.getDeltaY() == 0) return;
        zoomAbout(e.getDeltaY() > 0 ? WHEEL_STEP : 1 / WHEEL_STEP, e.getX(), e.getY());
        e.consume();
    }

    private void onDrag(MouseEvent e) {
        if (image.get() == null || e.getButton() != MouseButton.PRIMARY) return;
        double s = scale.get();
        autoFit = false;
        setView(s, centerX.get() - (e.getX() - dragX) / s, centerY.get() - (e.getY() - dragY) / s);
        dragX = e.getX();
        dragY = e.getY();
        onMove(e);
    }

    private void onMove(MouseEvent e) {
        Image img = image.get();
        if (img == null) {
            hoverPixel.set(null);
            return;
        }
        Point2D p = viewToImage(e.getX(), e.getY());
        boolean inside = p.getX() >= 0 && p.getY() >= 0 && p.getX() < img.getWidth() && p.getY() < img.getHeight();
        hoverPixel.set(inside ? p : null);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth(), h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            if (autoFit) autoFitting.run();
            repaint();
        }
    }

    /** Redraws the image and every layer. */
    public void repaint() {
        double w = canvas.getWidth(), h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.setGlobalAlpha(1);
        g.setFill(Color.rgb(48, 48, 48));
        g.fillRect(0, 0, w, h);
        Image img = image.get();
        if (img == null) return;
        double s = scale.get();
        g.save();
        g.translate(w / 2 - centerX.get() * s, h / 2 - centerY.get() * s);
        g.scale(s, s);
        // smooth when shrinking; show square pixels when enlarging, as an examiner expects
        g.setImageSmoothing(s < 1);
        g.drawImage(img, 0, 0);
        for (ViewerLayer layer : layers) {
            g.save();
            layer.paint(g, s);
            g.restore();
        }
        g.restore();
    }
}
