package org.provenant.indicators.pixel.exemplar;

import java.util.ArrayList;
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
import org.provenant.indicators.verdict.HeldOut;
import org.provenant.indicators.verdict.Verdict;
import org.provenant.indicators.verdict.VerdictPolicy;

/**
 * Exemplar fill (object removal): where many small patches have a near-exact twin elsewhere in the image. Exemplar
 * inpainting (Criminisi, Perez, Toyama, IEEE TIP 2004; the "remove object" of many editors) and the clone stamp fill
 * a hole with small pieces copied from the photo itself, each piece from its own place, so unlike a copy-move no
 * single move explains them. Twins are searched at full resolution ({@link PatchTwins}, {@link TwinField}); the
 * headline is the number of twin pixels in the largest connected group of 16-pixel cells that each hold at least
 * {@link TwinField#MIN_CELL_TWINS} (twin-pixel detection after Wu, Sun, Chang, Kuo, ICME 2008, and Liang, Yang, Zhao, Wang,
 * Digital Investigation 2015).
 */
public final class ExemplarFill implements Indicator {
    public static final String ID = "exemplar-fill";
    /**
     * Largest share of twins among the tested pixels outside the group for a verdict: where the whole picture repeats
     * itself (an upscaled or heavily compressed image, e.g. a trail camera's night shots: 0.04-0.09) a group means
     * nothing. Set on TRAINING data: camera photos' median 0.0001; 5 of 180 TRAINING photos (trail-camera night shots,
     * two Pixel 5 photos) and 2 of 61 TRAINING synthetic removals (one of them with a group of 3194) at or above it.
     */
    public static final double MAX_BACKGROUND = 0.03;
    static final VerdictPolicy.Gate SELF_SIMILAR = (image, ctx) -> {
        double b = TwinField.of(image, ctx).backgroundShare();
        return b < MAX_BACKGROUND ? null : String.format(Locale.ROOT, "Here %.1f %% of the textured pixels outside the group"
                + " have twins too: the whole picture repeats itself (upscaled or heavily compressed), so a group of twins means"
                + " nothing", 100 * b);
    };
    /** Lean threshold on the headline (twin pixels in the largest group); see {@link #VERDICT}. */
    public static final double THRESHOLD = 150;
    public static final VerdictPolicy VERDICT = VerdictPolicy.threshold(Hypothesis.MANIPULATED, "pieces copied within the image"
                    + " (exemplar fill or clone stamp)", THRESHOLD, HeldOut.falseAlarmCounts(new HeldOut.Share(2, 208), new HeldOut.Share(3, 87)),
            "set above the largest groups, 109 and 103 twin pixels, of 180 TRAINING camera"
                    + " and gen-vs-real photos that pass the self-similarity gate, and above the largest group, 67, of 61 TRAINING synthetic removals' hosts;"
                    + " it leaned on 2 of 208 held-out photos (1.0 %: a tiled pool wall and a grey test picture's roof edge), on 3 of"
                    + " the 87 of PixelCalibrationTest's held-out half (5 of all 174 gen-vs-real photos, 2.9 %: Urban100 facades,"
                    + " grey test pictures, that pool wall, all real repetitions) and found 8 of 20 held-out synthetic exemplar removals").unless(SELF_SIMILAR);

