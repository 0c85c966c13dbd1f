package org.provenant.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.indicators.Hypothesis;
import org.provenant.training.evaluation.Figures.IndicatorFigures;
import org.provenant.training.evaluation.LabelledSet.Item;
import org.provenant.training.evaluation.Observations.Observation;
import org.provenant.training.evaluation.Observations.Seen;

class EvaluationTest {
    /** Items of 6 real and 6 generated sources, 5 originals each, 3 variants per original. */
    static List<Item> items() {
        List<Item> out = new ArrayList<>();
        for (String label : List.of("real", "generated")) {
            for (int s = 0; s < 6; s++) {
                for (int o = 0; o < 5 + s; o++) {
                    for (String t : List.of("crop256", "crop256-jpeg80-420", "original")) {
                        String parent = label + s + "-" + o;
                        out.add(new Item(Path.of(label, "src" + s, parent + "__" + t + ".png"), label, "src" + s, parent, t));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void splitsKeepEverySourceAndOriginalWholeAndGiveEachPartEveryLabel() {
        List<Item> items = items();
        for (int parts : new int[]{2, 5}) {
            Map<String, Integer> a = SourceSplit.assign(items, parts);
            Map<String, Integer> parentPart = new HashMap<>();
            for (Item it : items) {
                int p = SourceSplit.partOf(it, a);
                Integer before = parentPart.put(it.parent(), p);
                assertTrue(before == null || before == p, "original " + it.parent() + " split across parts");
            }
        }
        List<Item> cal = SourceSplit.part(items, SourceSplit.CALIBRATION), held = SourceSplit.part(items, SourceSplit.HELD_OUT);
        assertEquals(items.size(), cal.size() + held.size());
        for (List<Item> part : List.of(cal, held)) {
            assertTrue(part.stream().anyMatch(Item::real));
            assertTrue(part.stream().anyMatch(it -> !it.real()));
        }
        // balanced within one source's size: 3 * (5 + 6 + ... + 10) = 135 images per label, largest source 30
        long realCal = cal.stream().filter(Item::real).count();
        assertTrue(Math.abs(realCal - 135 / 2.0) <= 30, "real images in the calibration part: " + realCal);
    }

    @Test
    void figuresCountFalseAlarmsAndRankScores(@TempDir Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(1);
        List<Observation> obs = new ArrayList<>();
        int i = 0;
        for (Item it : items()) {
            // score: generated ~ N(1.5, 1), real ~ N(0, 1); every 10th real photo is called generated
            double s = (it.real() ? 0 : 1.5) + gauss(r);
            Hypothesis h = it.real() ? (i++ % 10 == 0 ? Hypothesis.GENERATED : Hypothesis.INCONCLUSIVE) : Hypothesis.GENERATED;
            Map<String, Double> scores = new java.util.LinkedHashMap<>();
            scores.put("head", s);
            scores.put("lr_generated", Math.exp(1.5 * s - 1.125));
            obs.add(new Observation(it, Map.of("x", new Seen(h, 0.6, scores, 5, null))));
        }
        IndicatorFigures f = Figures.compute(obs, List.of("x")).get(0);
        assertEquals("head", f.headline());
        int reals = (int) obs.stream().filter(o -> o.item().real()).count();
        assertEquals(reals, f.falseAlarms().n());
        assertEquals((reals + 9) / 10, f.falseAlarms().hits());
        Figures.Roc roc = f.rocs().stream().filter(x -> x.score().equals("head")).findFirst().orElseThrow();
        assertEquals(0.86, roc.auc(), 0.05); // Phi(1.5 / sqrt 2) = 0.856
        assertTrue(roc.higherAccuses());
        double cllr = f.cllrOfReported().values().iterator().next();
        assertTrue(cllr < 0.8 && cllr > 0.3, "Cllr of the true LR " + cllr);
        Figures.CrossValidated cv = f.crossValidated().get(0);
        assertTrue(cv.cllr() < 0.85, "cross-validated Cllr " + cv.cllr());
        EvaluationReport.write(dir, "test", obs, List.of(f));
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "| x | %d/%d (", f.falseAlarms().hits(), reals)), md);
        assertTrue(Files.size(dir.resolve("roc-x.png")) > 1000);
        assertTrue(Files.size(dir.resolve("reliability-x.png")) > 1000);
        Observations.write(dir.resolve("obs.json"), obs);
        assertEquals(obs, Observations.read(dir.resolve("obs.json")));
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
