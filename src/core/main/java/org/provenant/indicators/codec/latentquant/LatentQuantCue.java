package org.provenant.indicators.codec.latentquant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provenant.indicators.codec.codeccolour.CodecDomain;
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
import org.provenant.indicators.Parameter;
import org.provenant.indicators.ProgressSink;
import org.provenant.indicators.Score;
import org.provenant.indicators.codec.forestcue.ForestCue;
import org.provenant.indicators.verdict.Verdict;
import org.provenant.indicators.verdict.VerdictPolicy;
import org.provenant.ml.ModelException;
import org.provenant.ml.codec.ImageCodec;
import org.provenant.ml.codec.NeuralCodec;
import org.provenant.ml.forest.ForestClassifier;

/**
 * Cue 3 of arXiv 2504.03191 with its random forest {@value #CLASSIFIER}: the {@link LatentQuantization}
 * statistics, classified as a codec-compressed real photo vs a synthetic image.
 */
public final class LatentQuantCue implements Indicator {
    public static final String ID = "codec-latent-quantization";
    public static final String CLASSIFIER = "classifier-codec-latentquant";
    public static final String CODEC_REAL = "codec-real";
    public static final String SYNTHETIC = "synthetic";
    /**
     * Its verdict: the forest's vote, "generated" above 0.5 and "neural codec" below, when its manifest entry states a
     * held-out accuracy that passes the bar, and only where cue 1 sees a neural codec ({@link CodecDomain#GATE}):
     * on a camera original that never went through a codec its answer does not apply.
     */
    public static final VerdictPolicy VERDICT = VerdictPolicy.vote(CLASSIFIER, Hypothesis.GENERATED)
            .otherwise(Hypothesis.NEURAL_CODEC).unless(CodecDomain.GATE);
    /**
     * The alignment map is computed on the whole image up to this many pixels a side, else on the central crop. Our
     * choice: at 2048 (four JPEG AI tiles) the map was most of the cue's 51.9 s on a 12 MP image (models/README.md,
     * issue 15 speed); at 1024 it still took 1.8 s of the cue's 2.3 s of CPU (issue 13); at 512 about a quarter of that.
     * The verdict's features come from the central 256x256 either way. The examiner can ask for a larger map through
     * the parameter {@link #MAP_SIDE}.
     */
    public static final int MAP_MAX_SIDE = 512;
    /** Analysis parameter: the largest side of the alignment map's region (256..4096 pixels; default {@link #MAP_MAX_SIDE}). */
    public static final Parameter MAP_SIDE = Parameter.whole("latentquant.map_side", "Map region side (pixels)", 256, 4096,
            256, MAP_MAX_SIDE, "The alignment map covers the whole image up to this many pixels a side, else the central"
                    + " crop (on the 16-pixel grid); larger maps take longer. The verdict reads the central 256 x 256 either way.");

    @Override public List<Parameter> parameters() { return List.of(MAP_SIDE); }

    /** The map's largest side for this analysis: the examiner's {@link #MAP_SIDE}, clamped, on the 16-pixel grid. */
    static int mapSide(IndicatorContext context) {
        return context.value(MAP_SIDE) / 16 * 16;
    }

