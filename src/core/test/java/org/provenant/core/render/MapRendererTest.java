package org.provenant.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenant.analysis.MapPictures;
import org.provenant.core.image.FloatMap;
import org.provenant.indicators.MapLayer;

/** Issue 14: a map cell with no data (NaN) is drawn transparent, never as a value of the scale (0 or mid grey). */
class MapRendererTest {
    private static final FloatMap MAP = new FloatMap(2, 1, new float[]{Float.NaN, 0f});

    @Test
    void noDataIsTransparentInEveryRendering() {
        for (BufferedImage img : List.of(MapRenderer.render(MAP, ColourScale.GREY, 0, 1),
                MapRenderer.renderArgb(MAP, ColourScale.INFERNO, 0, 1, 0.5))) {
            assertEquals(0, img.getRGB(0, 0) >>> 24, "NaN cell transparent");
            assertNotEquals(0, img.getRGB(1, 0) >>> 24, "a value is drawn");
        }
    }

    @Test
    void standalonePictureShowsACheckerboardWhereThereIsNoDataAndTheLegendSaysSo() {
        MapLayer layer = new MapLayer("test", MAP, ColourScale.GREY, 0, 1, "0", "1", false, List.of());
        BufferedImage pic = MapPictures.withLegend(layer);
        // the NaN cell covers the left half of the map (enlarged to 384 pixels wide): checkerboard colours only
        int light = MapRenderer.CHECK_LIGHT.getRGB(), dark = MapRenderer.CHECK_DARK.getRGB();
        boolean sawLight = false, sawDark = false;
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 150; x++) {
                int c = pic.getRGB(x, y);
                assertTrue(c == light || c == dark, "no-data pixel at " + x + "," + y + " is 0x" + Integer.toHexString(c));
                sawLight |= c == light;
                sawDark |= c == dark;
            }
        }
        assertTrue(sawLight && sawDark);
        assertEquals(ColourScale.GREY.rgb(0) | 0xff000000, pic.getRGB(300, 10), "the value 0 keeps its colour");
        // the legend's "no data" swatch: a checkerboard below the colour bar
        BufferedImage legend = MapRenderer.legend(ColourScale.INFERNO, "t", "low", "high", 160);
        int swatchY = 22 + (160 - 22 - 8 - 20) + 6 + 3;   // top + bar height + gap + 3
        int a = legend.getRGB(5, swatchY) | 0xff000000, b = legend.getRGB(5 + MapRenderer.CHECK, swatchY) | 0xff000000;
        assertTrue((a == light && b == dark) || (a == dark && b == light), Integer.toHexString(a) + " " + Integer.toHexString(b));
    }
}
