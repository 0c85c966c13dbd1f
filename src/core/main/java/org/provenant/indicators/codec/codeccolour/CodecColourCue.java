package org.provenant.indicators.codec.codeccolour;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provenant.indicators.features.ChannelCorrelation;
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
import org.provenant.indicators.verdict.JpegTrace;
import org.provenant.indicators.verdict.Verdict;
import org.provenant.indicators.verdict.VerdictPolicy;
import org.provenant.indicators.codec.codecdetector.ClassicCodecGate;
import org.provenant.indicators.codec.forestcue.ForestCue;
import org.provenant.ml.forest.ForestClassifier;

/**
 * Cue 1 of arXiv 2504.03191 with its random forest: the colour-channel residual correlation statistics of
 * {@link ChannelCorrelation#features} classified as uncompressed vs neural-codec compressed by the forest
 * {@value #CLASSIFIER} (trained by {@code provenant train}).
 */
public final class CodecColourCue implements Indicator {
    public static final String ID = "codec-colour";
    public static final String CLASSIFIER = ForestCue.COLOUR_CLASSIFIER;
    public static final String UNCOMPRESSED = "uncompressed";
    public static final String CODEC = "codec";
    /**
     * Its verdict: the forest's vote for neural-codec compression above the threshold its manifest entry states
     * ({@link CodecDomain#VERDICT_THRESHOLD}, else {@link CodecDomain#CODEC_GATE}), when the entry states a held-out
     * accuracy that passes the bar; never where a classic-JPEG trace is found (classic JPEG raises the colour
     * correlations as a codec does: 37 of 634 real corpus photos leaned "codec", 11.9 % of the 4:4:4 re-saves, 32 of
     * them with a JPEG trace in the file or the pixel grid), nor where the classic-codec check ({@link ClassicCodecGate})
     * reads an AVIF / JPEG XL / WebP decode. Below the threshold no lean to "camera original": these
     * statistics do not carry over to a codec family the forest never saw (leave-one-family-out AUC 0.47 on adv, 0.21
     * on JPEG AI; docs/neural-codec.md).
     */
    public static final VerdictPolicy VERDICT = VerdictPolicy.vote(CLASSIFIER, Hypothesis.NEURAL_CODEC)
            .above(CodecDomain.CODEC_GATE, CodecDomain.VERDICT_THRESHOLD, false).unless(JpegTrace.GATE).unless(ClassicCodecGate.GATE);

    @Override public String id() { return ID; }
    @Override public EvidenceFamily family() { return EvidenceFamily.CODEC; }
    @Override public String displayName() { return "Neural-codec colour cue (random forest)"; }
    @Override public String methodReference() {
        return "Bergmann, Brand, Riess, arXiv 2504.03191, cue 1 (colour correlation), Tribuo random forest";
    }
    @Override public int order() { return 11; }
    @Override public int cost() { return 1; }

    /** Mean of the R-G, R-B and G-B block residual correlations (NaN where a block is flat). */
    public static FloatMap meanCorrelationMap(FloatImage rgb) {
        return mean(ChannelCorrelation.blockMaps(rgb, ChannelCorrelation.BLOCK));
    }

    private static FloatMap mean(FloatMap[] m) {
        float[] out = new float[m[0].data().length];
        for (int i = 0; i < out.length; i++) out[i] = (m[0].data()[i] + m[1].data()[i] + m[2].data()[i]) / 3;
        return new FloatMap(m[0].width(), m[0].height(), out);
    }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext context) throws IndicatorException {
        if (image.channels() < 3) throw new IndicatorException("The neural-codec colour cue needs a colour image; this one is greyscale.");
        int b = ChannelCorrelation.BLOCK;
        IndicatorResult thin = ContentCheck.check(this, image, context, b);
        if (thin != null) return thin;
        ForestClassifier forest = ForestCue.classifier(context.models(), CLASSIFIER, ChannelCorrelation.FEATURE_NAMES);
        double[] f = ChannelCorrelation.features(image, context);   // shared with the other colour-correlation readers
        if (java.util.Arrays.stream(f).anyMatch(Double::isNaN)) {
            return ContentCheck.inconclusive(ID, ContentCheck.PREFIX + "in some colour-channel pair no block has fine detail,"
                    + " so the forest's features are undefined.");
        }
        context.progress().progress(0.6);
        ForestClassifier.Prediction p = forest.predict(f);
        double pc = p.probability(CODEC);
        FloatMap map = mean(ChannelCorrelation.blockMaps(image, context));
        context.progress().progress(1);
        List<Score> scores = new ArrayList<>();
        Score head = new Score("p_codec", "Probability of neural-codec compression", pc,
                "The forest's share of votes for 'compressed by a neural codec' (0..1); the verdict threshold is stated in the explanation.");
        scores.add(head);
        int median = ChannelCorrelation.FEATURE_NAMES.indexOf("rg_q50");
        scores.add(new Score("median_rg", "Median R-G block residual correlation", f[median],
                "Camera originals keep more independent channel noise (lower values) than codec outputs."));
        Verdict v = VERDICT.decide(pc, image, context);
        boolean validated = v.supported();
        double threshold = VERDICT.calibration(context.models()).orElseThrow().threshold();
        Hypothesis h = v.supports();
        String explanation = String.format(Locale.ROOT,
                "A random forest trained on camera photos and on their neural-codec compressions (%s) reads the"
                        + " colour-residual correlation statistics of this image and gives %.0f%% to neural-codec compression. The map shows the mean"
                        + " correlation of the channels' fine detail per %dx%d block: a codec's colour conversion and chroma"
                        + " subsampling lock the channels together (values near 1 everywhere), a camera original shows lower,"
                        + " more varied values. Classic JPEG with 4:2:0 chroma can also raise them.",
                ForestCue.codecDescription(context.models()), 100 * pc, b, b)
                + (validated ? String.format(Locale.ROOT, " It calls an image neural-codec compressed above %.2f, the level at"
                        + " which at most 5%% of camera photos and classic JPEG, WebP and AVIF outputs were called so (models/README.md).",
                        threshold) : ForestCue.notValidated())
                + (ClassicCodecGate.isClassic(v.withheld()) ? " No verdict is drawn here: " + v.withheld() + "."
                        : v.withheld() != null ? " No verdict is drawn here: " + v.withheld() + ", and classic JPEG raises these"
                        + " correlations as a neural codec does." : "")
                + (h == Hypothesis.INCONCLUSIVE && validated && v.withheld() == null ? " Below the threshold this cue draws no verdict"
                        + " either way: it does not recognise codec families it was not trained on (ROC AUC 0.47 on a held-out"
                        + " family), so a low value is not evidence of a camera original; see the neural-codec detector." : "");
        MapLayer layer = new MapLayer("Mean residual correlation (R-G, R-B, G-B)", map, ColourScale.DIVERGING, -1, 1,
                "-1 (opposed)", "+1 (locked together)", true, List.of());
        return new IndicatorResult(ID, head, scores, List.of(layer), explanation, h, v.confidence(), f)
                .withFinding(VERDICT.finding(v, context.models()));
    }
}
