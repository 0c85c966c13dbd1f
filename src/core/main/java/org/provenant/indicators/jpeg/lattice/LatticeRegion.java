package org.provenant.indicators.jpeg.lattice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.ImageFormat;
import org.provenant.core.jpeg.JpegModel;
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
import org.provenant.indicators.pixel.pixelkit.PixelWork;
import org.provenant.indicators.verdict.HeldOut;
import org.provenant.indicators.verdict.Verdict;
import org.provenant.indicators.verdict.VerdictPolicy;

/**
 * A region pasted, filled or generated into a lossless picture that was a JPEG before (an AI inpainting tool, an
 * editor or a converter that reads a JPEG photo and writes PNG or TIFF): the untouched blocks keep the earlier
 * JPEG's quantization lattice ({@link BlockLattice}), the new region does not. The largest solid region of blocks
 * without it ({@link BlockRegion}) is outlined, and the indicator leans "manipulated" when it is large while the rest
 * of the picture carries the trace. A JPEG file is left to the double-JPEG indicator ("jpeg-pasted-region").
 */
public final class LatticeRegion implements Indicator {
    public static final String ID = "jpeg-lattice-region";
    /** The headline's meaning where no earlier JPEG's steps show: nothing to measure (the headline is undefined). */
    public static final String NO_TRACE_WORDS = "no earlier JPEG compression shows in the pixels";
    /** Fewest frequencies that must show the earlier JPEG's lattice for a verdict. Our choice, on TRAINING data. */
    public static final int MIN_FREQUENCIES = 3;
    /** Probability above which a block lacks the trace. Our choice, on TRAINING data. */
    public static final double LACKS = 0.9;
    public static final double MAX_BACKGROUND = 0.05;
    /** Lean threshold on the headline, blocks of 8x8 pixels in the region. Our choice, on TRAINING data. */
    public static final double THRESHOLD = 32;
    static final VerdictPolicy.Gate NO_TRACE = (image, ctx) -> {
        int f = lattice(image, ctx).frequencies();
        return f >= MIN_FREQUENCIES ? null : String.format(Locale.ROOT, "only %d of the %d lowest frequencies show an earlier"
                + " JPEG's steps (%d needed), so no block can be said to lack them", f, BlockLattice.FREQUENCIES, MIN_FREQUENCIES);
    };
    static final VerdictPolicy.Gate SCATTERED = (image, ctx) -> {
        double b = region(image, ctx) == null ? 0 : region(image, ctx).background;
        return b < MAX_BACKGROUND ? null : String.format(Locale.ROOT, "%.0f %% of the blocks away from the region lack the"
                + " earlier JPEG's steps too: the trace is too weak or uneven here for a region to mean anything", 100 * b);
    };
    public static final VerdictPolicy VERDICT = VerdictPolicy.threshold(Hypothesis.MANIPULATED, "a region added after the"
                    + " picture was a JPEG", THRESHOLD, HeldOut.falseAlarmCounts(new HeldOut.Share(0, 208), new HeldOut.Share(0, 100)),
            "set on 208 TRAINING synthetic edits saved as PNG with their hosts (none of the 136 hosts that show a JPEG trace"
                    + " above it) and on TRAINING photos saved as PNG (none of 376 above it); it leaned on 0 of 208 held-out"
                    + " photos saved as PNG and on 0 of 100 held-out hosts").unless(NO_TRACE).unless(SCATTERED);

    static BlockLattice lattice(FloatImage image, IndicatorContext ctx) throws IndicatorException {
        return ctx.shared(image).compute(ID + ":lattice", () -> new BlockLattice(image, (x, y) -> x == 0 && y == 0
                ? PixelWork.jpeg(image, ctx) : JpegModel.of(image.crop(x, y, image.width() - x, image.height() - y))));
    }

    /** The region of this analysis (null where no lattice shows), found once. */
    static BlockRegion region(FloatImage image, IndicatorContext ctx) throws IndicatorException {
        BlockLattice l = lattice(image, ctx);
        return l.lacks == null ? null : ctx.shared(image).compute(ID + ":region", () -> new BlockRegion(l.lacks, image, LACKS));
    }

