package org.provenant.indicators.pixel.pixelkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatMap;

class BlockStatsTest {
    @Test
    void textureTrendRemovesTheImagesOwnTrendAndKeepsTheOutliers() {
        int n = 400;
        float[] v = new float[n], t = new float[n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            t[i] = (float) (r.nextDouble() * 6);
            v[i] = (float) (2 * t[i] + 0.05 * r.nextGaussian());
        }
        v[7] += 3;
        v[8] = Float.NaN;
        float[] res = TextureTrend.residuals(v, t);
        assertTrue(Float.isNaN(res[8]));
        assertEquals(3, res[7], 0.3);
        for (int i = 10; i < n; i++) assertEquals(0, res[i], 0.35, "block " + i);
        assertTrue(Float.isNaN(TextureTrend.residuals(new float[]{1, 2}, new float[]{1, 2})[0]), "too few for a trend");
    }

    @Test
    void robustZFindsTheLargestDepartingGroupOnly() {
        int w = 20, h = 20;
        float[] d = new float[w * h];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
        for (int y = 5; y < 9; y++) for (int x = 5; x < 10; x++) d[y * w + x] = 12;   // a 5x4 group
        d[0] = 15;                                                                    // a lone block
        BlockOutliers.Z z = BlockOutliers.robustZ(new FloatMap(w, h, d));
        assertTrue(z.defined());
        BlockOutliers.Departure dep = BlockOutliers.strongest(z.zMap(), 3, 0, 4, 200, 200);
        assertEquals(20, dep.blocks());
        assertEquals(50, dep.region().x());
        FloatMap groups = BlockOutliers.departingMap(z.zMap(), 3, 4);
        assertTrue(Float.isNaN(groups.get(0, 0)), "the lone block is too small a group");
        assertTrue(groups.get(6, 6) > 3);
        float[] flat = new float[w * h];
        assertNull(BlockOutliers.strongest(BlockOutliers.robustZ(new FloatMap(w, h, flat)).zMap(), 3, 0, 4, 200, 200));
        flat[0] = 0.5f;
        BlockOutliers.Z floor = BlockOutliers.robustZ(new FloatMap(w, h, flat));
        assertEquals(BlockOutliers.MIN_SPREAD, floor.spread(), 1e-12, "all blocks equal: the spread floor, not 0");
        assertEquals(5, floor.zMap().get(0, 0), 1e-5, "no huge z from a near-zero MAD");
        assertTrue(!BlockOutliers.robustZ(new FloatMap(2, 2, new float[]{Float.NaN, 1, 2, 3})).defined(), "too few blocks: undefined");
    }
}
