package org.provenant.indicators.pixel.exemplar;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.provenant.core.filter.Parallel;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;

/**
 * Twins ({@link PatchTwins}) counted per cell of {@link #CELL} pixels, at the image's own resolution (resampling
 * would blur copies into their surroundings). Up to {@link #MAX_PIXELS} the whole image is one window; a larger
 * image is analysed in windows of {@link #TILE} pixels spread evenly over it, as many as fit in {@link #MAX_PIXELS}
 * (a look-alike is then searched within its window only). Unanalysed cells have no count.
 */
public final class TwinField {
    public static final int CELL = 16;
    public static final long MAX_PIXELS = 1_000_000;
    static final int TILE = 512;
    /** A cell joins a group with at least this many twin pixels (of up to 256). Our choice. */
    public static final int MIN_CELL_TWINS = 4;
    static final String SHARED_KEY = "exemplar-twin-field";

    private final int gw, gh;
    private final int[] twins, tested;
    private final boolean[] analysed;
    private final double analysedShare;
    private final boolean[] group;

    private TwinField(int gw, int gh, int[] twins, int[] tested, boolean[] analysed, double analysedShare) {
        this.gw = gw;
        this.gh = gh;
        this.twins = twins;
        this.tested = tested;
        this.analysed = analysed;
        this.analysedShare = analysedShare;
        this.group = largestGroup();
    }

    /** The field of the image, computed once per analysis (the indicator and its gate share it). */
    public static TwinField of(FloatImage image, IndicatorContext ctx) throws IndicatorException {
        return ctx.shared(image).compute(SHARED_KEY, () -> compute(image, ctx));
    }

    static TwinField compute(FloatImage image, IndicatorContext ctx) {
        int w = image.width(), h = image.height();
        int gw = Math.max(1, (w + CELL - 1) / CELL), gh = Math.max(1, (h + CELL - 1) / CELL);
        int[] twins = new int[gw * gh], tested = new int[gw * gh];
        boolean[] analysed = new boolean[gw * gh];
        List<int[]> windows = windows(w, h);
        int[][] rgb = eightBit(image);
        long done = 0;
        PatchTwins[] found = new PatchTwins[windows.size()];
        Parallel.forEach(windows.size(), k -> {
            ctx.progress().checkCancelled();
            int[] win = windows.get(k);
            int x0 = win[0], y0 = win[1], ww = win[2], wh = win[3];
            int[][] c = new int[3][ww * wh];
            for (int y = 0; y < wh; y++) {
                for (int ch = 0; ch < 3; ch++) System.arraycopy(rgb[ch], (y0 + y) * w + x0, c[ch], y * ww, ww);
            }
            found[k] = new PatchTwins(ww, wh, c[0], c[1], c[2], 1000L + k);
        });
        for (int k = 0; k < windows.size(); k++) {
            int[] win = windows.get(k);
            PatchTwins t = found[k];
            done += (long) win[2] * win[3];
            for (int y = 0; y < win[3]; y++) {
                for (int x = 0; x < win[2]; x++) {
                    int i = y * win[2] + x;
                    int c = (win[1] + y) / CELL * gw + (win[0] + x) / CELL;
                    analysed[c] = true;
                    if (!t.textured(i)) continue;
                    tested[c]++;
                    if (t.twin(i)) twins[c]++;
                }
            }
        }
        return new TwinField(gw, gh, twins, tested, analysed, Math.min(1, done / ((double) w * h)));
    }

    /** The analysed windows {x, y, width, height}: the whole image, or evenly spread tiles within the budget. */
    static List<int[]> windows(int w, int h) {
        List<int[]> out = new ArrayList<>();
        if ((long) w * h <= MAX_PIXELS || w <= TILE && h <= TILE) {
            out.add(new int[]{0, 0, w, h});
            return out;
        }
        int tw = Math.min(w, TILE), th = Math.min(h, TILE);
        int cols = (w + tw - 1) / tw, rows = (h + th - 1) / th;
        int budget = (int) Math.max(1, MAX_PIXELS / ((long) tw * th));
        int all = cols * rows;
        for (int k = 0; k < Math.min(budget, all); k++) {
            int idx = (int) ((k + 0.5) * all / Math.min(budget, all));
            int cx = idx % cols, cy = idx / cols;
            int x = cols == 1 ? 0 : (int) Math.round(cx * (w - tw) / (double) (cols - 1));
            int y = rows == 1 ? 0 : (int) Math.round(cy * (h - th) / (double) (rows - 1));
            out.add(new int[]{x, y, tw, th});
        }
        return out;
    }

    private static int[][] eightBit(FloatImage image) {
        FloatImage rgb = image.channels() == 3 ? image : image.toRgb();
        int[][] out = new int[3][rgb.pixels()];
        for (int c = 0; c < 3; c++) {
            float[] p = rgb.plane(c);
            for (int i = 0; i < p.length; i++) out[c][i] = Math.round(Math.max(0, Math.min(1, p[i])) * 255);
        }
        return out;
    }

    public int gw() { return gw; }

    public int gh() { return gh; }

    /** Twins in cell c. */
    public int twins(int c) { return twins[c]; }

    /** Textured (tested) pixels in cell c. */
    public int tested(int c) { return tested[c]; }

    public boolean analysed(int c) { return analysed[c]; }

    public double analysedShare() { return analysedShare; }

    /** Whether cell c belongs to the largest group. */
    public boolean inGroup(int c) { return group[c]; }

    /** Twin pixels in the largest group: the headline. */
    public long groupTwins() {
        long s = 0;
        for (int c = 0; c < group.length; c++) if (group[c]) s += twins[c];
        return s;
    }

    public int groupCells() {
        int n = 0;
        for (boolean g : group) if (g) n++;
        return n;
    }

    /**
     * Twins among the tested pixels outside the largest group; the whole image's share where the group holds more
     * than three quarters of the tested pixels (a picture that repeats itself everywhere is one big group).
     */
    public double backgroundShare() {
        long t = 0, n = 0, all = 0, allTwins = 0;
        for (int c = 0; c < group.length; c++) {
            all += tested[c];
            allTwins += twins[c];
            if (group[c]) continue;
            t += twins[c];
            n += tested[c];
        }
        if (all == 0) return 0;
        return n * 4 < all ? allTwins / (double) all : t / (double) n;
    }

    /** The 8-connected group of cells with at least {@link #MIN_CELL_TWINS} twins that holds the most twins. */
    private boolean[] largestGroup() {
        int[] label = new int[gw * gh];
        long best = 0;
        int bestLabel = 0, next = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int s = 0; s < label.length; s++) {
            if (label[s] != 0 || twins[s] < MIN_CELL_TWINS) continue;
            label[s] = ++next;
            queue.add(s);
            long sum = 0;
            while (!queue.isEmpty()) {
                int c = queue.poll();
                sum += twins[c];
                int cx = c % gw, cy = c / gw;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int x = cx + dx, y = cy + dy;
                        if (x < 0 || y < 0 || x >= gw || y >= gh) continue;
                        int n = y * gw + x;
                        if (label[n] == 0 && twins[n] >= MIN_CELL_TWINS) {
                            label[n] = next;
                            queue.add(n);
                        }
                    }
                }
            }
            if (sum > best) {
                best = sum;
                bestLabel = next;
            }
        }
        boolean[] out = new boolean[label.length];
        for (int c = 0; c < out.length; c++) out[c] = bestLabel != 0 && label[c] == bestLabel;
        return out;
    }
}
