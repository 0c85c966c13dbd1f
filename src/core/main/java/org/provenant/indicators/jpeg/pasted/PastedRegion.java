package org.provenant.indicators.jpeg.pasted;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.ContentCheck;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Score;
import org.provenant.indicators.features.BlockRegion;
import org.provenant.indicators.jpeg.jpegstructure.FirstCompression;
import org.provenant.indicators.jpeg.jpegstructure.JpegStructure;
import org.provenant.indicators.verdict.HeldOut;
import org.provenant.indicators.verdict.Verdict;
import org.provenant.indicators.verdict.VerdictPolicy;

/**
 * A region pasted into a JPEG that was compressed twice (aligned double JPEG compression, Lin, He, Tang, Tang,
 * Pattern Recognition 2009; Bianchi and Piva, IEEE TIFS 2012). A photo saved as JPEG (in the camera, or by an
 * earlier save) and saved again after an edit keeps the trace of its first quantization in every block that was not
 * touched; a pasted object, a copied piece moved off the 8x8 grid, or a filled hole does not carry it. The JPEG
 * structure indicator's block map ({@link FirstCompression}) gives each block's probability of lacking the first
 * compression; this indicator outlines the largest solid region of such blocks ({@link BlockRegion}) and leans
 * "manipulated" when it is large, while the rest of the picture carries the first compression.
 */
public final class PastedRegion implements Indicator {
    public static final String ID = "jpeg-pasted-region";
    /**
     * Smallest evidence of a first compression (nats per block, the JPEG structure indicator's statistic) for a verdict:
     * without it no block can be said to lack it. Our choice, on TRAINING data; the JPEG structure indicator reports
     * double compression only from 1.5, but a pasted region lowers that statistic (its blocks fit the double model
     * worse), so the region is looked for from here.
     */
    public static final double MIN_STATISTIC = 0.3;
    /** Largest share of lacking blocks away from the region for a verdict: where they are everywhere the map is noise. */
    public static final double MAX_BACKGROUND = 0.05;
    /** Probability above which a block lacks the first compression. Our choice, on TRAINING data (see docs). */
    public static final double LACKS = 0.9;
    /** Lean threshold on the headline, blocks of 8x8 pixels in the region. Our choice, on TRAINING data (see docs). */
    public static final double THRESHOLD = 32;
    static final VerdictPolicy.Gate NO_FIRST = (image, ctx) -> {
        FirstCompression fc = FirstCompression.of(image, ctx);
        double s = fc == null ? Double.NaN : fc.statistic();
        return s >= MIN_STATISTIC ? null : String.format(Locale.ROOT, "the coefficients show little trace of an earlier"
                + " compression (%.2f nats per block, %.1f needed), so no block can be said to lack it", s, MIN_STATISTIC);
    };
    static final VerdictPolicy.Gate SCATTERED = (image, ctx) -> {
        FirstCompression fc = FirstCompression.of(image, ctx);
        double b = fc == null || !fc.examined() ? 0 : region(fc, image, ctx).background;
        return b < MAX_BACKGROUND ? null : String.format(Locale.ROOT, "%.0f %% of the blocks away from the region lack the"
                + " first compression too: the trace is too weak or uneven here for a region to mean anything", 100 * b);
    };
    public static final VerdictPolicy VERDICT = VerdictPolicy.threshold(Hypothesis.MANIPULATED, "a region pasted in after"
                    + " the first JPEG save", THRESHOLD, HeldOut.falseAlarmCounts(new HeldOut.Share(0, 208), new HeldOut.Share(0, 300)),
            "set on 376 TRAINING photos re-saved as JPEG (q70-95; none above it) and 592 TRAINING synthetic edits with their"
                    + " hosts (1 host above it, a blue sky); it leaned on 0 of 208 held-out photos re-saved as JPEG and on 0 of 300"
                    + " held-out hosts").unless(NO_FIRST).unless(SCATTERED);

