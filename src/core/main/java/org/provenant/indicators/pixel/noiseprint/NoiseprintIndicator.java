package org.provenant.indicators.pixel.noiseprint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.render.ColourScale;
import org.provenant.indicators.ContentCheck;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Score;
import org.provenant.indicators.features.Regions;
import org.provenant.indicators.pixel.pixelkit.CellMaps;
import org.provenant.indicators.pixel.pixelkit.PixelWork;
import org.provenant.indicators.verdict.Verdict;
import org.provenant.indicators.verdict.VerdictPolicy;

/**
 * Camera-noise fingerprint (Noiseprint, Cozzolino and Verdoliva, IEEE TIFS 2020): the learned noise residual of
 * {@link NoiseprintNet} at the image's own resolution, and where it disagrees with the rest of the image
 * ({@link NoiseprintAnomaly}). Score keys for fusion: {@code noiseprint_anomaly} (headline, see {@link #score}),
 * {@code anomalous_share}, {@code max_posterior}; the anomaly map (first overlay) is a probability per
 * {@link NoiseprintAnomaly#STRIDE}-pixel cell.
 */
public final class NoiseprintIndicator implements Indicator {
    public static final String ID = "noiseprint";
    /**
     * Its verdict: a likelihood ratio calibrated on held-out sources (models/calibration/noiseprint.json). None is
     * installed: on real-edits the headline ranks edits below their originals (docs/noiseprint.md), so no verdict.
     */
    static final VerdictPolicy VERDICT = VerdictPolicy.calibrated(ID, Hypothesis.MANIPULATED, "edited");
    /** Posterior at and above which a cell counts as anomalous. */
    public static final double ANOMALOUS = 0.5;

