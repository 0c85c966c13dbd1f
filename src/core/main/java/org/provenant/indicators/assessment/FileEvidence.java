package org.provenant.indicators.assessment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.assessment.LrFusion.Contribution;
import org.provenant.indicators.assessment.LrFusion.Fused;

/**
 * What the file says about its own origin, beside the joint fusion of the pixel evidence: today a generator named in
 * the metadata (a Content Credential declaring a generative source gives no LR yet: no generated file with one was
 * there to count from, so its panel leans on its own and the assessment does not count it). The file indicators' LRs for
 * "generated" are multiplied with the joint fusion's: a field in the file and the statistics of its pixels are taken
 * as independent given the hypothesis (the joint fusion reads no file indicator). Such a field, found, is an
 * indicator's own verdict under its measured false-alarm count, so it may carry the lean to "generated" where the
 * fused LR favours a generated image over a camera original and over a neural codec (a generator's decoder leaves a
 * codec's trace, so a generator named in the file answers the joint fusion's second question). An absent field says
 * nothing: it gives no LR.
 */
record FileEvidence(List<Contribution> contributions, double lr, boolean leans) {
    FileEvidence {
        contributions = List.copyOf(contributions);
    }

    /** The file indicators' contributions to the product of calibrated LRs for "generated". */
    static FileEvidence of(Map<String, IndicatorResult> results, Fused generated) {
        Set<String> file = new HashSet<>();
        for (Indicator i : IndicatorRegistry.all()) if (i.family() == EvidenceFamily.FILE) file.add(i.id());
        List<Contribution> cs = new ArrayList<>();
        double ln = 0;
        boolean leans = false;
        for (Contribution c : generated.contributions()) {
            if (!file.contains(c.indicatorId())) continue;
            cs.add(c);
            ln += Math.log(c.usedLr());
            leans |= c.leans();
        }
        return new FileEvidence(cs, Math.exp(ln), leans);
    }

    /** The fused LR for "generated": the joint fusion's times the file's. */
    double lrGenerated(JointFusion.Outcome j) {
        return j.lrGenerated() * lr;
    }

    /** Added to the drivers of the "generated" LR, e.g. ", times the file evidence of metadata (LR 48)". */
    String words() {
        return contributions.isEmpty() ? "" : ", times the file evidence of " + names();
    }

    private String names() {
        List<String> w = new ArrayList<>();
        for (Contribution c : contributions) w.add(String.format(Locale.ROOT, "%s (LR %s)", c.indicatorId(), OverallAssessment.lr(c.usedLr())));
        return String.join(", ", w);
    }

    /** One sentence for the explanation; empty without file evidence. */
    String sentence(JointFusion.Outcome j) {
        if (contributions.isEmpty()) return "";
        return String.format(Locale.ROOT, " File evidence: %s; its LR %s multiplies the joint fusion's %s (a field in the file and"
                        + " the statistics of the pixels taken as independent), giving %s for generated.", names(),
                OverallAssessment.lr(lr), OverallAssessment.lr(j.lrGenerated()), OverallAssessment.lr(lrGenerated(j)));
    }
}
