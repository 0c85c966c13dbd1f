package org.provenant.indicators.assessment;

import java.util.Locale;
import java.util.Map;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorResult;

/**
 * The overall lean where the joint fusion's LR favours a proposition without reaching its verdict LR: an indicator's
 * own verdict, drawn under that indicator's measured false-alarm bar, may carry it.
 * <ul>
 * <li>"generated": a generator named in the file ({@link FileEvidence}), where the fused LR for generated (the joint
 *     fusion's times the file's) is above 1 and not below the LR for neural codec; or, likewise, an indicator the joint
 *     fusion reads (the generated-image detector) leans so, where the joint LR for generated is above 1 and the
 *     second stage gives at least {@link JointFusion#MIN_P_SYNTHETIC} for a synthetic image
 *     ({@link JointFusion#carried}). Cross-fitted (each generator, codec family and photo collection left out of the
 *     fit), before the joint fusion's own "generated" asked stage 2 too, this let the generators the detector never
 *     trained on lean so as stored 30 of 105 times instead of 5, and no camera photo more (0 of 748 as stored), 1 of 187
 *     WebP decodes more, 1 of 182 hp and none of 182 JPEG AI reconstructions (docs/fusion.md).</li>
 * <li>"neural codec": an indicator the joint fusion reads (the codec detector, the colour cue) leans so, where the
 *     joint LR for neural codec is at least 1 and at least the fused LR for generated. Cross-fitted on runs a, c, k
 *     (each codec family and classic codec left out of the fit), this finds 155 of 182 hp and 51 of 182 JPEG AI
 *     reconstructions instead of 69 and 37, calls 15 of 340 generated images "neural codec" instead of 13, and no
 *     more real photos or classic decodes; on 182 outputs of a codec family no model here saw (ms) 104 instead of 19.</li>
 * </ul>
 * A generator named in the file may also turn the joint fusion's "neural codec" into "generated" (a generator's decoder
 * leaves a codec's trace); otherwise the joint fusion's own lean comes first.
 *
 * @param lean     the lean (the joint fusion's own where it has one)
 * @param by       the indicator whose own verdict carried it, or null where the joint fusion decided alone
 * @param fromFile whether that indicator is a file indicator (a generator named in the file)
 */
record CarriedLean(Hypothesis lean, String by, boolean fromFile) {
    static CarriedLean of(JointFusion joint, JointFusion.Outcome j, FileEvidence file, Map<String, IndicatorResult> results) {
        double generated = file.lrGenerated(j);
        if (j.lean() != Hypothesis.GENERATED && file.leans() && generated > 1 && generated >= j.lrCodec())
            return new CarriedLean(Hypothesis.GENERATED, file.contributions().get(0).indicatorId(), true);
        if (j.lean() != Hypothesis.INCONCLUSIVE) return new CarriedLean(j.lean(), null, false);
        String gen = joint.inputLeaning(results, Hypothesis.GENERATED), codec = joint.inputLeaning(results, Hypothesis.NEURAL_CODEC);
        Hypothesis h = JointFusion.carried(generated, j.lrCodec(), j.pSynthetic(), gen != null, codec != null);
        return new CarriedLean(h, h == Hypothesis.GENERATED ? gen : h == Hypothesis.NEURAL_CODEC ? codec : null, false);
    }

    /** Added to the headline finding's basis where this lean was carried, e.g. "; the lean carried by codec-detector's own verdict". */
    String words(Hypothesis stated) {
        return by == null || stated != lean ? "" : "; the lean carried by " + by + "'s own verdict";
    }

    /** The explanation's sentence on why the verdict follows the lean; null where the joint fusion decided alone. */
    String sentence(JointFusion.Outcome j) {
        if (by == null) return null;
        if (lean == Hypothesis.GENERATED && fromFile) {
            return "The verdict follows generated: the file itself names a generator (an indicator's own verdict under its"
                    + " measured false-alarm count), and with the pixels' joint LR the fused LR still favours a generated image over"
                    + " a camera original and over a neural codec, although the joint LR alone does not reach its verdict LR. ";
        }
        if (lean == Hypothesis.GENERATED) {
            return String.format(Locale.ROOT, "The verdict follows generated: %s drew that verdict under its own measured"
                            + " false-alarm bar, the joint fusion's LR for generated (%s) is above 1, and its second stage gives %.0f %%"
                            + " for a synthetic image over a codec-compressed photo, although the LR does not reach the verdict LR %s. ",
                    by, OverallAssessment.lr(j.lrGenerated()), 100 * j.pSynthetic(), OverallAssessment.lr(j.parameters().generatedVerdictLr()));
        }
        return String.format(Locale.ROOT, "The verdict follows neural codec: %s drew that verdict under its own measured false-alarm"
                + " bar, and the joint fusion's LR for neural codec (%s) is at least 1 and at least its LR for generated, although"
                + " it does not reach the verdict LR %s. ", by, OverallAssessment.lr(j.lrCodec()), OverallAssessment.lr(j.parameters().codecVerdictLr()));
    }
}
