package org.provenant.indicators.features;

import java.util.List;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.render.ColourScale;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Score;

/**
 * The largest solid region of 8x8 blocks that lack an earlier JPEG compression's trace (the pasted-region indicators).
 * A block lacks it where the map says so with probability above {@code lacksAbove}; blocks with clipped pixels carry no
 * evidence (clipping after the first save
 * moves the coefficients off its lattice, as a bright table top or a saturated wall shows). The lacking blocks are
 * opened (3x3 erosion, then dilation), which removes the speckle of weak evidence and keeps solid areas, and the
 * largest 4-connected group is the region; the background share is the share of lacking blocks among the usable
 * ones more than {@link #MARGIN} blocks away from it (of all usable blocks where the region holds more than
 * {@link #MAX_REGION} of them: then it is the picture itself that lacks the trace, not a region in it).
 */
public final class BlockRegion {
    /** Largest share of a block's pixels with a clipped channel (0 or 255) for the block to count. */
    public static final double MAX_CLIPPED = 0.1;
    static final int MARGIN = 2;
    /** Largest share of the usable blocks a region may hold; a larger one is the picture itself, not a region in it. */
    static final double MAX_REGION = 0.5;

    public final int bw, bh;
    private final FloatMap lacks;
    /** Usable blocks (known and not clipped), lacking ones, and the region. */
    public final boolean[] usable, lacking, region;
    /** Blocks in the region; usable blocks. */
    public final int size, usableCount;
    /** Share of lacking blocks away from the region; share of the known blocks left out for clipping. */
    public final double background, clippedShare;

    /**
     * @param lacks per 8x8 block from the image's top-left corner, the probability that it lacks the trace (NaN: no
     *              evidence); may extend past the image (a JPEG's MCU padding)
     * @param lacksAbove the probability above which a block lacks it
     */
    public BlockRegion(FloatMap lacks, FloatImage image, double lacksAbove) {
        this.lacks = lacks;
        bw = Math.min(lacks.width(), (image.width() + 7) / 8);
        bh = Math.min(lacks.height(), (image.height() + 7) / 8);
        float[] clip = clippedShare(image, bw, bh);
        usable = new boolean[bw * bh];
        lacking = new boolean[bw * bh];
        int known = 0, clipped = 0;
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                int i = y * bw + x;
                float p = lacks.get(x, y);
                if (Float.isNaN(p)) continue;
                known++;
                if (clip[i] > MAX_CLIPPED) {
                    clipped++;
                    continue;
                }
                usable[i] = true;
                lacking[i] = p > lacksAbove;
            }
        }
        clippedShare = known == 0 ? 0 : clipped / (double) known;
        boolean[] opened = dilate(erode(lacking));
        float[] asMap = new float[bw * bh];
        for (int i = 0; i < asMap.length; i++) asMap[i] = opened[i] ? 1 : 0;
        int[] label = Regions.labels(new FloatMap(bw, bh, asMap), 0.5);
        int n = 0;
        for (int l : label) n = Math.max(n, l);
        int[] count = new int[n + 1];
        for (int l : label) count[l]++;
        int best = 0;
        for (int l = 1; l <= n; l++) if (count[l] > count[best] || best == 0) best = l;
        region = new boolean[bw * bh];
        for (int i = 0; i < region.length; i++) region[i] = best > 0 && label[i] == best;
        size = best > 0 ? count[best] : 0;
        boolean[] near = region;
        for (int k = 0; k < MARGIN; k++) near = dilate(near);
        int out = 0, outLacking = 0, all = 0, allLacking = 0;
        for (int i = 0; i < region.length; i++) {
            if (!usable[i]) continue;
            all++;
            if (lacking[i]) allLacking++;
            if (near[i]) continue;
            out++;
            if (lacking[i]) outLacking++;
        }
        usableCount = all;
        background = size > MAX_REGION * all ? allLacking / (double) all : out == 0 ? 0 : outLacking / (double) out;
    }

    /**
     * The two maps of a pasted-region indicator: the probability that a block lacks the trace (usable blocks only), and
     * the region outlined. {@code trace} names what is lacked ("the first compression").
     */
    public List<MapLayer> maps(String trace) {
        float[] shown = new float[bw * bh], outline = new float[bw * bh];
        for (int i = 0; i < shown.length; i++) {
            shown[i] = usable[i] ? lacks.get(i % bw, i / bw) : Float.NaN;
            outline[i] = region[i] ? 1 : Float.NaN;
        }
        return List.of(
                new MapLayer("Probability that a block lacks " + trace + " (clipped blocks left out)", new FloatMap(bw, bh, shown),
                        ColourScale.INFERNO, 0, 1, "0 (carries it)", "1 (lacks it)", true, List.of()),
                new MapLayer("Largest region without " + trace, new FloatMap(bw, bh, outline), ColourScale.VIRIDIS, 0, 1, "-",
                        "in the region", true, List.of(), 0.5));
    }

    /** The region's share, the background share (no verdict from {@code maxBackground}) and the clipped share, as scores. */
    public List<Score> scores(String trace, double maxBackground) {
        return List.of(
                new Score("region_share", "Share of the usable blocks in the region", usableCount == 0 ? 0 : size / (double) usableCount, "0..1."),
                new Score("background_lacking_share", "Blocks lacking " + trace + " away from the region", background,
                        "Untouched photos: usually under 0.01. At " + maxBackground + " or more no verdict is drawn."),
                new Score("clipped_share", "Blocks left out for clipping", clippedShare, "Share of the blocks with more than "
                        + (int) (100 * MAX_CLIPPED) + " % of pixels at 0 or 255 in a channel: clipping moves a block off the trace."));
    }

    /** Region blocks as a percentage of the usable ones. */
    public double percentOfUsable() {
        return usableCount == 0 ? 0 : 100.0 * size / usableCount;
    }

    /** Per 8x8 block (bw x bh blocks from the top-left corner): the share of its pixels with a channel at 0 or 255. */
    public static float[] clippedShare(FloatImage image, int bw, int bh) {
        int w = image.width(), h = image.height();
        float[] out = new float[bw * bh];
        for (int c = 0; c < image.channels(); c++) {
            float[] p = image.plane(c);
            for (int y = 0; y < Math.min(h, bh * 8); y++) {
                for (int x = 0; x < Math.min(w, bw * 8); x++) {
                    float v = p[y * w + x];
                    if (v >= 254.5f / 255 || v <= 0.5f / 255) out[(y / 8) * bw + x / 8] += 1 / 64f;
                }
            }
        }
        return out;
    }

    /** 3x3 erosion; blocks outside the grid count as not set. */
    private boolean[] erode(boolean[] m) {
        boolean[] out = new boolean[m.length];
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                boolean all = m[y * bw + x];
                for (int dy = -1; dy <= 1 && all; dy++) {
                    for (int dx = -1; dx <= 1 && all; dx++) {
                        int xx = x + dx, yy = y + dy;
                        all = xx >= 0 && yy >= 0 && xx < bw && yy < bh && m[yy * bw + xx];
                    }
                }
                out[y * bw + x] = all;
            }
        }
        return out;
    }

    /** 3x3 dilation. */
    private boolean[] dilate(boolean[] m) {
        boolean[] out = new boolean[m.length];
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                if (!m[y * bw + x]) continue;
                for (int dy = Math.max(0, y - 1); dy <= Math.min(bh - 1, y + 1); dy++) {
                    for (int dx = Math.max(0, x - 1); dx <= Math.min(bw - 1, x + 1); dx++) out[dy * bw + dx] = true;
                }
            }
        }
        return out;
    }
}
