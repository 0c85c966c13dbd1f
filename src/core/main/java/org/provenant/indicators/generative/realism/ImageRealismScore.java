package org.provenant.indicators.generative.realism;

import java.io.IOException;
import java.util.ArrayList;
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
import org.provenant.indicators.verdict.Verdict;
import org.provenant.indicators.verdict.VerdictPolicy;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;

/**
 * Image Realism Score (Chen, Akhtar, Haldar, Mian, arXiv 2309.14756), as methods.md section 3 describes: five
 * statistics ({@link RealismStatistics}) divided by their means over real photos ({@link IrsReference}, loaded
 * through the model registry after its SHA-256 check), energy/blur/spectrum inverted, and the area of the
 * pentagon they span. A photo exactly at the reference means scores {@link #REFERENCE_AREA}.
 */
public final class ImageRealismScore implements Indicator {
    public static final String ID = "image-realism-score";
    /** Its verdict: a likelihood ratio calibrated on held-out sources (models/calibration). */
    static final VerdictPolicy VERDICT = VerdictPolicy.calibrated(ID, Hypothesis.GENERATED, "generated");
    /** Largest pentagon radius, so that one degenerate statistic (e.g. a flat image) cannot dominate. Our choice. */
    public static final double MAX_RADIUS = 10;
    /** Area of the pentagon with all radii 1 (an image at the reference means). */
    /**
     * Smallest side judged (our choice): the statistics are taken at 512 x 512, and a smaller picture would be
     * enlarged more than eight times, so its edges, texture and spectrum would be the interpolation's, not the image's.
     */
    public static final int MIN_SIDE = 64;
    public static final double REFERENCE_AREA = RealismStatistics.area(new double[]{1, 1, 1, 1, 1});
    /*
     * No fixed decision bands (the former 0.5 / 0.8 x reference bands were set on 14 real photos without any generated
     * image): the verdict comes only from a calibration measured on held-out images (VerdictPolicy).
     */
    private static final String[] LABELS = {"Edge density", "GLCM contrast", "GLCM energy (inverted)",
            "Laplacian variance (inverted)", "FFT mean magnitude (inverted)"};

    @Override public String id() { return ID; }
    @Override public EvidenceFamily family() { return EvidenceFamily.GENERATIVE; }
    @Override public String displayName() { return "Image Realism Score"; }
    @Override public String methodReference() { return "Chen, Akhtar, Haldar, Mian, arXiv 2309.14756 (Image Realism Score)"; }
    @Override public int order() { return 30; }
    @Override public int cost() { return 1; }

    static IrsReference reference(ModelRegistry models) throws IndicatorException {
        try {
            IrsReference ref = models.cached("irs:" + IrsReference.MODEL_NAME, () -> {
                var file = models.verifiedFile(IrsReference.MODEL_NAME);
                try {
                    return IrsReference.read(file);
                } catch (IOException e) {
                    throw new ModelException("IRS calibration " + file.getFileName() + " cannot be read: " + e.getMessage(), e);
                }
            });
            if (ref.workSize() != RealismStatistics.WORK_SIZE) {
                throw new IndicatorException("IRS calibration was measured at " + ref.workSize() + " px, this build works at "
                        + RealismStatistics.WORK_SIZE + " px: run calibrate-irs again.");
            }
            ref.meanArray();
            return ref;
        } catch (ModelException e) {
            throw new IndicatorException("Image Realism Score needs its calibration: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new IndicatorException(e.getMessage(), e);
        }
    }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext context) throws IndicatorException {
        IndicatorResult thin = ContentCheck.check(this, image, context, MIN_SIDE);
        if (thin != null) return thin;
        double[] ref = reference(context.models()).meanArray();
        context.progress().checkCancelled();
        RealismStatistics.Measurement m = RealismStatistics.measureDetailed(image);
        double[] r = RealismStatistics.radii(m.stats(), ref);
        double irs = RealismStatistics.area(r);
        if (!Double.isFinite(irs)) {
            return ContentCheck.inconclusive(ID, ContentCheck.PREFIX + "a statistic of the Image Realism Score is undefined"
                    + " for this picture (raw values " + java.util.Arrays.toString(m.stats()) + "), so no score is given.");
        }
        double rel = irs / REFERENCE_AREA;
        List<Score> scores = new ArrayList<>();
        Score head = new Score("irs", "Image Realism Score", irs, String.format(Locale.ROOT,
                "Area of the five-statistic pentagon; a photo at the reference means scores %.2f, higher = more real"
                        + " (the method's reading; the verdict comes only from the calibration measured on held-out images).",
                REFERENCE_AREA));
        scores.add(head);
        for (int i = 0; i < 5; i++) {
            String name = RealismStatistics.NAMES.get(i);
            scores.add(new Score(name, LABELS[i], r[i], String.format(Locale.ROOT,
                    "Pentagon radius: 1 = the mean of real reference photos (raw value %.4g, reference %.4g); larger = more real.",
                    m.stats()[i], ref[i])));
        }
        float[] e = new float[m.edges().length];
        for (int i = 0; i < e.length; i++) e[i] = m.edges()[i] ? 1f : 0f;
        MapLayer edges = new MapLayer("Canny edges counted (" + m.width() + "x" + m.height() + " working size)",
                new FloatMap(m.width(), m.height(), e), ColourScale.GREY, 0, 1, "no edge", "edge", true, List.of());
        Verdict v = VERDICT.decide(irs, image, context);
        scores.addAll(v.scores());
        String explanation = String.format(Locale.ROOT,
                "The picture shows the edges counted for the edge-density statistic; the five statistics give an Image Realism"
                        + " Score of %.2f, %.0f %% of the %.2f that a photo at the reference means would score. A camera original"
                        + " typically scores near or above that reference (real test photos scored 1.4 to 32), while a markedly"
                        + " lower score means edge, texture and spectrum statistics unlike real photos, which the method associates"
                        + " with generated images.", irs, 100 * rel, REFERENCE_AREA) + v.sentence();
        double[] features = new double[10];
        System.arraycopy(m.stats(), 0, features, 0, 5);
        System.arraycopy(r, 0, features, 5, 5);
        return new IndicatorResult(ID, head, scores, List.of(edges), explanation, v.supports(), v.confidence(), features)
                .withFinding(VERDICT.finding(v, context.models()));
    }
}
