package org.provenant.indicators.pixel.localization;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.io.JpegStructure;
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
import org.provenant.indicators.verdict.Verdict;
import org.provenant.indicators.verdict.VerdictPolicy;

/**
 * Fused localization (issue 22): the pixel cues ({@link CellCues}: error level, noise, fine detail, JPEG ghost,
 * near-duplicate patches, copy-move; the camera-noise anomaly and coding-cost gap maps of two other indicators) compared cell by cell with the rest of the same image ({@link CellFeatures}),
 * weighed by a learned per-cell model ({@link FusionModel}, fitted on synthetic edits) into one map of where the image
 * was edited, a second map of where content was generated or re-synthesised (inpainting), and a reliability map
 * ({@link Reliability}); regions are outlined by hysteresis on the fused map with thresholds fitted on held-out edits,
 * and the image-level "edited" likelihood ratio comes from the calibration of {@value #SCORE}
 * (models/calibration/localization.json) with the ENFSI words and the held-out figures.
 */
public final class Localization implements Indicator {
    public static final String ID = "localization";
    /** Its verdict: a likelihood ratio calibrated on held-out synthetic edits and photos (models/calibration). */
    public static final VerdictPolicy VERDICT = VerdictPolicy.calibrated(ID, Hypothesis.MANIPULATED, "edited");
    /** The image-level score: the highest 3x3-cell mean of the fused map (a region, not a single cell). */
    public static final String SCORE = "edited_score";
    /** Smallest side in pixels: eight cells of the finest grid. */
    public static final int MIN_SIDE = 64;

    @Override public String id() { return ID; }
    @Override public EvidenceFamily family() { return EvidenceFamily.PIXEL; }
    @Override public String displayName() { return "Where was it edited (fused localization)"; }
    @Override public String methodReference() {
        return "Per-cell fusion of error level, noise, detail, JPEG ghost, duplicate-patch and copy-move cues (and the camera-noise"
                + " anomaly of Noiseprint and the coding-cost gap of ZED where the installed model weighs them; the explanation"
                + " names the cues used), learned on synthetic edits; reliability map after TruFor (Guillaro et al., CVPR 2023)";
    }
    @Override public int order() { return 90; }
    @Override public int cost() { return 4; }
    @Override public String guidePage() { return "localization.md"; }

    /** Everything the indicator computes, for the result and for the fitting and evaluation commands. */
    public record Localized(CellCues.Cues cues, CellFeatures.Table features, FloatMap fused, FloatMap generated,
                            FloatMap reliability, FloatMap outlined, FloatMap generatedOutlined, double editedScore) { }

    /** The cues and, with a fusion model, the fused maps and outlines (null maps without one). */
    public static Localized localize(FloatImage image, IndicatorContext ctx, Optional<FusionModel> model) throws IndicatorException {
        // with a model, only the external cues it weighs: the others would make their indicators run for nothing
        CellCues.Cues c = model.isPresent() ? CellCues.measure(image, ctx, model.get()::weighs) : CellCues.measure(image, ctx);
        ctx.progress().progress(0.7);
        CellFeatures.Table t = CellFeatures.of(c);
        double jpeg = Reliability.jpegFactor(JpegStructure.of(ctx.evidenceFile().orElse(null))
                .map(JpegStructure::meanLumaStep).orElse(Double.NaN));
        FloatMap rel = Reliability.of(c, t, jpeg);
        if (model.isEmpty()) return new Localized(c, t, null, null, rel, null, null, Double.NaN);
        FusionModel m = model.get();
        int gw = c.grid().gw(), gh = c.grid().gh();
        FloatMap fused = m.edited().apply(t, gw, gh), gen = m.generated().apply(t, gw, gh);
        FloatMap outlined = Regions.hysteresis(fused, m.seed(), m.grow());
        FloatMap genOutlined = Regions.hysteresis(gen, m.generatedSeed(), m.generatedGrow());
        return new Localized(c, t, fused, gen, rel, outlined, genOutlined, smoothedPeak(fused));
    }

