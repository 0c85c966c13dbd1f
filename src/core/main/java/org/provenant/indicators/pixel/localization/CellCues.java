package org.provenant.indicators.pixel.localization;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.jpeg.JpegModel;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.generative.zed.ZedIndicator;
import org.provenant.indicators.pixel.noiseprint.NoiseprintIndicator;
import org.provenant.indicators.pixel.pixelkit.BlockOutliers;
import org.provenant.indicators.pixel.pixelkit.PixelWork;
import org.provenant.indicators.pixel.pixelkit.TextureTrend;

/**
 * The localization cues of one image on its {@link CellGrid}, raw (before they are compared with the rest of the
 * image), and the context that says how far they can be trusted. Every cue that compares a block statistic with the
 * block's texture does so against the image's own trend ({@link TextureTrend}), like with like.
 *
 * <ul>
 * <li>{@value #ELA}: log JPEG re-save error at quality 90 relative to blocks of similar texture (error level
 *     analysis; fresher content changes more);</li>
 * <li>{@value #NOISE}: log energy of the finest Haar diagonal band relative to similar texture (a local noise level:
 *     a pasted, blurred or painted region has its own);</li>
 * <li>{@value #DETAIL}: the fine-to-coarse detail ratio ({@link DetailRatio}) relative to similar coarse detail (an
 *     upsampled, decoded or generated patch lacks the finest band);</li>
 * <li>{@value #GHOST}: the JPEG ghost, the strongest departure over qualities 55-95 of a block's re-save error from
 *     the image's own curve (a region that was not compressed with the rest lacks its dip);</li>
 * <li>{@value #GRID} and {@value #GRID_SHIFT}: the JPEG block grid on the image's 8x8 grid and on a shifted one
 *     ({@link BlockGridCue});</li>
 * <li>{@value #DUPLICATES}: the share of near-duplicate patches ({@link DuplicatePatches}: exemplar fills, clones);</li>
 * <li>{@value #COPY_MOVE}: the share of the cell in a copy-move cluster of the copy-move indicator (both regions);</li>
 * <li>{@value #DOUBLE_JPEG}: for a JPEG file compressed twice on the same grid, the JPEG-structure indicator's
 *     probability that a block lacks the first compression (Bianchi and Piva); 0 where it has no such map;</li>
 * <li>{@value #NOISEPRINT} and {@value #CODING_COST}: the camera-noise anomaly and the coding-cost gap maps of two other
 *     indicators ({@link #EXTERNAL}).</li>
 * </ul>
 * Context: {@value #TEXTURE} (log luma AC energy), {@value #SATURATED} (share of clipped pixels), {@value #DARK}
 * (mean luma, 0..1).
 *
 * <p>Maps of other indicators join as further cues through {@link #EXTERNAL}: an indicator id and the name of its map
 * (e.g. a camera-noise anomaly map or a generated-image coding-cost map); the map is averaged onto the grid and
 * compared with the rest of the image like the others. A cue whose indicator is not installed is left out (the fusion
 * model then counts it as 0: no evidence). Adding one is a line here and a refit ({@code provenant fit-localization}).
 */
public final class CellCues {
    public static final String ELA = "ela", NOISE = "noise", DETAIL = "detail", GHOST = "ghost", GRID = "grid",
            GRID_SHIFT = "grid-shift", DUPLICATES = "duplicates", COPY_MOVE = "copy-move", DOUBLE_JPEG = "double-jpeg",
            NOISEPRINT = "noiseprint", CODING_COST = "coding-cost";
    public static final String TEXTURE = "texture", SATURATED = "saturated", DARK = "dark";
    /** Re-save quality of the error-level cue (the error-level indicator's default, so the work is shared). */
    static final int ELA_QUALITY = 90;
    /** Qualities of the ghost cue (a subset of the JPEG ghosts indicator's sweep, so the work is shared). */
    static final int[] GHOST_QUALITIES = {55, 65, 75, 85, 95};
    /** Luma AC energy (8-bit units squared) under which a block is flat: its error and noise say nothing. */
    static final double FLAT = 4.0;

