package org.provenant.indicators.assessment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.ContentCheck;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Score;
import org.provenant.indicators.assessment.LrFusion.Contribution;
import org.provenant.indicators.assessment.LrFusion.Fused;
import org.provenant.indicators.assessment.LrFusion.Proposition;
import org.provenant.indicators.verdict.JpegTrace;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.calibration.EnfsiScale;

/**
 * The overall assessment: reads every other indicator's result once (through the analysis' shared work) and states
 * fused likelihood ratios against "camera original", the evidence behind them, the measured accuracy and a sentence
 * on the ENFSI verbal scale. "Generated" and "neural codec" come from the two-stage {@link JointFusion} where its
 * model is installed (first "did a neural decoder make these pixels?", then "codec-compressed photo or synthetic
 * image?", fitted jointly, its held-out figures stated beside the verdict); "edited" and "double compressed" (and,
 * without the model, all four) from the product of calibrated LRs ({@link LrFusion}), which leans only where the
 * fused LR exceeds 1 and a contributing indicator drew that verdict under its own measured false-alarm bar. It never
 * leans to "camera original": absence of traces is not measured evidence of authenticity.
 */
public final class OverallAssessment implements Indicator {
    /** Below this side every pixel indicator already declines (the smallest of their minimum sides). */
    static final int MIN_SIDE = 16;
    public static final String ID = "overall-assessment";

    @Override public String id() { return ID; }

    @Override public String displayName() { return "Overall assessment"; }

    @Override public String methodReference() {
        return "Joint two-stage fusion of the indicators' scores (weighted logistic regressions: did a neural decoder make "
                + "the pixels, then codec-compressed photo or synthetic image; models/fusion) times the file evidence's LR (a "
                + "generator named in the metadata), else the product of calibrated "
                + "likelihood ratios per proposition (independence assumed); ENFSI Guideline for Evaluative Reporting in "
                + "Forensic Science (2015), verbal scale";
    }

    @Override public int order() { return -1000; }