    /** The highest 3x3 mean of a map. */
    public static double smoothedPeak(FloatMap m) {
        float[] s = CellFeatures.smooth(CellFeatures.zeroNaN(m.data()), m.width(), m.height());
        double best = Double.NEGATIVE_INFINITY;
        for (float v : s) best = Math.max(best, v);
        return best;
    }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext context) throws IndicatorException {
        IndicatorResult thin = ContentCheck.check(this, image, context, MIN_SIDE);
        if (thin != null) return thin;
        Optional<FusionModel> model = FusionModel.load(context.models());
        Localized l = localize(image, context, model);
        List<Score> scores = new ArrayList<>();
        List<MapLayer> maps = new ArrayList<>();
        String cueNames = String.join(", ", l.cues().cues().keySet().stream().map(CellCues::words).toList());
        if (model.isEmpty()) {
            Score head = new Score("outlined_share", "Share of the image outlined", Double.NaN, "No fusion model is installed.");
            maps.add(reliabilityLayer(l.reliability()));
            return new IndicatorResult(ID, head, List.of(head), maps, "No fusion model (" + FusionModel.NAME + ") is installed, so"
                    + " the cues (" + cueNames + ") are not fused and nothing is outlined.", Hypothesis.INCONCLUSIVE, 0.5, new double[0]);
        }
        FusionModel m = model.get();
        cueNames = String.join(", ", l.cues().cues().keySet().stream().filter(m::weighs).map(CellCues::words).toList());
        List<Regions.Region> regions = Regions.find(l.outlined(), m.grow(), image.width(), image.height());
        List<Regions.Region> genRegions = Regions.find(l.generatedOutlined(), m.generatedGrow(), image.width(), image.height());
        double share = area(regions) / (double) image.pixels(), genShare = area(genRegions) / (double) image.pixels();
        Verdict v = VERDICT.decide(l.editedScore(), image, context);
        Score head = new Score("outlined_share", "Share of the image outlined as edited", share, String.format(Locale.ROOT,
                "0..1: cells where the fused map reaches %.2f, with the connected cells at or above %.2f (thresholds fitted on"
                        + " held-out synthetic edits)", m.seed(), m.grow()));
        scores.add(head);
        scores.add(new Score("regions", "Outlined regions", regions.size(), "Connected groups of outlined cells."));
        scores.add(new Score(SCORE, "Image-level edit score", l.editedScore(), "0..1: the highest 3x3-cell mean of the fused map;"
                + " the likelihood ratio below is calibrated on it."));
        scores.add(new Score("peak", "Highest fused value", l.fused().max(), "0..1: the model's probability that one cell is edited."));
        scores.add(new Score("generated_share", "Share outlined as generated or re-synthesised", genShare,
                "0..1: the same outline on the map of generated or re-synthesised content (inpainting)."));
        scores.add(new Score("mean_reliability", "Mean reliability", l.reliability().mean(),
                "0..1: how much the cues can say, averaged over the image (texture, clipping, darkness, JPEG damage)."));
        scores.add(new Score("cell_pixels", "Cell size", l.cues().grid().cell(), "Pixels on a side of the cells compared."));
        scores.addAll(v.scores());
        maps.add(new MapLayer("Outlined regions (where it was edited)", l.outlined(), ColourScale.INFERNO, 0, 1,
                "0", "1 (edited, by the fused model)", true, List.of(), m.grow()));
        maps.add(new MapLayer("Fused map: probability that a cell was edited", l.fused(), ColourScale.INFERNO, 0, 1,
                "0 (like the rest of the image)", "1 (edited)", true, List.of()));
        maps.add(reliabilityLayer(l.reliability()));
        maps.add(new MapLayer("Generated region: outlined where content was generated or re-synthesised", l.generatedOutlined(),
                ColourScale.VIRIDIS, 0, 1, "0", "1 (generated, decoded or filled)", true, List.of(), m.generatedGrow()));
        maps.add(new MapLayer("Generated-region map: probability that a cell was generated or re-synthesised", l.generated(),
                ColourScale.VIRIDIS, 0, 1, "0", "1 (generated, decoded or filled)", true, List.of()));
        double[] features = {share, regions.size(), l.editedScore(), l.fused().max(), l.reliability().mean()};
        return new IndicatorResult(ID, head, scores, maps, explanation(cueNames, regions.size(), share, genShare, m, v.sentence()),
                v.supports(), v.confidence(), features)
                .withFinding(VERDICT.finding(v, context.models()));
    }

    static MapLayer reliabilityLayer(FloatMap rel) {
        return new MapLayer("Reliability of the fused map", rel, ColourScale.GREY, 0, 1,
                "0 (the cues cannot speak: flat, clipped, dark or JPEG-damaged)", "1 (textured, well exposed, lightly compressed)",
                true, List.of());
    }

    static long area(List<Regions.Region> regions) {
        long a = 0;
        for (Regions.Region r : regions) a += r.area();
        return a;
    }

    static String explanation(String cueNames, int regions, double share, double genShare, FusionModel m, String verdict) {
        return String.format(Locale.ROOT, "%s %s%s Measured %s How it works: the cues (%s) are measured on small cells and each"
                        + " cell is compared with the rest of this same image; a model learned on edits made for the purpose"
                        + " (splices, copy-moves, inpaintings of real photographs) weighs them into the probability that a cell"
                        + " was edited. The reliability map shows where the cues can speak at all: flat, clipped, very dark and"
                        + " heavily compressed areas hide edits, so an empty map there is no evidence of an untouched image.",
                regions == 0 ? "Nothing is outlined as edited." : String.format(Locale.ROOT,
                        "%d region(s) are outlined as edited, %.1f %% of the image.", regions, 100 * share),
                genShare > 0 ? String.format(Locale.ROOT, "The generated-region map outlines %.1f %% of the image as generated or"
                        + " re-synthesised (an inpainting).", 100 * genShare) : "The generated-region map outlines nothing.",
                verdict, m.measured(), cueNames);
    }
}