    /** The cue in words, for explanations. */
    public static String words(String cue) {
        return switch (cue) {
            case ELA -> "error level";
            case NOISE -> "noise level";
            case DETAIL -> "fine detail";
            case GHOST -> "JPEG ghost";
            case GRID -> "JPEG block grid";
            case GRID_SHIFT -> "shifted block grid";
            case DUPLICATES -> "duplicate patches";
            case COPY_MOVE -> "copy-move";
            case DOUBLE_JPEG -> "double JPEG";
            case NOISEPRINT -> "camera-noise anomaly";
            case CODING_COST -> "coding-cost gap";
            default -> cue;
        };
    }

    /** Another indicator's overlay map used as a cue: the first map whose name starts with {@code mapName}. */
    public record External(String cue, String indicatorId, String mapName) { }

    /** The JPEG-structure indicator's aligned double-compression map (present only for such files). */
    static final External DOUBLE_QUANTIZATION = new External(DOUBLE_JPEG, "jpeg-structure", "Blocks without the first compression");

    /**
     * The other indicators' maps fused: the camera-noise fingerprint's anomaly map (a probability per 32-px cell that the
     * cell does not fit the image's own noiseprint; up to 1 MP analysed) and the zero-shot real-image coder's coding-cost
     * gap (bits per coded value per 8x8 pixels; the central 512x512 pixels only, NaN elsewhere). Both indicators run in
     * every analysis anyway; their results come from the analysis' shared work, so nothing is computed twice.
     */
    public static final List<External> EXTERNAL = List.of(
            new External(NOISEPRINT, NoiseprintIndicator.ID, "Noiseprint anomaly"),
            new External(CODING_COST, ZedIndicator.ID, ZedIndicator.MAP_NAME));

    /** Whether a cue is one of {@link #EXTERNAL}. */
    public static boolean external(String cue) {
        return EXTERNAL.stream().anyMatch(e -> e.cue().equals(cue));
    }

    /** The raw cues and the context, each a map on the grid (NaN where it has no value). */
    public record Cues(CellGrid grid, Map<String, FloatMap> cues, Map<String, FloatMap> context) { }

    private CellCues() { }

    /** Every cue, the {@link #EXTERNAL} ones included (what fitting and its cache need). */
    public static Cues measure(FloatImage image, IndicatorContext ctx) throws IndicatorException {
        return measure(image, ctx, cue -> true);
    }

    /**
     * The image's own cues and the {@link #EXTERNAL} cues that {@code wanted} accepts (those a fusion model weighs:
     * an external cue makes another indicator run, which costs seconds where that indicator is not otherwise asked for).
     */
    public static Cues measure(FloatImage image, IndicatorContext ctx, Predicate<String> wanted) throws IndicatorException {
        CellGrid grid = CellGrid.of(image.width(), image.height());
        Map<String, FloatMap> cues = new LinkedHashMap<>(), context = new LinkedHashMap<>();
        FloatImage grey = PixelWork.grey(image, ctx);
        JpegModel m = PixelWork.jpeg(image, ctx);
        int bx = m.blocksX(), by = m.blocksY();
        float[] ac = m.acEnergy(0);
        float[] logAc = new float[ac.length];
        for (int i = 0; i < ac.length; i++) logAc[i] = ac[i] >= FLAT ? (float) Math.log(ac[i]) : Float.NaN;
        cues.put(ELA, grid.fromBlocks(ela(image, ctx, m, logAc), bx, by));
        ctx.progress().checkCancelled();
        cues.put(NOISE, grid.fromBlocks(TextureTrend.residuals(logDiagonal(grey, bx, by), logAc), bx, by));
        FloatMap[] detail = DetailRatio.measure(image, 8);
        cues.put(DETAIL, grid.fromBlocks(detailResidual(detail, logAc, bx, by), bx, by));
        cues.put(GHOST, grid.fromBlocks(ghost(image, ctx, logAc), bx, by));
        FloatMap[] blockGrid = BlockGridCue.measure(grey, grid);
        cues.put(GRID, blockGrid[0]);
        cues.put(GRID_SHIFT, blockGrid[1]);
        ctx.progress().checkCancelled();
        cues.put(DUPLICATES, DuplicatePatches.share(grey, grid, ctx));
        cues.put(COPY_MOVE, copyMove(image, ctx, grid));
        FloatMap dq = external(image, ctx, grid, DOUBLE_QUANTIZATION);
        cues.put(DOUBLE_JPEG, dq != null ? dq : new FloatMap(grid.gw(), grid.gh(), new float[grid.cells()]));
        cues.putAll(externals(image, ctx, grid, wanted));
        float[] logAcAll = new float[ac.length];
        for (int i = 0; i < ac.length; i++) logAcAll[i] = (float) Math.log(1 + ac[i]);
        context.put(TEXTURE, grid.fromBlocks(logAcAll, bx, by));
        float[][] sd = saturationAndLuma(image, grey);
        context.put(SATURATED, grid.fromPixels(sd[0]));
        context.put(DARK, grid.fromPixels(sd[1]));
        return new Cues(grid, cues, context);
    }

