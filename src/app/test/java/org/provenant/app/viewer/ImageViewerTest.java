package org.provenant.app.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.provenant.app.FxTesting.fx;
import static org.provenant.app.FxTesting.fxRun;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.provenant.core.image.FloatMap;
import org.provenant.core.render.ColourScale;
import org.provenant.indicators.MapLayer;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Zoom, fit, 1:1, zoom about a point, synchronised viewers, read-out of an overlay. */
@ExtendWith(ApplicationExtension.class)
class ImageViewerTest {
    private ImageViewer a;
    private ImageViewer b;

    @Start
    void start(Stage stage) {
        a = new ImageViewer();
        b = new ImageViewer();
        a.setPrefSize(400, 300);
        b.setPrefSize(400, 300);
        stage.setScene(new Scene(new HBox(a, b), 800, 300));
        stage.show();
    }

    @Test
    void fitShowsTheWholeImageCentred() {
        fxRun(() -> a.setImage(new WritableImage(200, 100)));
        assertEquals(2.0, fx(a::getScale), 1e-9);   // 400/200 and 300/100: width limits
        assertEquals(100, fx(() -> a.centerXProperty().get()), 1e-9);
        assertEquals(50, fx(() -> a.centerYProperty().get()), 1e-9);
        Point2D corner = fx(() -> a.viewToImage(0, 50));
        assertEquals(0, corner.getX(), 1e-9);
        assertEquals(0, corner.getY(), 1e-9);
        fxRun(a::actualSize);
        assertEquals(1.0, fx(a::getScale), 1e-9);
        fxRun(a::fit);
        assertEquals(2.0, fx(a::getScale), 1e-9);
    }

    @Test
    void zoomKeepsThePointUnderTheCursor() {
        fxRun(() -> a.setImage(new WritableImage(200, 100)));
        Point2D before = fx(() -> a.viewToImage(300, 80));
        fxRun(() -> a.zoomAbout(3, 300, 80));
        assertEquals(6.0, fx(a::getScale), 1e-9);
        Point2D after = fx(() -> a.viewToImage(300, 80));
        assertEquals(before.getX(), after.getX(), 1e-9);
        assertEquals(before.getY(), after.getY(), 1e-9);
        Point2D back = fx(() -> a.imageToView(after.getX(), after.getY()));
        assertEquals(300, back.getX(), 1e-9);
        fxRun(() -> a.zoomAbout(1e9, 0, 0));
        assertEquals(ImageViewer.MAX_SCALE, fx(a::getScale), 1e-9);
    }

    @Test
    void wheelZoomsAndSynchronisedViewersFollow(FxRobot robot) {
        fxRun(() -> {
            a.setImage(new WritableImage(200, 100));
            b.setImage(new WritableImage(200, 100));
            a.synchronizeWith(b);
        });
        double s0 = fx(a::getScale);
        robot.moveTo(a);
        robot.scroll(javafx.geometry.VerticalDirection.UP);
        double s1 = fx(a::getScale);
        assertEquals(1, Math.abs(Math.log(s1 / s0) / Math.log(ImageViewer.WHEEL_STEP)), 1e-6, "one notch: " + s0 + " -> " + s1);
        assertEquals(s1, fx(b::getScale), 1e-12);
        fxRun(() -> b.centerXProperty().set(42));
        assertEquals(42, fx(() -> a.centerXProperty().get()), 1e-12);
    }

    @Test
    void aHeatMapTintsTheImageAndAThresholdTurnsItIntoOutlines() {
        FloatMap m = new FloatMap(2, 1, new float[]{0.9f, 0.1f});
        MapOverlayLayer layer = new MapOverlayLayer(new MapLayer("test map", m, ColourScale.GREY, 0, 1, "0", "1", true,
                java.util.List.of()), "Test", 200, 100);
        WritableImage white = new WritableImage(200, 100);
        for (int y = 0; y < 100; y++) for (int x = 0; x < 200; x++) white.getPixelWriter().setArgb(x, y, 0xff000000);
        fxRun(() -> {
            a.setImage(white);      // black image, scale 2: image x = view x / 2, image y = (view y - 50) / 2
            a.layers().add(layer);
        });
        // heat map: the left half (0.9 on a grey scale) lightens the black image, the right half (0.1) barely
        double left = brightness(pixel(a, 100, 150)), right = brightness(pixel(a, 300, 150));
        assertEquals(0.9 * layer.opacity(), left, 0.03);
        assertEquals(0.1 * layer.opacity(), right, 0.03);
        // outlines: only the border of the region at or above the threshold is drawn, its inside shows the image
        fxRun(() -> {
            layer.setThreshold(0.5);
            a.repaint();
        });
        javafx.scene.paint.Color edge = pixel(a, 199, 150);       // image x = 99.5: the region's right border
        assertEquals(MapOverlayLayer.OUTLINE.getGreen(), edge.getGreen(), 0.35);
        assertEquals(0, edge.getRed(), 0.35);
        assertEquals(0, brightness(pixel(a, 100, 150)), 0.02);    // inside the region: the black image
        assertEquals(0, brightness(pixel(a, 300, 150)), 0.02);    // below the threshold: nothing drawn
    }

    private static double brightness(javafx.scene.paint.Color c) {
        return (c.getRed() + c.getGreen() + c.getBlue()) / 3;
    }

    private static javafx.scene.paint.Color pixel(ImageViewer v, int x, int y) {
        return fx(() -> v.snapshot(null, null).getPixelReader().getColor(x, y));
    }

    @Test
    void overlayReadOutAndHoverOutsideTheImage() {
        FloatMap m = new FloatMap(2, 1, new float[]{0.25f, Float.NaN});
        MapOverlayLayer layer = new MapOverlayLayer(new MapLayer("test map", m, ColourScale.GREY, 0, 1, "0", "1", true,
                java.util.List.of()), "Test", 200, 100);
        assertEquals("test map 0.250", layer.describe(10, 10));
        assertEquals("test map no value", layer.describe(150, 99));
        assertNull(layer.describe(-1, 10));
        assertNull(fx(() -> a.hoverPixelProperty().get()));
    }
}