    @Override public String id() { return ID; }
    @Override public String displayName() { return "Exemplar fill (object removal)"; }
    @Override public String methodReference() {
        return "Criminisi et al., IEEE TIP 2004 (the fill); Barnes et al., SIGGRAPH 2009 (PatchMatch); twin patches after"
                + " Wu et al., ICME 2008 and Liang et al., Digital Investigation 2015";
    }
    @Override public int order() { return 75; }
    @Override public int cost() { return 5; }
    @Override public EvidenceFamily family() { return EvidenceFamily.PIXEL; }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext ctx) throws IndicatorException {
        IndicatorResult tooLittle = ContentCheck.check(this, image, ctx, 32, 32);
        if (tooLittle != null) return tooLittle;
        TwinField f = TwinField.of(image, ctx);
        ctx.progress().progress(0.8);
        int gw = f.gw(), gh = f.gh();
        float[] share = new float[gw * gh];
        long twins = 0, tested = 0;
        for (int c = 0; c < share.length; c++) {
            share[c] = !f.analysed(c) || f.tested(c) == 0 ? Float.NaN : f.twins(c) / (float) f.tested(c);
            twins += f.twins(c);
            tested += f.tested(c);
        }
        String label = "Twin pixels in the largest group";
        if (tested == 0) {
            return ContentCheck.notEnoughTexture(ID, "twin_pixels", label, "no pixel has texture in both directions; flat"
                    + " areas, straight edges and ramps match anything.", List.of());
        }
        long inGroup = f.groupTwins();
        int cells = f.groupCells();
        float[] outline = new float[gw * gh];
        for (int c = 0; c < outline.length; c++) outline[c] = f.inGroup(c) ? 1 : Float.NaN;
        double headline = inGroup;
        List<MapLayer> maps = List.of(
                new MapLayer("Share of textured pixels with a near-exact twin (16-pixel cells)", new FloatMap(gw, gh, share),
                        ColourScale.INFERNO, 0, 0.25, "0 (no twins)", "0.25+ twins", true, List.of()),
                new MapLayer("Largest group of cells with twins", new FloatMap(gw, gh, outline), ColourScale.VIRIDIS, 0, 1,
                        "-", "in the group", true, List.of(), 0.5));
        List<Score> scores = new ArrayList<>();
        Score head = new Score("twin_pixels", label, headline, "Pixels whose 5x5 neighbourhood has a twin at most "
                + PatchTwins.TOLERANCE + " levels (RMS) apart elsewhere, counted in the largest connected group of 16-pixel"
                + " cells with at least " + TwinField.MIN_CELL_TWINS + " each. 0 = none. " + VERDICT.statement());
        scores.add(head);
        scores.add(new Score("group_share", "Share of the image in that group", cells * 256.0 / ((double) image.width()
                * image.height()), "0..1."));
        scores.add(new Score("twin_share", "Twin pixels among the textured pixels, whole image", twins / (double) tested,
                "Natural texture at full resolution almost never has exact twins: camera photos give about 0.0001."));
        scores.add(new Score("background_twin_share", "Twin pixels among the textured pixels outside the group",
                f.backgroundShare(), "Camera photos: about 0.0001. At " + MAX_BACKGROUND + " or more the whole picture repeats"
                        + " itself and no verdict is drawn."));
        scores.add(new Score("analysed_share", "Share of the image analysed", f.analysedShare(), "1 up to "
                + TwinField.MAX_PIXELS / 1_000_000 + " MP; a larger image is analysed in " + TwinField.TILE
                + "-pixel windows spread over it."));
        Verdict v = VERDICT.decide(headline, image, ctx);
        String explanation = String.format(Locale.ROOT, "Each textured pixel's 5x5 neighbourhood was compared with the rest"
                        + " of the image at full resolution to find its closest twin at least %d pixels away. An object removed by"
                        + " exemplar inpainting, a content-aware fill or the clone stamp is filled with small pieces copied from"
                        + " elsewhere in the same image: those pixels have twins, exact in a lossless file and within the noise of"
                        + " a JPEG re-save otherwise, while natural texture with its sensor noise almost never repeats so closely."
                        + " Bright cells hold many twins; the outline marks the largest connected group (%d twin pixels in %d cells,"
                        + " %.1f %% of the image); both the copies and the places they were copied from show. Flat areas, straight"
                        + " edges and smooth ramps match anything and are not tested. Text, graphics and screenshots repeat"
                        + " exactly by nature: there a group means nothing. A JPEG re-save at quality below about 90, or any"
                        + " resizing, blurs the copies apart, so a fill may then go unseen. %s%s",
                PatchTwins.MIN_SHIFT, inGroup, cells, 100.0 * cells * 256 / ((double) image.width() * image.height()),
                f.analysedShare() < 1 ? String.format(Locale.ROOT, "Only %.0f %% of this large image was analysed. ", 100 * f.analysedShare()) : "",
                v.supports() == Hypothesis.MANIPULATED ? "The group passes the threshold measured on camera photos."
                        : VERDICT.statement());
        return new IndicatorResult(ID, head, scores, maps, explanation, v.supports(), v.confidence(),
                new double[]{headline, twins / (double) tested})
                .withFinding(VERDICT.finding(v, ctx.models()));
    }
}