    /** Per block: log re-save error (all channels) minus the image's trend for that texture; NaN on flat blocks. */
    static float[] ela(FloatImage image, IndicatorContext ctx, JpegModel m, float[] logAc) throws IndicatorException {
        float[] err = new float[logAc.length];
        for (int c = 0; c < m.channels(); c++) {
            float[][] e = PixelWork.requantization(image, ctx, c, ELA_QUALITY);
            for (int i = 0; i < err.length; i++) err[i] += e[0][i];
        }
        float[] logErr = new float[err.length];
        for (int i = 0; i < err.length; i++) logErr[i] = Float.isFinite(logAc[i]) ? (float) Math.log(Math.max(1e-3, err[i])) : Float.NaN;
        return TextureTrend.residuals(logErr, logAc);
    }

    /** Per 8x8 block: log mean square of the finest Haar diagonal coefficients (8-bit levels). */
    static float[] logDiagonal(FloatImage grey, int bx, int by) {
        float[] p = grey.plane(0);
        int w = grey.width();
        float[] out = new float[bx * by];
        for (int j = 0; j < by; j++) {
            for (int i = 0; i < bx; i++) {
                double s = 0;
                for (int y = 0; y < 8; y += 2) {
                    int o = (j * 8 + y) * w + i * 8;
                    for (int x = 0; x < 8; x += 2) {
                        double d = (p[o + x] - p[o + x + 1] - p[o + w + x] + p[o + w + x + 1]) * 127.5;
                        s += d * d;
                    }
                }
                out[j * bx + i] = (float) Math.log(s / 16 + 0.01);
            }
        }
        return out;
    }

    /** Per block: the detail ratio minus the image's trend for that coarse energy (NaN where flat). */
    static float[] detailResidual(FloatMap[] detail, float[] logAc, int bx, int by) {
        float[] ratio = new float[bx * by], coarse = new float[bx * by];
        for (int j = 0; j < by; j++) {
            for (int i = 0; i < bx; i++) {
                boolean in = i < detail[0].width() && j < detail[0].height() && Float.isFinite(logAc[j * bx + i]);
                ratio[j * bx + i] = in ? detail[0].get(i, j) : Float.NaN;
                coarse[j * bx + i] = in ? (float) Math.log(detail[1].get(i, j) + 1e-9) : Float.NaN;
            }
        }
        return TextureTrend.residuals(ratio, coarse);
    }

    /**
     * Per block: the largest robust z over {@link #GHOST_QUALITIES} of log(re-save error / error of fresh content)
     * (luma) against the image's blocks at that quality. Blocks quantized on the image's grid at an earlier quality
     * show a dip there; a region that was not has none and stands out at that quality.
     */
    static float[] ghost(FloatImage image, IndicatorContext ctx, float[] logAc) throws IndicatorException {
        float[] best = new float[logAc.length];
        Arrays.fill(best, Float.NaN);
        for (int q : GHOST_QUALITIES) {
            float[][] e = PixelWork.requantization(image, ctx, 0, q);
            float[] r = new float[logAc.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = Float.isFinite(logAc[i]) && e[1][i] > 0 ? (float) Math.log((e[0][i] + 1e-3) / (e[1][i] + 1e-3)) : Float.NaN;
            }
            float[] z = robustZ(r);
            for (int i = 0; i < r.length; i++) {
                if (Float.isFinite(z[i]) && !(z[i] <= best[i])) best[i] = z[i];
            }
        }
        return best;
    }

