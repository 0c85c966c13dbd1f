package org.provenant.indicators.localization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.render.ColourScale;
import org.provenant.indicators.ContentCheck;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Score;
import org.provenant.indicators.colourcorr.ColourCorrelation;
import org.provenant.indicators.forestcue.ForestCue;
import org.provenant.indicators.latentquant.LatentQuantization;
import org.provenant.indicators.lare.LareIndicator;
import org.provenant.ml.ModelException;
import org.provenant.ml.codec.NeuralCodec;

/**
 * Fused localization: every map-producing cue scored on the same tile grid, each tile normalised against the image's
 * own distribution of that cue (robust z-score: median and MAD over the tiles, so a tile is suspicious when it
 * differs from the rest of the image), mapped to 0..1 and fused into one heat map of suspicious regions, with a
 * reliability map (TruFor's idea: how many cues could speak for a tile, and how much they agree).
 * Cues: colour-channel residual correlation (arXiv 2504.03191 cue 1, per block; higher than the rest is suspicious:
 * colour conversion with chroma subsampling locks the channels), the fine-to-coarse detail ratio (resampling cue of
 * methods section 4; lower than the rest is suspicious: an upsampled or decoded patch lacks the finest detail and
 * the sensor noise), LaRE at native resolution (arXiv 2403.17465, either direction) when its models are present.
 * latent quantization (grid alignment of the neural codec's latent at its middle rate point, higher than the rest is
 * suspicious: a region that went through that codec sits on its integer grid) when the codec models are present.
 */
public final class Localization implements Indicator {
    public static final String ID = "localization";
    /** Tile side in pixels. Our choice: the colour-correlation block size, 4x4 latent positions of LaRE. */
    public static final int TILE = 32;
    /** Robust z-score at which a tile's suspicion is 0.5 (s = z^2 / (z^2 + Z_HALF^2)). Our choice. */
    public static final double Z_HALF = 1.5;
    /**
     * The same for the LaRE cue, whose map varies more with content (both directions count): untouched test photos
     * reached fused regions with 1.5. Our choice, from the tests' untouched photos.
     */
    public static final double LARE_Z_HALF = 3.0;
    /**
     * The same for the latent-quantization cue. Measured (LocalizationCueMeasurementTest, mid rate point q3): the
     * largest smoothed robust z on the untouched held-out photos is 4.17 (coffee) and 2.70 (chelsea), up to 4.39 on
     * coffee with a pasted non-codec patch; inside a patch that went through the codec it is 5.2 on chelsea but only
     * 2.0-2.3 on coffee. With 1.5 the cue flagged 10-12% of the untouched photos (fused area 0.161 on coffee). 4.5 sits
     * above every untouched tile, so the cue only speaks for tiles more grid-aligned than anything in an untouched
     * photo. Our choice, from these measurements.
     */
    public static final double LQ_Z_HALF = 4.5;
    /**
     * Largest side of the central region the latent-quantization cue encodes (tiles outside it have no value for this
     * cue, and the reliability map says so). Our choice, to bound the cost: the whole-image encode of a 12 MP image
     * took 7.1-9.5 s on 2 shared CPU cores; a 2048 x 2048 region has a third of the pixels. The codec indicator's own map
     * uses the same kind of bound.
     */
    public static final int LQ_MAX_SIDE = 2048;
    /** Threshold on the fused map that the headline area and the verdict use; the viewer's slider starts here. */
    public static final double DEFAULT_THRESHOLD = 0.5;
    /**
     * Peak fused suspicion a region needs before the verdict says "manipulated". Measured with all models
     * ({@code provenant analyze --json} on untouched skimage photos): coffee 0.55, chelsea 0.53, ihc 0.67, hubble 0.71,
     * rocket 0.72, motorcycle_left 0.77, retina 0.82, astronaut 0.83; the spliced test patches peak at 0.62-0.71. The
     * two overlap, so the map is a spatial guide and the verdict is kept for regions that stand out more than any
     * untouched photo measured (0.7 called 3 of these 8 untouched photos manipulated). Our choice.
     */
    public static final double VERDICT_PEAK = 0.85;
    /** Smallest and largest suspicious area (fraction of the image) that reads as a local manipulation. Our choice. */
    public static final double MIN_AREA = 0.005, MAX_AREA = 0.4;
    /** MAD floor relative to the median, so that a nearly uniform cue does not turn noise into alarms. Our choice. */
    public static final double MAD_FLOOR = 0.02;

    /** One cue on the tile grid: raw values and their 0..1 suspicion. */
    public record Cue(String name, FloatMap raw, FloatMap suspicion) { }

