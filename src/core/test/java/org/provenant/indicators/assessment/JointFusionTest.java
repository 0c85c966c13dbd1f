package org.provenant.indicators.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.assessment.JointFusion.Condition;
import org.provenant.indicators.assessment.JointFusion.Figures;
import org.provenant.indicators.assessment.JointFusion.Input;
import org.provenant.indicators.assessment.JointFusion.Stage;

/** The joint fusion's arithmetic and the overall assessment's use of it, on a hand-made model. */
class JointFusionTest {
    static final Figures FIGURES = new Figures(100, 200, 50, 0.91, 0.85, 0.95, 0.03, 0.55, 0.02, 0.97, 0.01, 0.04);

    /** Stage 1 follows input "trace" (weight 2), stage 2 input "gen" (weight 3); both standardised as they are. */
    static JointFusion model() {
        List<Input> in = List.of(new Input("t", "decoder", "lr_neural_codec", "ln", -7, 7), new Input("g", "gen", "p", "logit", -5, 5));
        Stage s1 = new Stage(-1, new double[]{2, 0}, new double[]{0, 0}, new double[]{1, 1});
        Stage s2 = new Stage(0, new double[]{0, 3}, new double[]{0, 0}, new double[]{1, 1});
        Condition clean = new Condition(s1, s2, 10, 10, FIGURES);
        Condition jpeg = new Condition(new Stage(0, new double[]{0, 0}, new double[]{0, 0}, new double[]{1, 1}), s2, 10, 10, FIGURES);
        return new JointFusion(in, Map.of(JointFusion.CLEAN, clean, JointFusion.JPEG, jpeg), "hand-made");
    }

    static Map<String, IndicatorResult> results(double codecLr, double pGen) {
        Map<String, IndicatorResult> m = new LinkedHashMap<>();
        m.put("decoder", OverallAssessmentTest.fake("decoder", Hypothesis.INCONCLUSIVE, 1, codecLr));
        IndicatorResult g = OverallAssessmentTest.fake("gen", Hypothesis.INCONCLUSIVE);
        m.put("gen", new IndicatorResult("gen", g.headline(), List.of(g.headline(), new org.provenant.indicators.Score("p", "p", pGen, "")),
                List.of(), "", Hypothesis.INCONCLUSIVE, 0.5, null));
        return m;
    }

    @Test
    void aDecoderTraceWithGeneratedEvidenceIsGeneratedAndWithoutItACodec() {
        JointFusion f = model();
        // stage 1: s1 = -1 + 2 ln 20 = 4.99; stage 2: s2 = 3 logit(0.9) = 6.59 -> P2 = 0.9986
        JointFusion.Outcome gen = f.apply(results(20, 0.9), false);
        double s1 = -1 + 2 * Math.log(20), p2 = 1 / (1 + Math.exp(-3 * Math.log(9)));
        assertEquals(2 * Math.exp(s1) * p2, gen.lrGenerated(), 1e-6 * gen.lrGenerated());
        assertEquals(2 * Math.exp(s1) * (1 - p2), gen.lrCodec(), 1e-6);
        assertEquals(Hypothesis.GENERATED, gen.lean());
        JointFusion.Outcome codec = f.apply(results(20, 0.1), false);
        assertEquals(Hypothesis.NEURAL_CODEC, codec.lean(), "same decoder trace, no generated evidence: a codec-compressed photo");
        JointFusion.Outcome camera = f.apply(results(0.5, 0.9), false);
        assertEquals(Hypothesis.INCONCLUSIVE, camera.lean(), "no decoder trace: stage 2 alone never accuses");
        assertTrue(camera.lrGenerated() < 1, "LR " + camera.lrGenerated());
        // the JPEG parameters ignore the trace input here: no lean whatever it says
        assertEquals(Hypothesis.INCONCLUSIVE, f.apply(results(1000, 0.99), true).lean());
        assertEquals(JointFusion.JPEG, f.apply(results(1000, 0.99), true).condition());
    }