    /** Share of each cell covered by the copy-move indicator's regions (A and B); 0 where it found none. */
    static FloatMap copyMove(FloatImage image, IndicatorContext ctx, CellGrid grid) throws IndicatorException {
        IndicatorResult r = ctx.resultOf(org.provenant.indicators.pixel.copymove.CopyMove.ID, image);
        for (MapLayer l : r.maps()) {
            if (!l.overlay()) continue;
            float[] d = l.map().data();
            float[] in = new float[d.length];
            for (int i = 0; i < d.length; i++) in[i] = Float.isFinite(d[i]) && Math.abs(d[i]) > 0.5f ? 1f : 0f;
            return grid.fromMap(new FloatMap(l.map().width(), l.map().height(), in));
        }
        float[] zero = new float[grid.cells()];
        return new FloatMap(grid.gw(), grid.gh(), zero);
    }

    /**
     * The {@link #EXTERNAL} cues on the grid, in that order; an all-NaN map (no evidence) where the indicator is not
     * installed or gave no such map (an image too small for it), so that every image has the same cues.
     */
    public static Map<String, FloatMap> externals(FloatImage image, IndicatorContext ctx, CellGrid grid) {
        return externals(image, ctx, grid, cue -> true);
    }

    private static Map<String, FloatMap> externals(FloatImage image, IndicatorContext ctx, CellGrid grid, Predicate<String> wanted) {
        Map<String, FloatMap> out = new LinkedHashMap<>();
        for (External e : EXTERNAL) {
            if (!wanted.test(e.cue())) continue;
            ctx.progress().checkCancelled();
            FloatMap x = external(image, ctx, grid, e);
            if (x == null) {
                float[] none = new float[grid.cells()];
                Arrays.fill(none, Float.NaN);
                x = new FloatMap(grid.gw(), grid.gh(), none);
            }
            out.put(e.cue(), x);
        }
        return out;
    }

    /**
     * An installed indicator's map on the grid; null when the indicator or its map is absent, or when the indicator
     * could not run (its model missing: the fusion then goes on without that cue, and the indicator's own panel says why).
     */
    static FloatMap external(FloatImage image, IndicatorContext ctx, CellGrid grid, External e) {
        if (IndicatorRegistry.all().stream().noneMatch(i -> i.id().equals(e.indicatorId()))) return null;
        IndicatorResult r;
        try {
            r = ctx.resultOf(e.indicatorId(), image);
        } catch (IndicatorException ex) {
            return null;
        }
        for (MapLayer l : r.maps()) {
            if (l.overlay() && l.name().startsWith(e.mapName())) return grid.fromMap(l.map());
        }
        return null;
    }

    /** Per pixel: 1 where any channel is clipped (at most 1/255 from 0 or 1), else 0; and the luma. */
    static float[][] saturationAndLuma(FloatImage image, FloatImage grey) {
        int n = image.pixels();
        float[] sat = new float[n];
        float lo = 1.5f / 255, hi = 1 - 1.5f / 255;
        for (int c = 0; c < image.channels(); c++) {
            float[] p = image.plane(c);
            for (int i = 0; i < n; i++) if (p[i] <= lo || p[i] >= hi) sat[i] = 1;
        }
        return new float[][]{sat, grey.plane(0)};
    }

    /** Robust z of every finite value against the finite values' median and MAD ({@link BlockOutliers}; NaN stays NaN). */
    static float[] robustZ(float[] v) {
        return BlockOutliers.robustZ(new FloatMap(v.length, 1, v)).zMap().data();
    }
}
