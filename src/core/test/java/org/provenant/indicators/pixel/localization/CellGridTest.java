package org.provenant.indicators.pixel.localization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatMap;

class CellGridTest {
    @Test
    void cellsGrowWithTheImageAndHoldWholeJpegBlocks() {
        assertEquals(8, CellGrid.of(384, 256).cell());
        assertEquals(16, CellGrid.of(864, 864).cell());
        assertEquals(16, CellGrid.of(1024, 700).cell());
        assertEquals(32, CellGrid.of(2048, 1536).cell());
        CellGrid g = CellGrid.of(390, 260);   // remainder of 6 and 4 pixels goes to the last cells
        assertEquals(48, g.gw());
        assertEquals(32, g.gh());
        assertEquals(47, g.cx(389));
        assertEquals(31, g.cy(259));
    }

    @Test
    void blocksPixelsAndCoarseMapsAverageOntoTheGrid() {
        CellGrid g = CellGrid.of(32, 16);     // 8-pixel cells: 4 x 2
        float[] blocks = new float[4 * 2];
        for (int i = 0; i < blocks.length; i++) blocks[i] = i;
        blocks[5] = Float.NaN;
        FloatMap b = g.fromBlocks(blocks, 4, 2);
        assertEquals(3f, b.get(3, 0));
        assertTrue(Float.isNaN(b.get(1, 1)));
        float[] px = new float[32 * 16];
        for (int y = 0; y < 16; y++) for (int x = 0; x < 32; x++) px[y * 32 + x] = x < 8 ? 1 : 0;
        FloatMap p = g.fromPixels(px);
        assertEquals(1f, p.get(0, 1));
        assertEquals(0f, p.get(1, 1));
        FloatMap coarse = new FloatMap(2, 1, new float[]{5, 7});   // coarser than the grid: each cell takes its map cell
        FloatMap c = g.fromMap(coarse);
        assertEquals(5f, c.get(1, 1));
        assertEquals(7f, c.get(2, 0));
        FloatMap fine = new FloatMap(8, 4, new float[32]);
        fine.set(0, 0, 4);                                          // finer: averaged (one of the cell's four map cells)
        assertEquals(1f, g.fromMap(fine).get(0, 0));
    }
}