    @Test
    void aMissingInputCountsAsItsMeanAndIsNamed() {
        Map<String, IndicatorResult> r = results(20, 0.9);
        r.remove("gen");
        JointFusion.Outcome o = model().apply(r, false);
        assertEquals(0.5, o.pSynthetic(), 1e-12);
        assertEquals(List.of("gen p"), o.missing());
    }

    @Test
    void theAssessmentStatesTheJointLeanWithItsHeldOutFigures() {
        IndicatorResult r = OverallAssessment.assess(results(20, 0.9), Map.of(), model(), false);
        assertEquals(Hypothesis.GENERATED, r.supports());
        assertEquals("lr_generated", r.headline().key());
        assertEquals(0.91, r.score("heldout_auc").value());
        assertEquals(0.02, r.score("heldout_generated_called_codec").value());
        assertEquals(0, r.score("jpeg_trace").value());
        String e = r.explanation();
        assertTrue(e.contains("did a neural decoder") && e.contains("codec-compressed photograph or synthetic image"), e);
        assertTrue(e.contains("ROC AUC 0.91 for generated images (95 % interval 0.85-0.95)"), e);
        assertTrue(e.contains("3.0 % of camera photos and 55.0 % of generated images lean 'generated'"), e);
        IndicatorResult c = OverallAssessment.assess(results(20, 0.1), Map.of(), model(), false);
        assertEquals(Hypothesis.NEURAL_CODEC, c.supports());
    }

    @Test
    void aGeneratorNamedInTheFileMultipliesTheJointLrAndCanCarryTheLean() {
        double traceLr = org.provenant.indicators.file.metadata.MetadataIndicator.TRACE_LR;
        // weak decoder trace, generated-looking: the joint LR (6.6) stays under its verdict LR (10)
        Map<String, IndicatorResult> weak = results(3, 0.9);
        JointFusion.Outcome o = model().apply(weak, false);
        assertEquals(Hypothesis.INCONCLUSIVE, OverallAssessment.assess(weak, Map.of(), model(), false).supports());
        weak.put("metadata", OverallAssessmentTest.fake("metadata", Hypothesis.GENERATED, 0, traceLr));
        IndicatorResult r = OverallAssessment.assess(weak, Map.of(), model(), false);
        assertEquals(Hypothesis.GENERATED, r.supports());
        assertEquals(o.lrGenerated() * traceLr, r.score("lr_generated").value(), 1e-9 * r.score("lr_generated").value());
        assertTrue(r.explanation().contains("File evidence: metadata (LR 48)") && r.explanation().contains("the file itself names a generator"),
                r.explanation());
        assertTrue(r.finding().strength().endsWith("times the file evidence of metadata (LR 48); the lean carried by metadata's own verdict"),
                r.finding().strength());
        // the same field, but not an indicator's own verdict: multiplied, and no lean of its own
        weak.put("metadata", OverallAssessmentTest.fake("metadata", Hypothesis.INCONCLUSIVE, 0, traceLr));
        assertEquals(Hypothesis.INCONCLUSIVE, OverallAssessment.assess(weak, Map.of(), model(), false).supports());
        // a strong codec trace with codec-like content: the codec LR (293) stays above 0.4 x 48, so "neural codec" stands
        Map<String, IndicatorResult> codec = results(20, 0.1);
        codec.put("metadata", OverallAssessmentTest.fake("metadata", Hypothesis.GENERATED, 0, traceLr));
        assertEquals(Hypothesis.NEURAL_CODEC, OverallAssessment.assess(codec, Map.of(), model(), false).supports());
        // the joint fusion's own "neural codec" (LR 272 against 21 for generated) turns "generated" with the field (21 x 48)
        Map<String, IndicatorResult> decoder = results(20, 0.3);
        assertEquals(Hypothesis.NEURAL_CODEC, OverallAssessment.assess(decoder, Map.of(), model(), false).supports());
        decoder.put("metadata", OverallAssessmentTest.fake("metadata", Hypothesis.GENERATED, 0, traceLr));
        assertEquals(Hypothesis.GENERATED, OverallAssessment.assess(decoder, Map.of(), model(), false).supports());
        // an indicator outside the file family that is not a fusion input is not multiplied in (the joint fit decides)
        Map<String, IndicatorResult> other = results(3, 0.9);
        other.put("zed", OverallAssessmentTest.fake("zed", Hypothesis.GENERATED, 0, traceLr));
        assertEquals(o.lrGenerated(), OverallAssessment.assess(other, Map.of(), model(), false).score("lr_generated").value(), 1e-9);
    }

