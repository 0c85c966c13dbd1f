package org.provenant.indicators.assessment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.provenant.ml.calibration.EnfsiScale;

/**
 * The overall assessment: reads every other indicator's result once (through the analysis' shared work), fuses
 * their calibrated likelihood ratios per proposition ({@link LrFusion}) against "camera original", and states the
 * fused LRs, the indicators behind them, the measured accuracy where there is one, and a sentence on the ENFSI
 * verbal scale. It leans to a proposition only where the fused LR exceeds 1 and at least one contributing
 * indicator drew that verdict under its own measured false-alarm bar; otherwise it is inconclusive (it never leans
 * to "camera original": absence of traces is not measured evidence of authenticity).
 */
public final class OverallAssessment implements Indicator {
    /** Below this side every pixel indicator already declines (the smallest of their minimum sides). */
    static final int MIN_SIDE = 16;
    public static final String ID = "overall-assessment";

    @Override public String id() { return ID; }

    @Override public String displayName() { return "Overall assessment"; }

    @Override public String methodReference() {
        return "Product of calibrated likelihood ratios per proposition (independence assumed); ENFSI Guideline for "
                + "Evaluative Reporting in Forensic Science (2015), verbal scale";
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
        return assess(results, failed);
    }

    /** The assessment of given results (indicator id -> result) and failures (indicator id -> message). */
    public static IndicatorResult assess(Map<String, IndicatorResult> results, Map<String, String> failed) {
        Map<Proposition, Fused> fused = LrFusion.fuse(results);
        List<Score> scores = new ArrayList<>();
        Fused lean = null, top = null;
        for (Fused f : fused.values()) {
            Proposition p = f.proposition();
            String drivers = drivers(f);
            scores.add(new Score(p.lrKey(), "Fused LR: " + p.key().replace('_', ' ') + " vs camera original", f.lr(),
                    Double.isNaN(f.lr()) ? "no calibrated indicator reports this proposition."
                            : EnfsiScale.sentence(f.lr(), p.key().replace('_', ' '), "camera original") + "; from " + drivers + "."));
            scores.add(new Score("p_" + p.key(), "Probability: " + p.key().replace('_', ' ') + " (even prior odds)", f.probability(),
                    "LR / (1 + LR) against 'camera original' alone, when both were equally likely beforehand."));
            if (!Double.isNaN(f.lr()) && (top == null || f.lr() > top.lr())) top = f;
            if (f.lr() > 1 && f.backedByAVerdict() && (lean == null || f.lr() > lean.lr())) lean = f;
        }
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
        return new IndicatorResult(ID, head, scores, List.of(), explanation(fused, lean, top, results, failed), h, conf,
                new double[0]).withFinding(finding(lean != null ? lean : top, lean != null));
    }

    /** The fused LR of the proposition stated (the lean, else the largest) on the ENFSI scale, with its statement. */
    static Finding finding(Fused said, boolean leans) {
        if (said == null) {
            return new Finding("no overall statement: no calibrated likelihood ratio", "", "No indicator of this analysis"
                    + " reports a calibrated likelihood ratio, so no overall statement can be made.", Finding.Standing.NEUTRAL,
                    Hypothesis.INCONCLUSIVE, 0);
        }
        String from = said.contributions().size() == 1 ? "the LR of one calibrated indicator, " + said.contributions().get(0).indicatorId()
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
                              Map<String, String> failed) {
        StringBuilder sb = new StringBuilder();
        Fused said = lean != null ? lean : top;
        if (said == null) {
            sb.append("No indicator of this analysis reports a calibrated likelihood ratio, so no overall statement can be made. ");
        } else {
            sb.append(statement(said)).append(' ');
        }
        for (Fused f : fused.values()) {
            if (Double.isNaN(f.lr())) continue;
            sb.append(String.format(Locale.ROOT, "%s: fused LR %s from %s; %s ", cap(f.proposition().key().replace('_', ' ')),
                    lr(f.lr()), drivers(f), accuracy(f, results)));
        }
        List<String> none = new ArrayList<>();
        for (Fused f : fused.values()) if (Double.isNaN(f.lr())) none.add(f.proposition().key().replace('_', ' '));
        if (!none.isEmpty()) sb.append("No calibrated evidence for: ").append(String.join(", ", none)).append(". ");
        List<String> uncalibrated = new ArrayList<>();
        results.forEach((id, r) -> { if (!hasLr(r)) uncalibrated.add(id); });
        if (!uncalibrated.isEmpty())
            sb.append("Read but without a calibrated LR, so not counted: ").append(String.join(", ", uncalibrated)).append(". ");
        if (!failed.isEmpty()) {
            List<String> fs = new ArrayList<>();
            failed.forEach((id, msg) -> fs.add(id + " (" + msg + ")"));
            sb.append("Left out because they failed: ").append(String.join("; ", fs)).append(". ");
        }
        sb.append(lean == null ? "No verdict is drawn: no indicator that contributes leant to a proposition under its measured false-alarm bar. "
                : "The verdict follows " + lean.proposition().key().replace('_', ' ') + ", backed by an indicator's own verdict. ");
        sb.append("LRs are multiplied as if the indicators were independent, each limited to 1/1000..1000; "
                + "indicators without a calibration do not move them. Camera originals usually give LRs near or below 1.");
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

    private static String lr(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (v >= 9.95) return String.format(Locale.ROOT, "%,.0f", v);
        if (v < 0.01) return String.format(Locale.ROOT, "%.1e", v);
        return String.format(Locale.ROOT, "%.2g", v);
    }
}
