package org.provenant.app.viewer;

import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import org.provenant.app.common.MapImages;

/**
 * The viewer's loupe: a square in the viewer's top-right corner that magnifies (2x-16x, nearest neighbour, pixel
 * grid from 8x) the pixels under the mouse, of the image or of the map selected to draw over it; and the quick
 * image/map toggle (M) and flicker (F) for the viewer and the loupe together. State lives in
 * {@link LoupeViewModel}; this class only draws and wires controls.
 */
public final class LoupeView {
    private final LoupeViewModel model = new LoupeViewModel();
    private final ImageViewer viewer;
    private final Canvas canvas = new Canvas(LoupeViewModel.SIZE, LoupeViewModel.SIZE);
    private final Label caption = new Label();
    private final VBox box;
    private final Timeline timer;
    private MapOverlayLayer overlay;
    private Double savedOpacity;

    public LoupeView(ImageViewer viewer) {
        this.viewer = viewer;
        caption.getStyleClass().add("loupe-caption");
        caption.setMaxWidth(LoupeViewModel.SIZE);
        box = new VBox(2, canvas, caption);
        box.setId("loupe");
        box.getStyleClass().add("loupe");
        box.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        box.setMouseTransparent(true);
        StackPane.setAlignment(box, Pos.TOP_RIGHT);
        StackPane.setMargin(box, new Insets(8));
        timer = new Timeline(new KeyFrame(Duration.millis(LoupeViewModel.FLICKER_MS), e -> model.flickerStep()));
        timer.setCycleCount(Timeline.INDEFINITE);
        model.positionProperty().bind(viewer.hoverPixelProperty());
        viewer.imageProperty().addListener((o, a, img) -> model.setImageSize(img == null ? 0 : img.getWidth(), img == null ? 0 : img.getHeight()));
        InvalidationListener redraw = o -> draw();
        model.positionProperty().addListener(redraw);
        model.zoomProperty().addListener(redraw);
        model.enabledProperty().addListener(redraw);
        model.showMapProperty().addListener(o -> {
            applyToViewer();
            draw();
        });
        model.flickerProperty().addListener((o, a, on) -> {
            if (on) timer.play();
            else timer.stop();
            applyToViewer();
            draw();
        });
        draw();
    }

    public LoupeViewModel model() { return model; }

    /** The loupe itself, for the viewer's stack (top-right corner, mouse-transparent). */
    public Node node() { return box; }

    /** The toolbar controls: loupe on/off, zoom -/+, image/map toggle, flicker. */
    public List<Node> toolNodes() {
        ToggleButton on = new ToggleButton("Loupe");
        on.setId("loupe-toggle");
        on.setTooltip(new Tooltip("Magnifier that follows the mouse over the image or map (L)"));
        on.selectedProperty().bindBidirectional(model.enabledProperty());
        Button less = new Button("-");
        less.setId("loupe-zoom-out");
        less.setTooltip(new Tooltip("Loupe zoom down to 2x ([)"));
        less.setOnAction(e -> model.zoomOut());
        Label zoom = new Label();
        zoom.setId("loupe-zoom");
        zoom.textProperty().bind(model.zoomProperty().asString("%dx"));
        Button more = new Button("+");
        more.setId("loupe-zoom-in");
        more.setTooltip(new Tooltip("Loupe zoom up to 16x; pixel grid from 8x (])"));
        more.setOnAction(e -> model.zoomIn());
        ToggleButton map = new ToggleButton("Image/Map");
        map.setId("toggle-map");
        map.setTooltip(new Tooltip("Show the selected map instead of the image, and back (M)"));
        map.selectedProperty().bindBidirectional(model.showMapProperty());
        map.disableProperty().bind(model.mapAvailableProperty().not());
        ToggleButton flicker = new ToggleButton("Flicker");
        flicker.setId("flicker");
        flicker.setTooltip(new Tooltip("Alternate image and selected map twice a second (F)"));
        flicker.selectedProperty().bindBidirectional(model.flickerProperty());
        flicker.disableProperty().bind(model.mapAvailableProperty().not());
        return List.of(on, less, zoom, more, map, flicker);
    }

