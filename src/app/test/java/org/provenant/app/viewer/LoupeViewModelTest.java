package org.provenant.app.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** The loupe's state without a screen. */
class LoupeViewModelTest {
    @Test
    void zoomStaysBetween2And16AndTheGridAppearsFrom8x() {
        LoupeViewModel m = new LoupeViewModel();
        assertEquals(4, m.zoomProperty().get());
        assertFalse(m.gridVisible());
        m.zoomIn();
        assertEquals(8, m.zoomProperty().get());
        assertTrue(m.gridVisible());
        m.zoomIn();
        m.zoomIn();
        assertEquals(16, m.zoomProperty().get(), "capped at 16x");
        m.zoomProperty().set(40);
        assertEquals(16, m.zoomProperty().get());
        m.zoomProperty().set(1);
        assertEquals(2, m.zoomProperty().get(), "at least 2x");
        m.zoomOut();
        assertEquals(2, m.zoomProperty().get());
    }

    @Test
    void sourceIsASquareOfWholePixelsCentredOnThePixelUnderTheMouse() {
        LoupeViewModel m = new LoupeViewModel();
        m.setImageSize(100, 80);
        assertFalse(m.visible(), "no mouse, no loupe");
        m.positionProperty().set(new Point2D(40.7, 30.2));
        assertTrue(m.visible());
        m.zoomProperty().set(8);
        Rectangle2D r = m.sourceRect();
        int n = LoupeViewModel.SIZE / 8;
        assertEquals(n, r.getWidth());
        assertEquals(n, r.getHeight());
        assertEquals(40 - n / 2, r.getMinX());
        assertEquals(30 - n / 2, r.getMinY());
        // pixel (40, 30) lands at whole multiples of the zoom: nearest neighbour, no blur
        assertEquals(0, (40 - r.getMinX()) * 8 % 8);
        m.zoomProperty().set(16);
        assertEquals(LoupeViewModel.SIZE / 16, m.sourceRect().getWidth());
        m.enabledProperty().set(false);
        assertFalse(m.visible());
    }

    @Test
    void toggleAndFlickerNeedASelectedMap() {
        LoupeViewModel m = new LoupeViewModel();
        m.toggle();
        assertFalse(m.showMapProperty().get(), "nothing to toggle to without a map");
        m.mapAvailableProperty().set(true);
        m.toggle();
        assertTrue(m.showMapProperty().get());
        m.toggle();
        assertFalse(m.showMapProperty().get());
        m.flickerProperty().set(true);
        m.flickerStep();
        assertTrue(m.showMapProperty().get());
        m.flickerStep();
        assertFalse(m.showMapProperty().get());
        m.showMapProperty().set(true);
        m.mapAvailableProperty().set(false);
        assertFalse(m.showMapProperty().get(), "the map went away: back to the image");
        assertFalse(m.flickerProperty().get());
        m.positionProperty().set(new Point2D(3.5, 9.9));
        assertEquals("Loupe 4x: image (x 3, y 9)", m.caption());
    }
}