    @Override public EvidenceFamily family() { return EvidenceFamily.FUSION; }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext context) throws IndicatorException {
        // a picture too small or flat for every pixel indicator leaves nothing to fuse: say so, like they do
        IndicatorResult thin = ContentCheck.check(this, image, context, MIN_SIDE);
        if (thin != null) return thin;
        List<Indicator> others = new ArrayList<>();
        for (Indicator i : IndicatorRegistry.all()) if (i.family() != EvidenceFamily.FUSION) others.add(i);
        Map<String, IndicatorResult> results = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (int k = 0; k < others.size(); k++) {
            context.progress().checkCancelled();
            String id = others.get(k).id();
            try {
                results.put(id, context.resultOf(id, image));
            } catch (IndicatorException | RuntimeException e) {
                if (e instanceof CancellationException ce) throw ce;
                failed.put(id, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            context.progress().progress((k + 1.0) / others.size());
        }
        JointFusion joint = fusion(context.models());
        return assess(results, failed, joint, JpegTrace.of(image, context).any());
    }

    /** The installed joint fusion, verified and loaded once, or null when the models folder has none. */
    static JointFusion fusion(ModelRegistry models) throws IndicatorException {
        if (models.find(JointFusion.MODEL).isEmpty()) return null;
        try {
            return models.cached("fusion:" + JointFusion.MODEL, () -> {
                var f = models.verifiedFile(JointFusion.MODEL);
                try {
                    return JointFusion.read(f);
                } catch (java.io.IOException e) {
                    throw new ModelException("fusion " + f.getFileName() + " cannot be read: " + e.getMessage(), e);
                }
            });
        } catch (ModelException e) {
            throw new IndicatorException(e.getMessage(), e);
        }
    }

    /** The assessment by the product of calibrated LRs alone (no joint fusion). */
    public static IndicatorResult assess(Map<String, IndicatorResult> results, Map<String, String> failed) {
        return assess(results, failed, null, false);
    }

    /**
     * The assessment of given results (indicator id -> result) and failures (indicator id -> message); {@code joint}
     * (may be null) decides "generated" and "neural codec", in its parameter set for a classic-JPEG trace or none.
     */
    public static IndicatorResult assess(Map<String, IndicatorResult> results, Map<String, String> failed, JointFusion joint,
                                         boolean jpegTrace) {
        Map<Proposition, Fused> fused = new LinkedHashMap<>(LrFusion.fuse(results));
        JointFusion.Outcome j = joint == null ? null : joint.apply(results, jpegTrace);
        FileEvidence file = j == null ? null : FileEvidence.of(results, fused.get(Proposition.GENERATED));
        CarriedLean carried = j == null ? null : CarriedLean.of(joint, j, file, results);
        Hypothesis jointSays = carried == null ? null : carried.lean();
        if (j != null) {
            fused.put(Proposition.GENERATED, new Fused(Proposition.GENERATED, file.lrGenerated(j), file.contributions()));
            fused.put(Proposition.NEURAL_CODEC, new Fused(Proposition.NEURAL_CODEC, j.lrCodec(), List.of()));
        }
        List<Score> scores = new ArrayList<>();
        Fused lean = null, jointLean = null, top = null;
        for (Fused f : fused.values()) {
            Proposition p = f.proposition();
            boolean jointDecides = j != null && JointText.decides(p);
            String drivers = jointDecides ? JointText.drivers(joint) + (p == Proposition.GENERATED ? file.words() : "") : drivers(f);
            scores.add(new Score(p.lrKey(), "Fused LR: " + p.key().replace('_', ' ') + " vs camera original", f.lr(),
                    Double.isNaN(f.lr()) ? "no calibrated indicator reports this proposition."
                            : EnfsiScale.sentence(f.lr(), p.key().replace('_', ' '), "camera original") + "; from " + drivers + "."));
            scores.add(new Score("p_" + p.key(), "Probability: " + p.key().replace('_', ' ') + " (even prior odds)", f.probability(),
                    "LR / (1 + LR) against 'camera original' alone, when both were equally likely beforehand."));
            if (!Double.isNaN(f.lr()) && (top == null || f.lr() > top.lr())) top = f;
            if (jointDecides) {
                if (jointSays == p.hypothesis()) jointLean = f;
            } else if (f.lr() > 1 && f.backedByAVerdict() && (lean == null || f.lr() > lean.lr())) {
                lean = f;
            }
        }
        if (jointLean != null) lean = jointLean;  // the joint fusion's lean has its own measured false-alarm bar
        if (j != null) scores.addAll(JointText.scores(j, jpegTrace));
        int calibrated = 0;
        for (IndicatorResult r : results.values()) if (hasLr(r)) calibrated++;
        scores.add(new Score("indicators_read", "Indicators read", results.size(), "results that entered the assessment."));
        scores.add(new Score("indicators_calibrated", "Indicators with a calibrated LR", calibrated,
                "only these move the fused likelihood ratios; the others are shown in their own panels."));
        scores.add(new Score("indicators_failed", "Indicators that failed", failed.size(), "left out; named in the explanation."));
        // without any calibrated LR the headline is the count of calibrated indicators (0), never a NaN
        Score head = scores.get(scores.size() - 2);
        if (top != null) for (Score s : scores) if (s.key().equals(top.proposition().lrKey())) head = s;
        if (head != scores.get(0)) {
            scores.remove(head);
            scores.add(0, head);
        }
        Hypothesis h = lean == null ? Hypothesis.INCONCLUSIVE : lean.proposition().hypothesis();
        double conf = lean == null ? 0.5 : lean.probability();
        Set<String> jointReads = joint == null ? Set.of() : joint.indicators();
        String text = explanation(fused, lean, top, results, failed, j, carried == null ? null : carried.sentence(j), jointReads)
                + (file == null ? "" : file.sentence(j));
        Fused said = lean != null ? lean : top;
        return new IndicatorResult(ID, head, scores, List.of(), text, h, conf, new double[0])
                .withFinding(finding(said, lean != null, j != null && said != null && JointText.decides(said.proposition()),
                        (file != null && said != null && said.proposition() == Proposition.GENERATED ? file.words() : "")
                                + (carried != null && lean != null ? carried.words(lean.proposition().hypothesis()) : "")));
    }

    /**
     * The fused LR of the proposition stated (the lean, else the largest) on the ENFSI scale, with its statement;
     * {@code joint}: that LR is the joint fusion's, times {@code fileWords} (the file evidence multiplied in, or "").
     */
    static Finding finding(Fused said, boolean leans, boolean joint, String fileWords) {
        if (said == null) {
            return new Finding("no overall statement: no calibrated likelihood ratio", "", "No indicator of this analysis"
                    + " reports a calibrated likelihood ratio, so no overall statement can be made.", Finding.Standing.NEUTRAL,
                    Hypothesis.INCONCLUSIVE, 0);
        }
        String from = joint ? "the joint two-stage fusion of the indicators' scores (its held-out figures in the explanation)" + fileWords
                : said.contributions().size() == 1 ? "the LR of one calibrated indicator, " + said.contributions().get(0).indicatorId()
                : "the product of " + said.contributions().size() + " calibrated indicators' LRs";
        return Finding.likelihoodRatio(said.lr(), said.proposition().hypothesis(), leans, from)
                .withSentence(statement(said).replaceFirst("^Statement: t", "T"));
    }

    private static boolean hasLr(IndicatorResult r) {
        for (Proposition p : Proposition.values()) if (Double.isFinite(LrFusion.lr(r, p.lrKey()))) return true;
        return false;
    }

    private static String drivers(Fused f) {
        List<String> d = new ArrayList<>();
        for (Contribution c : f.contributions())
            d.add(String.format(Locale.ROOT, "%s (LR %s%s)", c.indicatorId(), lr(c.lr()), c.usedLr() != c.lr() ? ", limited to " + lr(c.usedLr()) : ""));
        return String.join(", ", d);
    }

    static String explanation(Map<Proposition, Fused> fused, Fused lean, Fused top, Map<String, IndicatorResult> results,
                              Map<String, String> failed, JointFusion.Outcome joint, String carried, Set<String> jointReads) {
        StringBuilder sb = new StringBuilder();
        Fused said = lean != null ? lean : top;
        if (said == null) {
            sb.append("No indicator of this analysis reports a calibrated likelihood ratio, so no overall statement can be made. ");
        } else {
            sb.append(statement(said)).append(' ');
        }
        if (joint != null) sb.append(JointText.reasoning(joint)).append(' ');
        for (Fused f : fused.values()) {
            if (Double.isNaN(f.lr())) continue;
            if (joint != null && (f.proposition() == Proposition.GENERATED || f.proposition() == Proposition.NEURAL_CODEC)) continue;
            sb.append(String.format(Locale.ROOT, "%s: fused LR %s from %s; %s ", cap(f.proposition().key().replace('_', ' ')),
                    lr(f.lr()), drivers(f), accuracy(f, results)));
        }
        List<String> none = new ArrayList<>();
        for (Fused f : fused.values()) if (Double.isNaN(f.lr())) none.add(f.proposition().key().replace('_', ' '));
        if (!none.isEmpty()) sb.append("No calibrated evidence for: ").append(String.join(", ", none)).append(". ");
        List<String> uncalibrated = new ArrayList<>();
        results.forEach((id, r) -> { if (!hasLr(r) && !jointReads.contains(id)) uncalibrated.add(id); });
        if (!uncalibrated.isEmpty())
            sb.append(jointReads.isEmpty() ? "Read but without a calibrated LR, so not counted: "
                    : "Read but neither calibrated nor an input of the joint fusion, so not counted: ").append(String.join(", ", uncalibrated)).append(". ");
        if (!failed.isEmpty()) {
            List<String> fs = new ArrayList<>();
            failed.forEach((id, msg) -> fs.add(id + " (" + msg + ")"));
            sb.append("Left out because they failed: ").append(String.join("; ", fs)).append(". ");
        }
        boolean jointLean = lean != null && joint != null
                && (lean.proposition() == Proposition.GENERATED || lean.proposition() == Proposition.NEURAL_CODEC);
        sb.append(lean == null ? (joint == null ? "No verdict is drawn: no indicator that contributes leant to a proposition under its measured false-alarm bar. "
                : "No verdict is drawn: neither fused LR reaches its verdict LR, and no other proposition is backed by an indicator's own verdict. ")
                : carried != null ? carried
                : jointLean ? "The verdict follows " + lean.proposition().key().replace('_', ' ') + ": its fused LR reaches the verdict LR set on held-out data. "
                : "The verdict follows " + lean.proposition().key().replace('_', ' ') + ", backed by an indicator's own verdict. ");
        sb.append(joint == null ? "LRs are multiplied as if the indicators were independent, each limited to 1/1000..1000; "
                + "indicators without a calibration do not move them. Camera originals usually give LRs near or below 1."
                : "The LRs for edited and double compressed images are multiplied as if their indicators were independent, each "
                + "limited to 1/1000..1000. Camera originals usually give LRs near or below 1.");
        return sb.toString();
    }

    /** The sentence an examiner could use in a statement. */
    static String statement(Fused f) {
        double lr = f.lr();
        EnfsiScale s = EnfsiScale.of(lr);
        if (s == EnfsiScale.NONE)
            return String.format(Locale.ROOT, "Statement: the findings do not help to decide whether %s or the image is an "
                    + "unaltered camera original (likelihood ratio %s).", f.proposition().words(), lr(lr));
        return lr >= 1
                ? String.format(Locale.ROOT, "Statement: the findings provide %s for the proposition that %s, rather than that "
                + "the image is an unaltered camera original (likelihood ratio about %s).", s.words(), f.proposition().words(), lr(lr))
                : String.format(Locale.ROOT, "Statement: the findings provide %s for the proposition that the image is an unaltered "
                + "camera original, rather than that %s (likelihood ratio about 1/%s).", s.words(), f.proposition().words(), lr(1 / lr));
    }

    /** The measured accuracy of the fusion for this proposition, where it was measured. */
    private static String accuracy(Fused f, Map<String, IndicatorResult> results) {
        if (f.contributions().size() == 1) {
            IndicatorResult r = results.get(f.contributions().get(0).indicatorId());
            double auc = LrFusion.lr(r, "heldout_auc"), fa = LrFusion.lr(r, "heldout_false_alarm_rate"), cv = LrFusion.lr(r, "cv_auc");
            if (Double.isFinite(auc))
                return String.format(Locale.ROOT, "with one contributor the fusion is that indicator, measured on held-out data: "
                        + "ROC AUC %.2f%s%s.", auc, Double.isFinite(cv) ? String.format(Locale.ROOT, " (%.2f out-of-fold)", cv) : "",
                        Double.isFinite(fa) ? String.format(Locale.ROOT, ", false alarms %.1f %% at its threshold", 100 * fa) : "");
            return "its held-out accuracy is not stated by the indicator.";
        }
        return "this combination of " + f.contributions().size() + " indicators was not measured as a whole; see each indicator's own held-out figures.";
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String lr(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (v >= 9.95) return String.format(Locale.ROOT, "%,.0f", v);
        if (v < 0.01) return String.format(Locale.ROOT, "%.1e", v);
        return String.format(Locale.ROOT, "%.2g", v);
    }
}
