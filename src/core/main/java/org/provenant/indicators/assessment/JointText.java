package org.provenant.indicators.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Score;
import org.provenant.indicators.assessment.JointFusion.Figures;
import org.provenant.indicators.assessment.JointFusion.Outcome;
import org.provenant.indicators.assessment.LrFusion.Proposition;

/** The joint fusion's scores and sentences in the overall assessment. */
final class JointText {
    private JointText() { }

    /** Whether the joint fusion decides this proposition (it decides "generated" and "neural codec"). */
    static boolean decides(Proposition p) {
        return p == Proposition.GENERATED || p == Proposition.NEURAL_CODEC;
    }

    /** The indicators the fusion reads, in words. */
    static String drivers(JointFusion f) {
        return "the two-stage joint fusion of " + String.join(", ", f.indicators());
    }

    static List<Score> scores(Outcome o, boolean jpegTrace) {
        Figures h = o.parameters().heldOut();
        List<Score> s = new ArrayList<>();
        s.add(new Score("p_decoder", "Stage 1: probability that a neural network made the pixels", o.pDecoder(),
                "A codec's or a generator's decoder rather than a camera, at even prior odds (joint fusion, stage 1)."));
        s.add(new Score("p_synthetic", "Stage 2: probability of a synthetic image rather than a codec-compressed photo", o.pSynthetic(),
                "Counts only in so far as stage 1 finds a decoder trace (joint fusion, stage 2)."));
        s.add(new Score("jpeg_trace", "Classic-JPEG trace (1 = yes)", jpegTrace ? 1 : 0,
                "Chooses the fusion's parameters fitted on JPEG re-saves (1) or on images without a JPEG trace (0)."));
        s.add(new Score("heldout_auc", "Held-out ROC AUC of the fused LR for generated images", h.aucGenerated(),
                String.format(Locale.ROOT, "Generated images of generators left out of the fit against camera photos of sources"
                        + " left out (%s condition); 95 %% interval %.2f-%.2f.", o.condition(), h.aucLow(), h.aucHigh())));
        s.add(new Score("heldout_false_alarm_rate", "Held-out false-alarm rate of the 'generated' verdict", h.falseAlarmGenerated(),
                "Share of held-out camera photos that reached the verdict's LR."));
        s.add(new Score("heldout_detection_rate", "Held-out detection rate of the 'generated' verdict", h.detectionGenerated(),
                "Share of generated images of held-out generators that reached it."));
        s.add(new Score("heldout_generated_called_codec", "Held-out generated images called 'neural codec'", h.generatedCalledCodec(),
                "The confusion the two stages are there to avoid."));
        return s;
    }

    /** The two stages and the measured accuracy, in words. */
    static String reasoning(Outcome o) {
        Figures h = o.parameters().heldOut();
        String stage2 = o.pDecoder() < 0.5
                ? "so the second question (codec-compressed photo or synthetic image?) has little weight here"
                : String.format(Locale.ROOT, "so the second question was asked: codec-compressed photograph or synthetic image? It"
                + " gives %.0f %% to a synthetic image", 100 * o.pSynthetic());
        String lean = o.lean() == Hypothesis.GENERATED ? "generated" : o.lean() == Hypothesis.NEURAL_CODEC ? "neural codec" : "neither";
        if (o.lean() == Hypothesis.INCONCLUSIVE && JointFusion.generatedByLr(o.lrGenerated(), o.lrCodec(), o.parameters().generatedVerdictLr()))
            lean = String.format(Locale.ROOT, "neither: the LR for generated reaches its verdict LR, but a lean to generated needs the"
                    + " second stage to give at least %.0f %% to a synthetic image", 100 * JointFusion.MIN_P_SYNTHETIC);
        return String.format(Locale.ROOT, "Joint fusion (%s parameters, %s): first, did a neural decoder (a codec's or a"
                        + " generator's) make these pixels rather than a camera? It gives %.0f %% at even prior odds, %s."
                        + " Fused LR %s for generated, %s for neural codec; the verdict LRs are %s and %s, so it leans to %s."
                        + " Measured on generators, codec families and photo sources left out of its fit (%d camera photos, %d"
                        + " generated, %d codec-compressed images): ROC AUC %.2f for generated images (95 %% interval %.2f-%.2f);"
                        + " with the verdict LRs and the leans an input's own verdict carries, %.1f %% of camera photos and"
                        + " %.1f %% of generated images lean 'generated', %.1f %% of generated images are called 'neural codec'"
                        + " and %.1f %% of codec-compressed photos 'generated'.%s",
                o.condition(), o.condition().equals(JointFusion.JPEG) ? "the image carries a classic-JPEG trace" : "no classic-JPEG trace",
                100 * o.pDecoder(), stage2, lr(o.lrGenerated()), lr(o.lrCodec()), lr(o.parameters().generatedVerdictLr()),
                lr(o.parameters().codecVerdictLr()), lean, h.real(), h.generated(), h.codec(), h.aucGenerated(), h.aucLow(), h.aucHigh(),
                100 * h.falseAlarmGenerated(), 100 * h.detectionGenerated(), 100 * h.generatedCalledCodec(),
                100 * h.codecCalledGenerated(),
                o.missing().isEmpty() ? "" : " Missing inputs, counted at their average: " + String.join(", ", o.missing()) + ".");
    }

    private static String lr(double v) {
        return OverallAssessment.lr(v);
    }
}