    /** Keys L, M, F, [ and ] anywhere in the window, except while typing in a text field. */
    public void installKeys(Node root) {
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof TextInputControl || e.isShortcutDown() || e.isAltDown()) return;
            KeyCode k = e.getCode();
            if (k == KeyCode.M) model.toggle();
            else if (k == KeyCode.F && model.mapAvailableProperty().get()) model.flickerProperty().set(!model.flickerProperty().get());
            else if (k == KeyCode.L) model.enabledProperty().set(!model.enabledProperty().get());
            else if (k == KeyCode.CLOSE_BRACKET) model.zoomIn();
            else if (k == KeyCode.OPEN_BRACKET) model.zoomOut();
            else return;
            e.consume();
        });
    }

    /** Holds the loupe at an image point regardless of the mouse (screenshots, tests); {@link #unpin} follows again. */
    public void pin(javafx.geometry.Point2D p) {
        model.positionProperty().unbind();
        model.positionProperty().set(p);
    }

    public void unpin() {
        if (!model.positionProperty().isBound()) model.positionProperty().bind(viewer.hoverPixelProperty());
    }

    /** The map selected to draw over the image (null: none); the toggle and flicker switch to it. */
    public void setOverlay(MapOverlayLayer layer) {
        if (overlay != null && savedOpacity != null) overlay.setOpacity(savedOpacity);
        savedOpacity = null;
        overlay = layer;
        model.mapAvailableProperty().set(layer != null);
        applyToViewer();
        draw();
    }

    private void applyToViewer() {
        if (overlay == null) return;
        boolean map = model.showMapProperty().get(), flickering = model.flickerProperty().get();
        if (savedOpacity == null) savedOpacity = overlay.opacity();
        overlay.setOpacity(map ? 1 : flickering ? 0 : savedOpacity);
        if (!map && !flickering) savedOpacity = null;
        viewer.repaint();
    }

    private void draw() {
        boolean visible = model.visible() && viewer.getImage() != null;
        box.setVisible(visible);
        if (!visible) return;
        int z = model.zoomProperty().get(), size = LoupeViewModel.SIZE;
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setImageSmoothing(false);
        g.setGlobalAlpha(1);
        g.setFill(Color.rgb(32, 32, 32));
        g.fillRect(0, 0, size, size);
        Image img = viewer.getImage();
        Rectangle2D r = model.sourceRect();
        drawPart(g, img, img.getWidth(), img.getHeight(), r, z);
        if (model.showMapProperty().get() && overlay != null) {
            Image pic = MapImages.of(overlay.mapLayer()).overlay();
            drawPart(g, pic, img.getWidth(), img.getHeight(), r, z);
        }
        if (model.gridVisible()) {
            g.setStroke(Color.rgb(255, 255, 255, 0.28));
            g.setLineWidth(1);
            for (int i = 0; i <= size; i += z) {
                g.strokeLine(i + 0.5, 0, i + 0.5, size);
                g.strokeLine(0, i + 0.5, size, i + 0.5);
            }
        }
        // the pixel under the mouse
        double c = Math.floor(r.getWidth() / 2) * z;
        g.setStroke(Color.YELLOW);
        g.setLineWidth(2);
        g.strokeRect(c, c, z, z);
        g.setStroke(Color.gray(0.85));
        g.strokeRect(1, 1, size - 2, size - 2);
        caption.setText(model.caption());
    }

    /**
     * Draws the image-pixel rectangle r of a picture that covers the whole image (the image itself, or a map picture
     * of any size stretched over it), clipped to the picture, each image pixel a z x z square.
     */
    private static void drawPart(GraphicsContext g, Image pic, double imageW, double imageH, Rectangle2D r, int z) {
        double x0 = Math.max(0, r.getMinX()), y0 = Math.max(0, r.getMinY());
        double x1 = Math.min(imageW, r.getMaxX()), y1 = Math.min(imageH, r.getMaxY());
        if (x1 <= x0 || y1 <= y0) return;
        double sx = pic.getWidth() / imageW, sy = pic.getHeight() / imageH;
        g.drawImage(pic, x0 * sx, y0 * sy, (x1 - x0) * sx, (y1 - y0) * sy,
                (x0 - r.getMinX()) * z, (y0 - r.getMinY()) * z, (x1 - x0) * z, (y1 - y0) * z);
    }
}