    @Override public String id() { return ID; }
    @Override public String displayName() { return "Pasted region (JPEG trace in a lossless file)"; }
    @Override public String methodReference() {
        return "JPEG compatibility of 8x8 blocks: Fridrich, Goljan & Du, Proc. ACM Multimedia and Security 2001; ours for the region";
    }
    @Override public int order() { return 8; }
    @Override public int cost() { return 2; }
    @Override public EvidenceFamily family() { return EvidenceFamily.JPEG; }
    @Override public String guidePage() { return "pixel-toolbox.md"; }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext ctx) throws IndicatorException {
        String label = "Blocks in the largest region without the earlier JPEG's steps";
        if (ctx.evidenceFile().map(e -> e.format() == ImageFormat.JPEG).orElse(false)) {
            return notHere(label, "a JPEG file: the double-JPEG indicator reads its coefficients instead",
                    "The file is a JPEG: its own compression sets every block on one lattice, so the pixels cannot show an"
                            + " earlier one; the pasted-region (double JPEG) indicator reads the file's coefficients instead.");
        }
        IndicatorResult tooLittle = ContentCheck.check(this, image, ctx, 64, 64);
        if (tooLittle != null) return tooLittle;
        BlockLattice l = lattice(image, ctx);
        ctx.progress().progress(0.8);
        BlockRegion r = region(image, ctx);
        if (r == null) {
            return notHere(label, NO_TRACE_WORDS, "No frequency of the 8x8 blocks gathers"
                    + " on the multiples of a quantization step: the picture was not a JPEG before (or was resized or"
                    + " re-rendered since), so there is no trace for a region to lack.");
        }
        double headline = r.size;
        String trace = "the earlier JPEG's steps";
        List<Score> scores = new ArrayList<>();
        Score head = new Score("region_blocks", label, headline, "8x8 blocks in the largest solid region whose DCT coefficients"
                + " do not lie on the steps of the earlier JPEG that the rest of the picture shows (probability above " + LACKS
                + "). 0 = none. " + VERDICT.statement());
        scores.add(head);
        scores.add(new Score("lattice_frequencies", "Frequencies showing an earlier JPEG's steps", l.frequencies(), "Of the "
                + BlockLattice.FREQUENCIES + " lowest; at " + MIN_FREQUENCIES + " or more a region can be looked for."));
        scores.add(new Score("first_step", "Step of the lowest frequency", l.steps[0], "The earlier JPEG's quantization step"
                + " there (0: none found; IJG quality 90 gives 2, quality 75 gives 6, quality 50 gives 11)."));
        scores.addAll(r.scores(trace, MAX_BACKGROUND));
        Verdict v = VERDICT.decide(headline, image, ctx);
        String explanation = String.format(Locale.ROOT, "A picture decoded from a JPEG keeps, in each 8x8 block of the JPEG's grid,"
                        + " DCT coefficients close to multiples of that JPEG's quantization steps, even after it is saved as PNG or"
                        + " TIFF. A region pasted, filled or generated after the decoding does not. Here %d of the %d lowest"
                        + " frequencies show such steps (grid at x+%d, y+%d). Bright blocks lack them; the outline marks the largest"
                        + " solid region of such blocks (%d blocks, %.1f %% of the usable ones), and %.1f %% of the blocks away from"
                        + " it lack them too. Flat blocks carry no evidence, nor do clipped ones. Resizing, blurring or a new JPEG"
                        + " save erases the trace everywhere, and then nothing can be said. %s",
                l.frequencies(), BlockLattice.FREQUENCIES, l.x0, l.y0, r.size, r.percentOfUsable(),
                100 * r.background, v.supports() == Hypothesis.MANIPULATED ? "The region passes the threshold measured on"
                        + " lossless copies of photos." : VERDICT.statement());
        return new IndicatorResult(ID, head, scores, r.maps(trace), explanation, v.supports(), v.confidence(), new double[]{headline})
                .withFinding(VERDICT.finding(v, ctx.models()));
    }

    private static IndicatorResult notHere(String label, String why, String explanation) {
        Score head = new Score("region_blocks", label, Double.NaN, why);
        return new IndicatorResult(ID, head, List.of(head), List.of(), explanation, Hypothesis.INCONCLUSIVE, 0.5, new double[0])
                .withFinding(Finding.notHere(why, explanation));
    }
}