    /** Which deviation from the image's own typical value counts as suspicious. */
    public enum Direction { HIGHER, LOWER, EITHER }

    /** The fused result: cues, fused map and reliability, on the tile grid. */
    public record Fusion(List<Cue> cues, FloatMap fused, FloatMap reliability) { }

    @Override public String id() { return ID; }
    @Override public EvidenceFamily family() { return EvidenceFamily.PIXEL; }
    @Override public String displayName() { return "Suspicious regions (fused localization)"; }
    @Override public String methodReference() { return "Tile-wise fusion of colour correlation and latent quantization (arXiv 2504.03191), fine-detail ratio and LaRE (arXiv 2403.17465); reliability map after TruFor (CVPR 2023)"; }
    @Override public int order() { return 90; }

    /** The cues of this build on the image's tile grid; LaRE and latent quantization only when their models load. */
    public static List<Cue> cues(FloatImage image, IndicatorContext context, List<String> skipped) {
        int gw = Math.max(1, image.width() / TILE), gh = Math.max(1, image.height() / TILE);
        List<Cue> cues = new ArrayList<>();
        if (image.channels() >= 3) {
            FloatMap[] cc = ColourCorrelation.blockMaps(image, TILE);
            FloatMap mean = meanOf(cc);
            cues.add(cue("colour correlation", pool(mean, gw, gh), Direction.HIGHER, Z_HALF));
        } else {
            skipped.add("colour correlation (greyscale image)");
        }
        cues.add(cue("fine-detail ratio", DetailRatio.tileMap(image, TILE), Direction.LOWER, Z_HALF));
        context.progress().progress(0.2);
        try {
            FloatMap t = LareIndicator.measure(image, context).tiled();
            FloatMap log = new FloatMap(t.width(), t.height(), t.data().clone());
            for (int i = 0; i < log.data().length; i++) log.data()[i] = (float) Math.log(1e-6 + log.data()[i]);
            cues.add(cue("LaRE", pool(log, gw, gh), Direction.EITHER, LARE_Z_HALF));
        } catch (IndicatorException e) {
            skipped.add("LaRE (" + e.getMessage() + ")");
        }
        try {
            List<NeuralCodec> codecs = ForestCue.codecs(context.models());
            if (codecs.isEmpty()) throw new IndicatorException("no codec models in the manifest");
            context.progress().checkCancelled();
            NeuralCodec codec = codecs.get(codecs.size() / 2);
            int cw = Math.min(image.width(), LQ_MAX_SIDE), ch = Math.min(image.height(), LQ_MAX_SIDE);
            int step = Math.max(16, codec.multiple()); // region origin on the codec's block grid keeps a codec's grid
            int x0 = (image.width() - cw) / 2 / step * step, y0 = (image.height() - ch) / 2 / step * step;
            boolean whole = cw == image.width() && ch == image.height();
            FloatMap q = LatentQuantization.alignmentMap(whole ? image : image.crop(x0, y0, cw, ch), codec);
            if (!whole) {
                q = place(q, x0 / 16, y0 / 16, (image.width() + 15) / 16, (image.height() + 15) / 16);
                skipped.add(String.format(Locale.ROOT, "latent quantization outside the central %dx%d pixels (cost bound)", cw, ch));
            }
            cues.add(cue("latent quantization", pool(q, gw, gh), Direction.HIGHER, LQ_Z_HALF));
        } catch (IndicatorException | ModelException e) {
            skipped.add("latent quantization (" + e.getMessage() + ")");
        }
        return cues;
    }

