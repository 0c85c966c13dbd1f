package org.provenant.indicators.codec.colourcorr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provenant.core.image.FloatImage;
import org.provenant.core.render.ColourScale;
import org.provenant.indicators.ContentCheck;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Score;
import org.provenant.indicators.features.ChannelCorrelation;
import org.provenant.indicators.verdict.Verdict;
import org.provenant.indicators.verdict.VerdictPolicy;
import org.provenant.indicators.verdict.JpegTrace;

/**
 * Colour-channel correlation, cue 1 of Bergmann et al. (arXiv 2504.03191): the correlations of the high-pass
 * residuals of R-G, R-B and G-B ({@link ChannelCorrelation}, per block and over the whole image) shown as maps, with
 * the median block correlation as headline and a likelihood ratio only from a calibration on held-out sources.
 */
public final class ColourCorrelation implements Indicator {
    public static final String ID = "colour-correlation";
    /** Its verdict: a likelihood ratio calibrated on held-out sources (models/calibration). */
    static final VerdictPolicy VERDICT = VerdictPolicy.calibrated(ID, Hypothesis.NEURAL_CODEC, "neural-codec");
    /*
     * No fixed decision thresholds: the former 0.95 / 0.75 bands called 59 % of untouched camera photos "neural codec"
     * (issue 10), because classic JPEG raises the value too. The verdict now comes only from a calibration measured on
     * held-out data (VerdictPolicy) and never where a classic-JPEG trace is found (JpegTrace).
     */

    private static final String[] PAIR_LABELS = {"R-G", "R-B", "G-B"};

    @Override public String id() { return ID; }
    @Override public EvidenceFamily family() { return EvidenceFamily.CODEC; }
    @Override public String displayName() { return "Colour-channel correlation"; }
    @Override public String methodReference() { return "Bergmann, Brand, Riess, arXiv 2504.03191, cue 1 (colour correlation)"; }
    @Override public int order() { return 10; }
    @Override public int cost() { return 2; }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext context) throws IndicatorException {
        if (image.channels() < 3) throw new IndicatorException("Colour-channel correlation needs a colour image; this one is greyscale.");
        IndicatorResult thin = ContentCheck.check(this, image, context, ChannelCorrelation.BLOCK);
        if (thin != null) return thin;
        ChannelCorrelation.Correlations c = ChannelCorrelation.shared(image, context);
        double[] f = ChannelCorrelation.features(c);
        int stride = ChannelCorrelation.STATS.size(), median50 = ChannelCorrelation.STATS.indexOf("q50");
        double[] median = new double[3];
        double headline = 0;
        for (int p = 0; p < 3; p++) {
            median[p] = f[p * stride + median50];
            headline += median[p] / 3;
        }
        if (!Double.isFinite(headline)) {
            return ContentCheck.inconclusive(ID, ContentCheck.PREFIX + "no " + ChannelCorrelation.BLOCK + "x" + ChannelCorrelation.BLOCK + " block has fine detail"
                    + " in all three colour channels, so no correlation between them is defined.");
        }
        List<Score> scores = new ArrayList<>();
        Score head = new Score("median_block_corr", "Median block residual correlation (mean of 3 pairs)", headline,
                "1 = channel details move in lock-step (colour conversion with chroma subsampling, in neural codecs and in"
                        + " classic JPEG alike); camera originals that were never JPEG-compressed are typically lower.");
        scores.add(head);
        for (int p = 0; p < 3; p++) {
            scores.add(new Score("global_" + ChannelCorrelation.PAIRS.get(p), "Global " + PAIR_LABELS[p] + " residual correlation", c.global()[p],
                    "Pearson correlation of the " + PAIR_LABELS[p] + " high-pass residuals over the whole image (-1..1)."));
        }
        for (int p = 0; p < 3; p++) {
            scores.add(new Score("median_" + ChannelCorrelation.PAIRS.get(p), "Median " + PAIR_LABELS[p] + " block correlation", median[p],
                    "Median over " + ChannelCorrelation.BLOCK + "x" + ChannelCorrelation.BLOCK + " blocks of the " + PAIR_LABELS[p] + " residual correlation."));
        }
        List<MapLayer> maps = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            maps.add(new MapLayer(PAIR_LABELS[p] + " residual correlation", c.maps()[p], ColourScale.DIVERGING, -1, 1,
                    "-1 (opposed)", "+1 (locked together)", true, List.of()));
        }
        JpegTrace jpeg = JpegTrace.of(image, context);
        Verdict v = VERDICT.decide(jpeg.any() ? Double.NaN : headline, image, context);
        scores.addAll(v.scores());
        String verdict = jpeg.any() ? " Here " + jpeg.where() + ": classic JPEG converts to YCbCr and quantizes (and usually"
                + " subsamples) the chroma too, which raises these correlations just as a neural codec does, so this cue"
                + " cannot tell the two apart and draws no verdict." : v.sentence();
        String explanation = String.format(Locale.ROOT,
                "The maps show, block by block, how strongly the fine detail of each pair of colour channels moves together"
                        + " (red = locked together, white = independent); the median block correlation is %.2f for R-G, %.2f for R-B"
                        + " and %.2f for G-B. A camera original keeps some independent noise in each channel and shows lower,"
                        + " more varied values, while the colour conversion and chroma subsampling of a neural codec such as JPEG AI"
                        + " push them uniformly close to 1.", median[0], median[1], median[2]) + verdict;
        return new IndicatorResult(ID, head, scores, maps, explanation, v.supports(), v.confidence(), f)
                .withFinding(jpeg.any() ? Finding.notHere("no verdict on a classic JPEG", jpeg.where()) : VERDICT.finding(v, context.models()));
    }

}