    @Override public String id() { return ID; }
    @Override public EvidenceFamily family() { return EvidenceFamily.CODEC; }
    @Override public String displayName() { return "Latent quantization (codec vs synthetic)"; }
    @Override public String methodReference() {
        return "Bergmann, Brand, Riess, arXiv 2504.03191, cue 3 (latent quantization), Tribuo random forest";
    }
    @Override public int order() { return 13; }
    @Override public int cost() { return 5; }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext context) throws IndicatorException {
        IndicatorResult thin = ContentCheck.check(this, image, context, 16);
        if (thin != null) return thin;
        List<ImageCodec> codecs = ForestCue.codecs(context.models());
        List<String> names = LatentQuantization.featureNames(codecs);
        ForestClassifier forest = ForestCue.classifier(context.models(), CLASSIFIER, names);
        double[] f;
        FloatMap map;
        boolean whole;
        int side;
        int best = 0;
        try {
            ProgressSink outer = context.progress();
            f = LatentQuantization.features(image, codecs, new ProgressSink() {
                @Override public void progress(double fraction) { outer.progress(0.7 * fraction); }
                @Override public boolean cancelled() { return outer.cancelled(); }
            });
            int n = LatentQuantization.PER_POINT.size();
            for (int i = 1; i < codecs.size(); i++) if (f[i * n] < f[best * n]) best = i;
            context.progress().checkCancelled();
            side = mapSide(context);
            whole = image.width() <= side && image.height() <= side;
            FloatImage region = whole ? image : NeuralCodec.centralCrop(image, side);
            map = LatentQuantization.alignmentMap(region, codecs.get(best));
        } catch (ModelException e) {
            throw new IndicatorException(e.getMessage(), e);
        }
        context.progress().progress(1);
        ForestClassifier.Prediction p = forest.predict(f);
        double ps = p.probability(SYNTHETIC);
        int n = LatentQuantization.PER_POINT.size();
        String q = codecs.get(best).ratePoint();
        List<Score> scores = new ArrayList<>();
        Score head = new Score("p_synthetic", "Probability of a synthetic image", ps,
                "The forest's share of votes for 'synthetic' against 'real photo decoded by the codec' (0..1).");
        scores.add(head);
        scores.add(new Score("mean_abs_residual", "Mean distance of active latents to the integer grid (" + q + ")", f[best * n],
                "0 = on the grid (the codec rounded these latents before), 0.25 = spread evenly."));
        scores.add(new Score("near_grid", "Share of active latents near the grid (" + q + ")", f[best * n + 1],
                "Share closer than " + LatentQuantization.NEAR + " to an integer; about " + 2 * LatentQuantization.NEAR + " when spread evenly."));
        double pCodec = CodecDomain.codecProbability(image, context);
        Verdict v = VERDICT.decide(ps, image, context);
        boolean validated = v.supported();
        if (!Double.isNaN(pCodec)) scores.add(CodecDomain.codecGateScore(pCodec, "codec-compressed photos and synthetic images", context.models()));
        Hypothesis h = v.supports();
        String gate = !validated ? ForestCue.notValidated() : v.withheld() == null ? "" : v.withheld();
        String explanation = String.format(Locale.ROOT,
                "The image was encoded again with the analysis transform of the codec (%s), and the distance of its"
                        + " latents to the codec's quantization grid was measured (central %dx%d pixels; best-aligned rate point %s). A real photo that"
                        + " went through this codec was decoded from rounded latents and re-encodes close to them; a generated"
                        + " image never was. The forest gives %.0f%% to 'synthetic'. The map shows the alignment per 16x16"
                        + " block (1 = on the grid, 0 = evenly spread)%s. This cue separates codec-compressed photos from"
                        + " synthetic images; on a camera original that never went through a codec its answer does not apply.",
                ForestCue.codecDescription(context.models()), LatentQuantization.REGION, LatentQuantization.REGION, q, 100 * ps,
                whole ? "" : String.format(Locale.ROOT, " over the central %dx%d pixels only, to bound the cost (parameter %s"
                        + " gives a larger region)", Math.min(side, image.width()), Math.min(side, image.height()), MAP_SIDE.key())) + gate;
        // on a very large image the map covers only the central crop, so it is shown beside the image, not over it
        MapLayer layer = new MapLayer("Latent grid alignment (" + q + (whole ? ")" : ", central " + side + " px)"),
                map, ColourScale.DIVERGING, -1, 1, "-1 (off the grid)", "+1 (on the grid)", whole, List.of());
        return new IndicatorResult(ID, head, scores, List.of(layer), explanation, h, v.confidence(), f)
                .withFinding(VERDICT.finding(v, context.models()));
    }
}
