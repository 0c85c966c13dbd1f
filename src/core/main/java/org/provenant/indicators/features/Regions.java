package org.provenant.indicators.features;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.provenant.core.image.FloatMap;

/**
 * Threshold-to-regions for overlay maps (pure functions, shared by the viewer's threshold slider and the report):
 * the map cells at or above a threshold, grouped into 4-connected regions, with bounding boxes and outlines in
 * image pixel coordinates. A map of mw x mh cells is taken to cover the whole image, cell (cx, cy) spanning
 * x in [floor(cx W / mw), floor((cx + 1) W / mw)) and likewise in y. NaN cells are never in a region.
 */
public final class Regions {
    private Regions() { }

    /**
     * One region.
     *
     * @param x       bounding box left, image pixels
     * @param y       bounding box top
     * @param width   bounding box width
     * @param height  bounding box height
     * @param area    image pixels covered by the region's cells
     * @param peak    highest map value in the region
     * @param mean    mean map value over the region's cells
     * @param outline the region's boundary as line segments {x1, y1, x2, y2} in image pixels (holes included)
     */
    public record Region(int x, int y, int width, int height, long area, double peak, double mean, List<double[]> outline) { }

    /** Regions of cells with value >= threshold, largest first (one pass over the map, whatever the number of regions). */
    public static List<Region> find(FloatMap map, double threshold, int imageWidth, int imageHeight) {
        int mw = map.width(), mh = map.height();
        int[] label = labels(map, threshold);
        int n = 0;
        for (int l : label) n = Math.max(n, l);
        int[] x0 = new int[n + 1], y0 = new int[n + 1], x1 = new int[n + 1], y1 = new int[n + 1], cells = new int[n + 1];
        long[] area = new long[n + 1];
        double[] peak = new double[n + 1], sum = new double[n + 1];
        java.util.Arrays.fill(x0, Integer.MAX_VALUE);
        java.util.Arrays.fill(y0, Integer.MAX_VALUE);
        java.util.Arrays.fill(x1, -1);
        java.util.Arrays.fill(y1, -1);
        java.util.Arrays.fill(peak, Double.NEGATIVE_INFINITY);
        List<List<double[]>> seg = new ArrayList<>();
        for (int id = 0; id <= n; id++) seg.add(new ArrayList<>());
        int[] xs = edges(mw, imageWidth), ys = edges(mh, imageHeight);
        for (int cy = 0; cy < mh; cy++) {
            for (int cx = 0; cx < mw; cx++) {
                int id = label[cy * mw + cx];
                if (id == 0) continue;
                float v = map.get(cx, cy);
                cells[id]++;
                sum[id] += v;
                peak[id] = Math.max(peak[id], v);
                int l = xs[cx], r = xs[cx + 1], t = ys[cy], b = ys[cy + 1];
                area[id] += (long) (r - l) * (b - t);
                x0[id] = Math.min(x0[id], l);
                y0[id] = Math.min(y0[id], t);
                x1[id] = Math.max(x1[id], r);
                y1[id] = Math.max(y1[id], b);
                List<double[]> sg = seg.get(id);
                if (cy == 0 || label[(cy - 1) * mw + cx] != id) sg.add(new double[]{l, t, r, t});
                if (cy == mh - 1 || label[(cy + 1) * mw + cx] != id) sg.add(new double[]{l, b, r, b});
                if (cx == 0 || label[cy * mw + cx - 1] != id) sg.add(new double[]{l, t, l, b});
                if (cx == mw - 1 || label[cy * mw + cx + 1] != id) sg.add(new double[]{r, t, r, b});
            }
        }
        List<Region> out = new ArrayList<>();
        for (int id = 1; id <= n; id++) {
            out.add(new Region(x0[id], y0[id], x1[id] - x0[id], y1[id] - y0[id], area[id], peak[id], sum[id] / cells[id], seg.get(id)));
        }
        out.sort((a, b) -> Long.compare(b.area(), a.area()));
        return out;
    }

    /** Per image pixel: true where the covering map cell is at or above the threshold. */
    public static boolean[] mask(FloatMap map, double threshold, int imageWidth, int imageHeight) {
        boolean[] m = new boolean[imageWidth * imageHeight];
        int[] xs = edges(map.width(), imageWidth), ys = edges(map.height(), imageHeight);
        for (int cy = 0; cy < map.height(); cy++) {
            for (int cx = 0; cx < map.width(); cx++) {
                float v = map.get(cx, cy);
                if (!(v >= threshold)) continue;
                for (int y = ys[cy]; y < ys[cy + 1]; y++) {
                    for (int x = xs[cx]; x < xs[cx + 1]; x++) m[y * imageWidth + x] = true;
                }
            }
        }
        return m;
    }

    /**
     * Per image pixel: true inside the regions an indicator outlines (the first of its maps with an outline threshold,
     * {@link org.provenant.indicators.MapLayer#outlineAt()}); null when it outlines on no map.
     */
    public static boolean[] outlined(org.provenant.indicators.IndicatorResult r, int imageWidth, int imageHeight) {
        for (org.provenant.indicators.MapLayer m : r.maps()) {
            if (m.overlay() && m.outlines()) return mask(m.map(), m.outlineAt(), imageWidth, imageHeight);
        }
        return null;
    }

    /** Intersection over union of two masks of the same size (1 when both are empty). */
    public static double iou(boolean[] a, boolean[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("masks differ in size");
        long inter = 0, union = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && b[i]) inter++;
            if (a[i] || b[i]) union++;
        }
        return union == 0 ? 1 : inter / (double) union;
    }

    /**
     * Hysteresis: the cells at or above {@code grow} that are 4-connected to a cell at or above {@code seed}, with their
     * map values; every other cell NaN (drawn transparent, never in a region).
     */
    public static FloatMap hysteresis(FloatMap map, double seed, double grow) {
        int[] label = labels(map, grow);
        int n = 0;
        for (int l : label) n = Math.max(n, l);
        boolean[] seeded = new boolean[n + 1];
        for (int i = 0; i < label.length; i++) if (label[i] > 0 && map.data()[i] >= seed) seeded[label[i]] = true;
        float[] out = new float[label.length];
        for (int i = 0; i < out.length; i++) out[i] = label[i] > 0 && seeded[label[i]] ? map.data()[i] : Float.NaN;
        return new FloatMap(map.width(), map.height(), out);
    }

    /** 4-connected component labels (1..n) of the cells at or above the threshold; 0 elsewhere. */
    public static int[] labels(FloatMap map, double threshold) {
        int mw = map.width(), mh = map.height();
        int[] label = new int[mw * mh];
        int next = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < label.length; start++) {
            if (label[start] != 0 || !(map.data()[start] >= threshold)) continue;
            label[start] = ++next;
            queue.add(start);
            while (!queue.isEmpty()) {
                int i = queue.poll(), cx = i % mw, cy = i / mw;
                int[] nb = {cx > 0 ? i - 1 : -1, cx < mw - 1 ? i + 1 : -1, cy > 0 ? i - mw : -1, cy < mh - 1 ? i + mw : -1};
                for (int j : nb) {
                    if (j >= 0 && label[j] == 0 && map.data()[j] >= threshold) {
                        label[j] = next;
                        queue.add(j);
                    }
                }
            }
        }
        return label;
    }

    /** Image-pixel boundaries of n cells covering size pixels: n + 1 values from 0 to size. */
    public static int[] edges(int n, int size) {
        int[] e = new int[n + 1];
        for (int i = 0; i <= n; i++) e[i] = (int) Math.floor((double) i * size / n);
        return e;
    }
}