    /** Fuses cues: per tile the strongest suspicion among the cues that have a value there. */
    public static Fusion fuse(List<Cue> cues, int gw, int gh) {
        float[] fused = new float[gw * gh], rel = new float[gw * gh];
        for (int i = 0; i < fused.length; i++) {
            float max = Float.NaN, min = Float.NaN;
            int have = 0;
            for (Cue c : cues) {
                float s = c.suspicion().data()[i];
                if (!Float.isFinite(s)) continue;
                have++;
                max = Float.isNaN(max) ? s : Math.max(max, s);
                min = Float.isNaN(min) ? s : Math.min(min, s);
            }
            fused[i] = have == 0 ? Float.NaN : max;
            // reliability: share of cues with a value here, lowered when they disagree
            rel[i] = cues.isEmpty() || have == 0 ? 0f : (have / (float) cues.size()) * (1f - 0.5f * (max - min));
        }
        return new Fusion(cues, new FloatMap(gw, gh, fused), new FloatMap(gw, gh, rel));
    }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext context) throws IndicatorException {
        IndicatorResult thin = ContentCheck.check(this, image, context, 4 * TILE);
        if (thin != null) return thin;
        List<String> skipped = new ArrayList<>();
        List<Cue> cues = cues(image, context, skipped);
        int gw = image.width() / TILE, gh = image.height() / TILE;
        Fusion f = fuse(cues, gw, gh);
        List<Regions.Region> regions = Regions.find(f.fused(), DEFAULT_THRESHOLD, image.width(), image.height());
        long area = 0;
        for (Regions.Region r : regions) area += r.area();
        double frac = area / (double) image.pixels();
        double inside = 0, outside = 0;
        int ni = 0, no = 0;
        for (float v : f.fused().data()) {
            if (!Float.isFinite(v)) continue;
            if (v >= DEFAULT_THRESHOLD) { inside += v; ni++; } else { outside += v; no++; }
        }
        double contrast = ni == 0 || no == 0 ? 0 : inside / ni - outside / no;
        double meanRel = f.reliability().mean();
        Hypothesis h = Hypothesis.INCONCLUSIVE;
        double conf = 0.5;
        if (!regions.isEmpty() && regions.get(0).peak() >= VERDICT_PEAK && frac >= MIN_AREA && frac <= MAX_AREA) {
            h = Hypothesis.MANIPULATED;
            conf = Math.min(0.9, 0.5 + 0.5 * contrast * (Double.isFinite(meanRel) ? meanRel : 0));
        }
        List<Score> scores = new ArrayList<>();
        Score head = new Score("suspicious_area", "Share of the image in suspicious regions", frac,
                "fraction of the image at or above " + DEFAULT_THRESHOLD + " on the fused map; 0 when nothing stands out");
        scores.add(head);
        scores.add(new Score("regions", "Suspicious regions", regions.size(), "4-connected groups of tiles at or above the threshold"));
        scores.add(new Score("peak", "Highest fused suspicion", nz(f.fused().max()), "0..1; 0.5 = a tile " + Z_HALF + " robust deviations from the rest (" + LARE_Z_HALF + " for LaRE, " + LQ_Z_HALF + " for latent quantization)"));
        scores.add(new Score("contrast", "Suspicion inside minus outside the regions", contrast, "0..1; higher = the regions stand out more"));
        scores.add(new Score("mean_reliability", "Mean reliability", nz(meanRel), "0..1; share of cues that could score a tile, lowered where they disagree"));
        List<MapLayer> maps = new ArrayList<>();
        maps.add(new MapLayer("Suspicious regions (fused)", f.fused(), ColourScale.INFERNO, 0, 1,
                "0 (like the rest of the image)", "1 (differs strongly)", true, List.of()));
        maps.add(new MapLayer("Reliability of the fused map", f.reliability(), ColourScale.GREY, 0, 1,
                "0 (no cue could score it)", "1 (all cues scored it and agree)", true, List.of()));
        for (Cue c : cues) {
            maps.add(new MapLayer("Suspicion from " + c.name(), c.suspicion(), ColourScale.INFERNO, 0, 1,
                    "0 (typical for this image)", "1 (unusual)", true, List.of()));
        }
        double[] features = {frac, regions.size(), nz(f.fused().max()), contrast, nz(meanRel)};
        return new IndicatorResult(ID, head, scores, maps, explanation(cues, skipped, regions.size(), frac), h, conf, features);
    }

    static String explanation(List<Cue> cues, List<String> skipped, int regions, double frac) {
        List<String> names = new ArrayList<>();
        for (Cue c : cues) names.add(c.name());
        return String.format(Locale.ROOT,
                "The map fuses %s, each scored on %dx%d-pixel tiles and compared with the rest of this same image: bright tiles"
                        + " differ from the image's own typical value, whatever that value is. %s"
                        + " A camera original that was not edited shows no compact bright region; a pasted, generated or re-encoded"
                        + " patch stands out as one, but varied untouched photos also show bright tiles (up to 0.83 measured), so"
                        + " a region is a place to look; the verdict says \"manipulated\" only for a region peaking at "
                        + VERDICT_PEAK + " or more. The reliability map shows where the cues could score a tile and agree."
                        + " Not used: %s.",
                names.isEmpty() ? "no cue" : String.join(" and ", names), TILE, TILE,
                regions == 0 ? "No region reaches " + DEFAULT_THRESHOLD + "."
                        : String.format(Locale.ROOT, "%d region(s) reach %.1f, covering %.1f%% of the image.", regions, DEFAULT_THRESHOLD, 100 * frac),
                skipped.isEmpty() ? "none" : String.join("; ", skipped));
    }

    private static double nz(double v) {
        return v;   // issue 14: an undefined value stays NaN ("not computed"), never 0
    }

    static Cue cue(String name, FloatMap raw, Direction dir, double zHalf) {
        return new Cue(name, raw, suspicion(smooth(raw), dir, zHalf));
    }

    /**
     * s = z^2 / (z^2 + zHalf^2), z the robust z-score against the map's own median and MAD, counted only in the
     * suspicious direction.
     */
    static FloatMap suspicion(FloatMap m, Direction dir, double zHalf) {
        float[] z = robustZ(m).data();
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            if (!Float.isFinite(z[i])) {
                out[i] = Float.NaN;
                continue;
            }
            double d = z[i];
            if (dir == Direction.HIGHER) d = Math.max(0, d);
            if (dir == Direction.LOWER) d = Math.min(0, d);
            out[i] = (float) (d * d / (d * d + zHalf * zHalf));
        }
        return new FloatMap(m.width(), m.height(), out);
    }

    /** Robust z-score of every cell against the map's own median and MAD (MAD floored); NaN stays NaN. */
    static FloatMap robustZ(FloatMap m) {
        float[] v = m.data();
        float[] finite = finiteSorted(v);
        float[] out = new float[v.length];
        if (finite.length == 0) {
            Arrays.fill(out, Float.NaN);
            return new FloatMap(m.width(), m.height(), out);
        }
        double med = finite[finite.length / 2];
        float[] dev = new float[finite.length];
        for (int i = 0; i < dev.length; i++) dev[i] = (float) Math.abs(finite[i] - med);
        Arrays.sort(dev);
        double mad = 1.4826 * dev[dev.length / 2];
        mad = Math.max(mad, MAD_FLOOR * Math.abs(med) + 1e-6);
        for (int i = 0; i < v.length; i++) out[i] = Float.isFinite(v[i]) ? (float) ((v[i] - med) / mad) : Float.NaN;
        return new FloatMap(m.width(), m.height(), out);
    }

    /** 3x3 mean over finite neighbours: one noisy tile does not make a region. */
    static FloatMap smooth(FloatMap m) {
        int w = m.width(), h = m.height();
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!Float.isFinite(m.get(x, y))) {
                    out[y * w + x] = Float.NaN;
                    continue;
                }
                double s = 0;
                int n = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx, yy = y + dy;
                        if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
                        float v = m.get(xx, yy);
                        if (Float.isFinite(v)) { s += v; n++; }
                    }
                }
                out[y * w + x] = (float) (s / n);
            }
        }
        return new FloatMap(w, h, out);
    }

    /** Area-mean of a map onto a gw x gh grid (NaN cells ignored; NaN where a tile has none). */
    static FloatMap pool(FloatMap m, int gw, int gh) {
        if (m.width() == gw && m.height() == gh) return m;
        int[] xs = Regions.edges(gw, m.width()), ys = Regions.edges(gh, m.height());
        float[] out = new float[gw * gh];
        for (int gy = 0; gy < gh; gy++) {
            for (int gx = 0; gx < gw; gx++) {
                double s = 0;
                int n = 0;
                for (int y = ys[gy]; y < Math.max(ys[gy] + 1, ys[gy + 1]); y++) {
                    for (int x = xs[gx]; x < Math.max(xs[gx] + 1, xs[gx + 1]); x++) {
                        float v = m.get(Math.min(x, m.width() - 1), Math.min(y, m.height() - 1));
                        if (Float.isFinite(v)) { s += v; n++; }
                    }
                }
                out[gy * gw + gx] = n == 0 ? Float.NaN : (float) (s / n);
            }
        }
        return new FloatMap(gw, gh, out);
    }

    /** A w x h map, NaN except for {@code m} placed with its top-left cell at (x0, y0). */
    static FloatMap place(FloatMap m, int x0, int y0, int w, int h) {
        float[] out = new float[w * h];
        Arrays.fill(out, Float.NaN);
        for (int y = 0; y < m.height() && y0 + y < h; y++)
            for (int x = 0; x < m.width() && x0 + x < w; x++) out[(y0 + y) * w + x0 + x] = m.get(x, y);
        return new FloatMap(w, h, out);
    }

    private static FloatMap meanOf(FloatMap[] maps) {
        FloatMap first = maps[0];
        float[] out = new float[first.data().length];
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (FloatMap m : maps) s += m.data()[i];
            out[i] = (float) (s / maps.length);
        }
        return new FloatMap(first.width(), first.height(), out);
    }

    private static float[] finiteSorted(float[] v) {
        int n = 0;
        float[] f = new float[v.length];
        for (float x : v) if (Float.isFinite(x)) f[n++] = x;
        f = Arrays.copyOf(f, n);
        Arrays.sort(f);
        return f;
    }
}
