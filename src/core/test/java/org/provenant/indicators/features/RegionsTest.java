package org.provenant.indicators.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatMap;
import org.provenant.indicators.features.Regions;

class RegionsTest {
    @Test
    void twoBlobsBecomeTwoRegionsWithBoxesInImageCoordinates() {
        FloatMap m = FloatMap.zeros(10, 8);
        for (int y = 1; y <= 3; y++) for (int x = 1; x <= 4; x++) m.set(x, y, 0.9f); // 4x3 cells
        m.set(8, 6, 0.7f);                                                           // 1 cell
        m.set(6, 6, Float.NaN);
        List<Regions.Region> r = Regions.find(m, 0.5, 100, 80); // 10 px per cell
        assertEquals(2, r.size());
        Regions.Region big = r.get(0);
        assertEquals(10, big.x());
        assertEquals(10, big.y());
        assertEquals(40, big.width());
        assertEquals(30, big.height());
        assertEquals(1200, big.area());
        assertEquals(0.9, big.peak(), 1e-6);
        // outline of a 4x3 block: 2 * (4 + 3) unit edges
        assertEquals(14, big.outline().size());
        Regions.Region small = r.get(1);
        assertEquals(80, small.x());
        assertEquals(60, small.y());
        assertEquals(4, small.outline().size());
        assertTrue(Regions.find(m, 0.95, 100, 80).isEmpty());
    }

    @Test
    void diagonalCellsAreSeparateRegionsAndMaskMatchesArea() {
        FloatMap m = FloatMap.zeros(3, 3);
        m.set(0, 0, 1);
        m.set(1, 1, 1);
        assertEquals(2, Regions.find(m, 0.5, 9, 9).size());
        boolean[] mask = Regions.mask(m, 0.5, 9, 9);
        int n = 0;
        for (boolean b : mask) if (b) n++;
        assertEquals(18, n);
        assertTrue(mask[0] && mask[4 * 9 + 4] && !mask[8 * 9 + 8]);
    }

    @Test
    void iouOfOverlappingMasks() {
        boolean[] a = new boolean[10], b = new boolean[10];
        for (int i = 0; i < 6; i++) a[i] = true;
        for (int i = 3; i < 9; i++) b[i] = true;
        assertEquals(3 / 9.0, Regions.iou(a, b), 1e-12);
        assertEquals(1.0, Regions.iou(new boolean[4], new boolean[4]), 0);
    }

    @Test
    void unevenGridsCoverTheWholeImage() {
        FloatMap m = FloatMap.zeros(3, 1);
        m.set(2, 0, 1);
        Regions.Region r = Regions.find(m, 0.5, 10, 5).get(0);
        assertEquals(6, r.x());
        assertEquals(4, r.width());
        assertEquals(5, r.height());
    }

    @Test
    void hysteresisKeepsOnlyGroupsThatReachTheSeed() {
        FloatMap m = FloatMap.zeros(8, 3);
        m.set(0, 1, 0.6f);
        m.set(1, 1, 0.9f);   // seed: the group (0..2, 1) stays
        m.set(2, 1, 0.55f);
        m.set(5, 1, 0.7f);   // above grow but never reaches the seed: dropped
        m.set(6, 1, 0.6f);
        FloatMap h = Regions.hysteresis(m, 0.8, 0.5);
        assertEquals(0.6f, h.get(0, 1));
        assertEquals(0.9f, h.get(1, 1));
        assertEquals(0.55f, h.get(2, 1));
        assertTrue(Float.isNaN(h.get(5, 1)) && Float.isNaN(h.get(6, 1)) && Float.isNaN(h.get(3, 1)));
        assertEquals(1, Regions.find(h, 0.5, 80, 30).size());
        assertEquals(30 * 10, Regions.find(h, 0.5, 80, 30).get(0).area());
    }
}
