package org.provenant.indicators.codec.recompression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provenant.indicators.codec.codeccolour.CodecDomain;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.ContentCheck;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Score;
import org.provenant.indicators.codec.forestcue.ForestCue;
import org.provenant.indicators.verdict.Verdict;
import org.provenant.indicators.verdict.VerdictPolicy;
import org.provenant.ml.ModelException;
import org.provenant.ml.codec.ImageCodec;
import org.provenant.ml.codec.NeuralCodec;
import org.provenant.ml.forest.ForestClassifier;

/**
 * Cue 2 of arXiv 2504.03191 with its random forest {@value #CLASSIFIER}: the {@link RateDistortion} vector of
 * the suspect, classified as compressed once vs twice by a neural codec.
 */
public final class RecompressionCue implements Indicator {
    public static final String ID = "codec-recompression";
    public static final String CLASSIFIER = "classifier-codec-recompression";
    public static final String ONCE = "once";
    public static final String TWICE = "twice";

    /**
     * Its verdict: the forest's vote for a second compression, when its manifest entry states a held-out accuracy that
     * passes the bar, and only where cue 1 sees a neural codec ({@link CodecDomain#GATE}): this forest saw only
     * codec-compressed images.
     */
    public static final VerdictPolicy VERDICT = VerdictPolicy.vote(CLASSIFIER, Hypothesis.DOUBLE_COMPRESSED)
            .unless(CodecDomain.GATE);

    @Override public String id() { return ID; }
    @Override public EvidenceFamily family() { return EvidenceFamily.CODEC; }
    @Override public String displayName() { return "Neural-codec recompression (rate-distortion)"; }
    @Override public String methodReference() {
        return "Bergmann, Brand, Riess, arXiv 2504.03191, cue 2 (rate-distortion under recompression), Tribuo random forest";
    }
    @Override public int order() { return 12; }
    @Override public int cost() { return 3; }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext context) throws IndicatorException {
        IndicatorResult thin = ContentCheck.check(this, image, context, 16);
        if (thin != null) return thin;
        List<ImageCodec> codecs = ForestCue.codecs(context.models());
        List<String> names = RateDistortion.featureNames(codecs);
        ForestClassifier forest = ForestCue.classifier(context.models(), CLASSIFIER, names);
        double[] f;
        try {
            f = RateDistortion.features(image, codecs, context.progress());
        } catch (ModelException e) {
            throw new IndicatorException(e.getMessage(), e);
        }
        ForestClassifier.Prediction p = forest.predict(f);
        double pt = p.probability(TWICE);
        int k = codecs.size();
        List<Score> scores = new ArrayList<>();
        Score head = new Score("p_twice", "Probability of a second neural-codec compression", pt,
                "The forest's share of votes for 'compressed twice' against 'compressed once' (0..1).");
        scores.add(head);
        for (int i = 0; i < k; i++) {
            String q = codecs.get(i).ratePoint();
            scores.add(new Score("bpp_" + q, "Re-encoded rate at " + q + " (bpp)", f[i],
                    "Bits per pixel when the central region is compressed again at rate point " + q + "."));
            scores.add(new Score("psnr_" + q, "Re-encoding PSNR at " + q + " (dB)", f[k + i],
                    "How much the image changes when compressed again at " + q + "; higher = closer to a fixed point."));
            scores.add(new Score("dpsnr_" + q, "PSNR change at the next recompression, " + q + " (dB)", f[2 * k + i],
                    "A neural codec keeps losing quality at each pass; the trend differs for once- and twice-compressed images."));
        }
        scores.add(new Score("rd_slope", "Rate-distortion slope (dB per doubling of rate)", f[4 * k],
                "Slope of the re-encoding PSNR against log2(bpp) over the rate points."));
        double heldOut = VERDICT.calibration(context.models()).orElseThrow().heldOut().accuracy();
        // like cue 3, this forest saw only codec-compressed images: its verdict needs cue 1 to see a codec first
        double pCodec = CodecDomain.codecProbability(image, context);
        Verdict v = VERDICT.decide(pt, image, context);
        boolean validated = v.supported();
        Hypothesis h = v.supports();
        String explanation = String.format(Locale.ROOT,
                "The central %dx%d pixels were compressed again, twice, at each of the codec's %d rate points, and the"
                        + " bits per pixel and the quality (PSNR) of each pass were recorded. A neural codec loses a little more"
                        + " quality at every recompression, so an image that already went through it twice re-encodes"
                        + " differently from one compressed once. The forest gives %.0f%% to 'compressed twice'. This cue"
                        + " presumes the image was compressed by a neural codec at least once (see the colour cue); on a camera"
                        + " original it says nothing, and a low value means 'no sign of a second compression', not 'original'.",
                RateDistortion.REGION, RateDistortion.REGION, k, 100 * pt)
                + (validated ? String.format(Locale.ROOT, " This forest was right on %.0f%% of the samples of photos"
                        + " left out of its training (models/README.md): a pointer for the examiner, not proof.", 100 * heldOut)
                        : String.format(Locale.ROOT, " No verdict is drawn: this forest's held-out accuracy is %s,"
                        + " below the %.0f%% a verdict needs (models/README.md); the figures are shown for comparison only.",
                        Double.isNaN(heldOut) ? "not stated" : String.format(Locale.ROOT, "%.0f%%", 100 * heldOut),
                        100 * VerdictPolicy.MIN_HELD_OUT_ACCURACY));
        if (!Double.isNaN(pCodec)) scores.add(CodecDomain.codecGateScore(pCodec, "codec-compressed images", context.models()));
        if (v.withheld() != null) explanation += v.withheld();
        return new IndicatorResult(ID, head, scores, List.of(), explanation, h, v.confidence(), f)
                .withFinding(VERDICT.finding(v, context.models()));
    }
}