    /** The region of this analysis, found once (the verdict's gate reads it too). */
    static BlockRegion region(FirstCompression fc, FloatImage image, IndicatorContext ctx) throws IndicatorException {
        return ctx.shared(image).compute(ID + ":region", () -> new BlockRegion(fc.lacksFirst(), image, LACKS));
    }

    @Override public String id() { return ID; }
    @Override public String displayName() { return "Pasted region (double JPEG)"; }
    @Override public String methodReference() {
        return "aligned double JPEG compression: Lin et al., Pattern Recognition 42(11), 2009; Bianchi & Piva, IEEE TIFS 7(3), 2012";
    }
    @Override public int order() { return 7; }
    @Override public int cost() { return 2; }
    @Override public EvidenceFamily family() { return EvidenceFamily.JPEG; }
    @Override public String guidePage() { return "pixel-toolbox.md"; }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext ctx) throws IndicatorException {
        String label = "Blocks in the largest region without the first compression";
        FirstCompression fc = FirstCompression.of(image, ctx);
        if (fc == null) {
            Score head = new Score("region_blocks", label, Double.NaN, JpegStructure.NOT_JPEG);
            return new IndicatorResult(ID, head, List.of(head), List.of(), "The file is not a JPEG, so no block can carry or"
                    + " lack an earlier JPEG compression (a lossless file that was a JPEG before is read by the lossless-file"
                    + " indicator).", Hypothesis.INCONCLUSIVE, 0.5, new double[0])
                    .withFinding(Finding.notHere("not a JPEG", "not a JPEG file: there is no compression history to read"));
        }
        if (!fc.examined()) return ContentCheck.inconclusive(ID, "The JPEG coefficients were not analysed: " + fc.notExamined() + ".");
        BlockRegion r = region(fc, image, ctx);
        ctx.progress().progress(0.9);
        double headline = r.size;
        String trace = "the first compression";
        List<Score> scores = new ArrayList<>();
        Score head = new Score("region_blocks", label, headline, "8x8 blocks in the largest solid region whose coefficients fit"
                + " a single compression better than the first-then-second one the rest of the picture shows (probability above "
                + LACKS + "). 0 = none. " + VERDICT.statement());
        scores.add(head);
        scores.add(new Score("dq_statistic", "Evidence of a first compression", fc.statistic(), "Nats per 8x8 block (the JPEG"
                + " structure indicator's statistic): 0 for a single save; at " + MIN_STATISTIC + " or more a region can be looked for."));
        scores.addAll(r.scores(trace, MAX_BACKGROUND));
        Verdict v = VERDICT.decide(headline, image, ctx);
        String explanation = String.format(Locale.ROOT, "A JPEG saved twice keeps, in each 8x8 block, the trace of its first"
                        + " quantization: the DCT coefficients fall on the first save's steps as well as on the second's. A region"
                        + " pasted in between the two saves (from another picture, or moved off the 8x8 grid, or a filled hole) does"
                        + " not carry that trace. Here the trace is %.2f nats per block%s. Bright blocks lack it; the outline marks"
                        + " the largest solid region of such blocks (%d blocks, %.1f %% of the usable ones), and %.1f %% of the"
                        + " blocks away from it lack it too. Flat blocks carry no evidence (no colour), nor do clipped ones."
                        + " A picture saved only once, resized, or saved the second time at a higher quality than the first shows no"
                        + " trace, so nothing can be said there. %s",
                fc.statistic(), fc.statistic() >= MIN_STATISTIC ? "" : " (too little for a region to mean anything)", r.size,
                r.percentOfUsable(), 100 * r.background,
                v.supports() == Hypothesis.MANIPULATED ? "The region passes the threshold measured on re-saved photos."
                        : VERDICT.statement());
        return new IndicatorResult(ID, head, scores, r.maps(trace), explanation, v.supports(), v.confidence(), new double[]{headline})
                .withFinding(VERDICT.finding(v, ctx.models()));
    }
}