    @Test
    void aFusionInputsOwnCodecVerdictCarriesTheLeanOnlyWhereTheJointLrFavoursACodec() {
        // a weak decoder trace with codec-like content: joint LR for neural codec 6.6, under its verdict LR (10)
        Map<String, IndicatorResult> weak = results(3, 0.1);
        assertEquals(Hypothesis.INCONCLUSIVE, OverallAssessment.assess(weak, Map.of(), model(), false).supports());
        weak.put("decoder", OverallAssessmentTest.fake("decoder", Hypothesis.NEURAL_CODEC, 1, 3));
        IndicatorResult r = OverallAssessment.assess(weak, Map.of(), model(), false);
        assertEquals(Hypothesis.NEURAL_CODEC, r.supports());
        assertTrue(r.explanation().contains("The verdict follows neural codec: decoder drew that verdict under its own measured"
                + " false-alarm bar, and the joint fusion's LR for neural codec (6.6)"), r.explanation());
        assertTrue(r.finding().strength().endsWith("; the lean carried by decoder's own verdict"), r.finding().strength());
        // the same verdict where the joint LR says camera (0.18) or generated (content synthetic): no codec lean
        Map<String, IndicatorResult> camera = results(0.5, 0.1);
        camera.put("decoder", OverallAssessmentTest.fake("decoder", Hypothesis.NEURAL_CODEC, 1, 0.5));
        assertEquals(Hypothesis.INCONCLUSIVE, OverallAssessment.assess(camera, Map.of(), model(), false).supports());
        Map<String, IndicatorResult> synthetic = results(3, 0.9);
        synthetic.put("decoder", OverallAssessmentTest.fake("decoder", Hypothesis.NEURAL_CODEC, 1, 3));
        assertEquals(Hypothesis.INCONCLUSIVE, OverallAssessment.assess(synthetic, Map.of(), model(), false).supports());
        // an indicator the joint fusion does not read carries nothing
        Map<String, IndicatorResult> other = results(3, 0.1);
        other.put("codec-latent-quantization", OverallAssessmentTest.fake("codec-latent-quantization", Hypothesis.NEURAL_CODEC));
        assertEquals(Hypothesis.INCONCLUSIVE, OverallAssessment.assess(other, Map.of(), model(), false).supports());
    }

    /** Input "gen" with its p score as in {@link #results} and its own verdict {@code says}. */
    static void genSays(Map<String, IndicatorResult> m, Hypothesis says) {
        IndicatorResult g = m.get("gen");
        m.put("gen", new IndicatorResult("gen", g.headline(), g.scores(), List.of(), "", says, 0.8, null));
    }