    @Override public String id() { return ID; }
    @Override public String displayName() { return "Camera-noise fingerprint (Noiseprint)"; }
    @Override public String methodReference() {
        return "Cozzolino, Verdoliva, Noiseprint, IEEE TIFS 2020, arXiv 1808.08396; EM anomaly as Splicebuster (WIFS 2015)";
    }
    @Override public int order() { return 63; }
    @Override public int cost() { return 40; }
    @Override public EvidenceFamily family() { return EvidenceFamily.PIXEL; }
    @Override public String guidePage() { return "noiseprint.md"; }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext ctx) throws IndicatorException {
        String label = "Noiseprint anomaly (share of the image that does not fit its own camera-noise fingerprint)";
        IndicatorResult thin = ContentCheck.check(this, image, ctx, 2 * NoiseprintAnomaly.BLOCK);
        if (thin != null) return thin;
        NoiseprintField field = NoiseprintField.of(image, ctx);
        FloatMap np = field.map();
        MapLayer npMap = noiseprintLayer(np);
        NoiseprintAnomaly.Result a = NoiseprintAnomaly.of(np, PixelWork.grey(image, ctx));
        if (a == null) {
            return ContentCheck.notEnoughTexture(ID, "noiseprint_anomaly", label, "fewer than " + NoiseprintAnomaly.MIN_BLOCKS
                    + " blocks of " + NoiseprintAnomaly.BLOCK + " pixels with detail (not flat, not saturated) could be"
                    + " analysed.", List.of(npMap));
        }
        FloatMap cells = cellMap(a.posterior(), image.width(), image.height());
        double head = score(cells);
        double share = CellMaps.shareAtLeast(cells, ANOMALOUS);
        List<Regions.Region> regions = Regions.find(cells, ANOMALOUS, image.width(), image.height());
        Verdict v = VERDICT.decide(head, image, ctx);
        List<Score> scores = new ArrayList<>();
        Score headline = new Score("noiseprint_anomaly", label, head, "0..1: the mean anomaly probability over the"
                + " largest anomalous region, times the square root of its share of the analysed image (0 = every part"
                + " fits the image's own fingerprint).");
        scores.add(headline);
        scores.add(new Score("anomalous_share", "Share of analysed cells with anomaly probability >= " + ANOMALOUS, share, "0..1."));
        scores.add(new Score("max_posterior", "Highest anomaly probability of a cell", cells.max(), "0..1."));
        scores.add(new Score("analysed_share", "Share of the image analysed at its own resolution", field.share(),
                "1 up to " + NoiseprintField.MAX_PIXELS / 1_000_000 + " MP; less above, where windows are spread over the image."));
        scores.addAll(v.scores());
        List<MapLayer> maps = List.of(
                new MapLayer("Noiseprint anomaly (probability that a cell does not fit the image's own fingerprint)", cells,
                        ColourScale.INFERNO, 0, 1, "0 (fits)", "1 (does not fit)", true, List.of()),
                npMap);
        return new IndicatorResult(ID, headline, scores, maps, explanation(regions, field, image) + v.sentence(), v.supports(),
                v.confidence(), new double[]{head, share}).withFinding(VERDICT.finding(v, ctx.models()));
    }

    /**
     * Block posteriors spread onto STRIDE-pixel cells covering the image: a cell takes the mean of the (up to four)
     * blocks that contain it; NaN where none was analysed.
     */
    static FloatMap cellMap(FloatMap blocks, int w, int h) {
        int s = NoiseprintAnomaly.STRIDE, mw = (w + s - 1) / s, mh = (h + s - 1) / s;
        float[] out = new float[mw * mh];
        for (int cy = 0; cy < mh; cy++) {
            for (int cx = 0; cx < mw; cx++) {
                double sum = 0;
                int n = 0;
                for (int by = cy - 1; by <= cy; by++) {
                    for (int bx = cx - 1; bx <= cx; bx++) {
                        if (bx < 0 || by < 0 || bx >= blocks.width() || by >= blocks.height()) continue;
                        float v = blocks.get(bx, by);
                        if (Float.isFinite(v)) {
                            sum += v;
                            n++;
                        }
                    }
                }
                out[cy * mw + cx] = n == 0 ? Float.NaN : (float) (sum / n);
            }
        }
        return new FloatMap(mw, mh, out);
    }

    /**
     * The headline: over the largest 4-connected group of anomalous cells, its mean anomaly times the square root of
     * its share of the analysed cells (0 when no cell is anomalous). Large, clearly separated regions score high;
     * scattered single cells, which untouched photos show, score low.
     */
    static double score(FloatMap cells) {
        int finite = CellMaps.finite(cells);
        if (finite == 0) return Double.NaN;
        List<Regions.Region> regions = Regions.find(cells, ANOMALOUS, cells.width(), cells.height());
        double best = 0;
        for (Regions.Region r : regions) best = Math.max(best, r.mean() * Math.sqrt(r.area() / (double) finite));
        return best;
    }

    /** The noiseprint drawn on a diverging scale at +-3 robust deviations. */
    static MapLayer noiseprintLayer(FloatMap np) {
        float[] v = new float[np.data().length];
        int n = 0;
        for (int i = 0; i < v.length; i += 7) if (Float.isFinite(np.data()[i])) v[n++] = Math.abs(np.data()[i]);
        Arrays.sort(v, 0, n);
        double mad = n == 0 ? 1 : Math.max(1e-6, v[n / 2]) * 1.4826;
        double lim = 3 * mad;
        return new MapLayer("Noiseprint (camera-noise residual; regular 8x8 texture = the camera's JPEG grid)", np,
                ColourScale.DIVERGING, -lim, lim, String.format(Locale.ROOT, "%.2g", -lim),
                String.format(Locale.ROOT, "%.2g", lim), true, List.of());
    }

    /**
     * What the shipped model (200 training steps, models/manifest.json) measured on data it was never tuned on
     * (docs/noiseprint.md, models/training/noiseprint/evaluate.py): why it shows figures only.
     */
    static final String MEASURED = "Measured on 51 benchmark edits (real-edits: splices, copy-moves, inpaintings) and 23"
            + " untouched originals, the headline ranked the edits below the originals (ROC AUC 0.45) and the map's pixel F1"
            + " (0.16) was below that of marking the whole image (0.18): a guide to where to look, not evidence of an edit.";

    static String explanation(List<Regions.Region> regions, NoiseprintField field, FloatImage image) {
        String where = regions.isEmpty() ? "No group of cells reaches an anomaly probability of " + ANOMALOUS + "."
                : String.format(Locale.ROOT, "%d group(s) of cells reach %.1f; the largest covers %.1f %% of the image.",
                regions.size(), ANOMALOUS, 100.0 * regions.get(0).area() / ((double) image.width() * image.height()));
        String extent = field.complete() ? "The whole image was analysed at its own resolution."
                : String.format(Locale.ROOT, "The image is larger than %d MP, so %.0f %% of it was analysed, in %d-pixel windows"
                + " spread evenly over it at its own resolution (the blank gaps were not analysed).",
                NoiseprintField.MAX_PIXELS / 1_000_000, 100 * field.share(), NoiseprintField.WINDOW);
        return "The noiseprint is a residual learned from real camera photos: it suppresses the scene and keeps the traces"
                + " that a camera model and its JPEG compression leave, including the regular 8x8 texture of the JPEG grid."
                + " Across one untouched photo these traces are the same everywhere; a region pasted from another camera or"
                + " photo, re-compressed differently, shifted off the grid, painted or generated carries other traces. The"
                + " anomaly map shows, per " + NoiseprintAnomaly.STRIDE + "-pixel cell, the probability that the local"
                + " fingerprint does not fit the image's own (a Gaussian model of the image's blocks against a uniform"
                + " alternative). Flat, saturated or very dark areas carry little trace and may stand out by themselves. "
                + where + " " + extent + " " + MEASURED;
    }
}
