package org.provenant.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.provenant.training.evaluation.LabelledSet.Item;
import org.provenant.training.evaluation.Observations.Observation;
import org.provenant.training.evaluation.Observations.Seen;
import org.provenant.indicators.Hypothesis;

class LocalizationEvaluationTest {
    static Observation obs(String label, String transform, String source, Hypothesis h, double score, double iou) {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("lr_edited", score);
        s.put("pixel_iou", iou);
        s.put("pixel_f1", Double.isNaN(iou) ? Double.NaN : 2 * iou / (1 + iou));
        s.put("outlined_share", 0.1);
        return new Observation(new Item(Path.of("x.png"), label, source, "p", transform),
                Map.of(LocalizationEvaluation.INDICATOR, new Seen(h, 0.5, s, 1, null)));
    }

    @Test
    void tablesCountLeansOverlapAndRanking() {
        List<Observation> o = new ArrayList<>();
        o.add(obs("edited", "edit/splice", "CASIA", Hypothesis.MANIPULATED, 9, 0.6));
        o.add(obs("edited", "edit/splice", "CASIA", Hypothesis.INCONCLUSIVE, 3, 0.0));
        o.add(obs("edited", "edit/copy-move", "COVERAGE", Hypothesis.MANIPULATED, 8, 0.4));
        o.add(obs("real", "original/copy-move", "COVERAGE", Hypothesis.INCONCLUSIVE, 2, Double.NaN));
        for (int i = 0; i < 19; i++) o.add(obs("real", "untouched", "photos", Hypothesis.INCONCLUSIVE, 1, Double.NaN));
        o.add(obs("real", "untouched", "photos", Hypothesis.MANIPULATED, 5, Double.NaN));
        LocalizationEvaluation.Tables t = LocalizationEvaluation.tables(o, null);
        assertEquals("lr_edited", t.score());
        LocalizationEvaluation.Row splice = t.byType().stream().filter(r -> r.group().equals("splice")).findFirst().orElseThrow();
        assertEquals(2, splice.edits());
        assertEquals(1, splice.leaning());
        assertEquals(0.3, splice.iouMean(), 1e-9);
        assertEquals(0.6, splice.iouMedianFlagged(), 1e-9);
        // 3 edits against 21 negatives: the edit scoring 3 is below the negative scoring 5
        assertEquals((3 * 21 - 1) / 63.0, t.all().auc(), 1e-9);
        assertEquals(1.0, t.all().tprAtFpr(), 1e-9);   // one of 21 negatives (the 5) may lie above: threshold 2
        assertEquals(2 / 3.0, t.detection(), 1e-9);
        assertEquals(1, t.negatives().get(0).leaning());   // untouched
        assertEquals(20, t.negatives().get(0).images());
        assertEquals(0, t.negatives().get(1).leaning());   // originals
    }

    @Test
    void overlapIsF1AndIouOfThePixels() {
        boolean[] pred = {true, true, false, false}, truth = {true, false, true, false};
        Map<String, Double> m = LocalizationEvaluation.overlapOf(pred, truth);
        assertEquals(0.5, m.get("pixel_f1"), 1e-9);
        assertEquals(1 / 3.0, m.get("pixel_iou"), 1e-9);
        assertEquals(0.5, m.get("mask_share"), 1e-9);
    }
}