    @Test
    void aFusionInputsOwnGeneratedVerdictCarriesTheLeanOnlyWhereTheJointLrFavoursGenerated() {
        // a weak decoder trace with synthetic-looking content: joint LR for generated 6.6, under its verdict LR (10)
        Map<String, IndicatorResult> weak = results(3, 0.9);
        JointFusion.Outcome o = model().apply(weak, false);
        genSays(weak, Hypothesis.GENERATED);
        IndicatorResult r = OverallAssessment.assess(weak, Map.of(), model(), false);
        assertEquals(Hypothesis.GENERATED, r.supports());
        assertEquals(o.lrGenerated(), r.score("lr_generated").value(), 1e-9 * o.lrGenerated(), "the LR stays the joint fusion's");
        assertTrue(r.explanation().contains("The verdict follows generated: gen drew that verdict under its own measured"
                + " false-alarm bar, the joint fusion's LR for generated (6.6) is above 1, and its second stage gives 100 % for a"
                + " synthetic image over a codec-compressed photo, although the LR does not reach the verdict LR 10."), r.explanation());
        assertTrue(r.finding().strength().endsWith("; the lean carried by gen's own verdict"), r.finding().strength());
        // an input of the joint fusion without an LR of its own is counted through the fusion, not listed as uncounted
        weak.put("other", OverallAssessmentTest.fake("other", Hypothesis.INCONCLUSIVE));
        String e = OverallAssessment.assess(weak, Map.of(), model(), false).explanation();
        assertTrue(e.contains("Read but neither calibrated nor an input of the joint fusion, so not counted: other."), e);
        // the same verdict where the joint LR says camera (no decoder trace) or codec (codec-like content): no lean
        Map<String, IndicatorResult> camera = results(0.5, 0.9);
        genSays(camera, Hypothesis.GENERATED);
        assertEquals(Hypothesis.INCONCLUSIVE, OverallAssessment.assess(camera, Map.of(), model(), false).supports());
        Map<String, IndicatorResult> codecLike = results(3, 0.3);
        genSays(codecLike, Hypothesis.GENERATED);
        assertTrue(model().apply(codecLike, false).lrCodec() > model().apply(codecLike, false).lrGenerated());
        assertEquals(Hypothesis.INCONCLUSIVE, OverallAssessment.assess(codecLike, Map.of(), model(), false).supports());
        // stage 2 favouring synthetic, but not clearly: p(synthetic) = 1 / (1 + e^(-3 logit 0.55)) = 0.65 < 0.7
        Map<String, IndicatorResult> unclear = results(3, 0.55);
        genSays(unclear, Hypothesis.GENERATED);
        JointFusion.Outcome u = model().apply(unclear, false);
        assertTrue(u.lrGenerated() > u.lrCodec() && u.pSynthetic() < JointFusion.MIN_P_SYNTHETIC, u.toString());
        assertEquals(Hypothesis.INCONCLUSIVE, OverallAssessment.assess(unclear, Map.of(), model(), false).supports());
        // and with a stronger trace its LR reaches the verdict LR (10), yet stage 2 is still unclear: no lean, and it says why
        Map<String, IndicatorResult> strong = results(20, 0.55);
        genSays(strong, Hypothesis.GENERATED);
        JointFusion.Outcome st = model().apply(strong, false);
        assertTrue(st.lrGenerated() >= 10 && st.pSynthetic() < JointFusion.MIN_P_SYNTHETIC, st.toString());
        IndicatorResult sr = OverallAssessment.assess(strong, Map.of(), model(), false);
        assertEquals(Hypothesis.INCONCLUSIVE, sr.supports());
        assertTrue(sr.explanation().contains("so it leans to neither: the LR for generated reaches its verdict LR, but a lean to"
                + " generated needs the second stage to give at least 70 % to a synthetic image"), sr.explanation());
        // the joint fusion's own "neural codec" stands against an input's "generated"
        Map<String, IndicatorResult> codec = results(20, 0.1);
        genSays(codec, Hypothesis.GENERATED);
        assertEquals(Hypothesis.NEURAL_CODEC, OverallAssessment.assess(codec, Map.of(), model(), false).supports());
    }

    @Test
    void aModelFileWithoutBothConditionsIsRefused(@TempDir Path dir) throws IOException {
        JointFusion m = model();
        m.write(dir.resolve("ok.json"));
        assertEquals(m.inputs(), JointFusion.read(dir.resolve("ok.json")).inputs());
        new JointFusion(m.inputs(), Map.of(JointFusion.CLEAN, m.conditions().get(JointFusion.CLEAN)), "x").write(dir.resolve("bad.json"));
        IOException e = assertThrows(IOException.class, () -> JointFusion.read(dir.resolve("bad.json")));
        assertTrue(e.getMessage().contains("jpeg"), e.getMessage());
        assertTrue(Files.size(dir.resolve("ok.json")) > 0);
    }
}
