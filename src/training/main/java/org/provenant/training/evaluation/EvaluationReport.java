package org.provenant.training.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.provenant.indicators.Hypothesis;
import org.provenant.training.evaluation.Figures.CrossValidated;
import org.provenant.training.evaluation.Figures.IndicatorFigures;
import org.provenant.training.evaluation.Figures.Rate;
import org.provenant.training.evaluation.Figures.Roc;
import org.provenant.training.evaluation.LabelledSet.Item;
import org.provenant.training.evaluation.Observations.Observation;

/** Writes an evaluation as Markdown ({@code report.md}), JSON ({@code report.json}) and PNG plots. */
public final class EvaluationReport {
    private EvaluationReport() { }

    /** Writes the report files into {@code dir}; {@code title} names the set and split evaluated. */
    public static void write(Path dir, String title, List<Observation> obs, List<IndicatorFigures> figs) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown(title, obs, figs), StandardCharsets.UTF_8);
        json(dir.resolve("report.json"), title, obs, figs);
        plots(dir, obs, figs);
    }

    static String markdown(String title, List<Observation> obs, List<IndicatorFigures> figs) {
        StringBuilder b = new StringBuilder();
        b.append("# Evaluation: ").append(title).append("\n\n");
        Map<String, int[]> counts = new java.util.TreeMap<>();
        for (Observation o : obs) counts.computeIfAbsent(o.item().label(), k -> new int[1])[0]++;
        b.append("Images: ");
        counts.forEach((k, v) -> b.append(k).append(' ').append(v[0]).append(", "));
        b.setLength(b.length() - 2);
        b.append(". Positives are the accusing class of each row; negatives are the real photos. A false alarm is any lean"
                + " away from camera original (inconclusive is not a lean).\n\n");
        b.append(summary(figs));
        b.append(falseAlarmsByTransform(figs));
        b.append(confusion(figs));
        b.append(crossValidated(figs));
        b.append(allScores(figs));
        b.append(bySource(figs));
        b.append(falseAlarmsBySource(figs));
        return b.toString();
    }

    /** The headline table: one row per indicator and accusing label. */
    public static String summary(List<IndicatorFigures> figs) {
        StringBuilder b = new StringBuilder("## Headline score and verdicts\n\n");
        b.append("| indicator | headline | class | ROC AUC | TPR @1 % FA | TPR @5 % FA | detected (verdict) | false alarms on real"
                + " | median ms |\n|---|---|---|---|---|---|---|---|---|\n");
        for (IndicatorFigures f : figs) {
            boolean any = false;
            for (Roc r : f.rocs()) {
                if (!r.score().equals(f.headline())) continue;
                any = true;
                Rate det = detected(f, r.label());
                b.append(String.format(Locale.ROOT, "| %s | `%s`%s | %s (%d) | %s | %s | %s | %s | %s | %.0f |%n", f.indicator(),
                        r.score(), r.higherAccuses() ? "" : " (low accuses)", r.label(), r.positives(), num(r.auc()),
                        pct(r.tprAt1()), pct(r.tprAt5()), rate(det), rate(f.falseAlarms()), f.medianMillis()));
            }
            if (!any) b.append(String.format(Locale.ROOT, "| %s | %s | - | - | - | - | - | %s | %.0f |%n", f.indicator(),
                    f.headline() == null ? "(no result)" : "`" + f.headline() + "`", rate(f.falseAlarms()), f.medianMillis()));
        }
        return b.append('\n').toString();
    }

    static Rate detected(IndicatorFigures f, String label) {
        int hits = 0, n = 0;
        for (Map.Entry<String, Rate> e : f.detectionBySource().entrySet()) {
            if (!e.getKey().startsWith(label + "/")) continue;
            hits += e.getValue().hits();
            n += e.getValue().n();
        }
        return new Rate(hits, n);
    }

    /** False alarms on real photos per transform group: the 5 % bar table. */
    public static String falseAlarmsByTransform(List<IndicatorFigures> figs) {
        TreeSet<String> groups = new TreeSet<>();
        for (IndicatorFigures f : figs) groups.addAll(f.falseAlarmsByTransform().keySet());
        StringBuilder b = new StringBuilder("## False alarms on real photos (any lean away from camera original)\n\n| indicator | all |");
        for (String g : groups) b.append(' ').append(g).append(" |");
        b.append("\n|---|---|").append("---|".repeat(groups.size())).append('\n');
        for (IndicatorFigures f : figs) {
            b.append("| ").append(f.indicator()).append(" | ").append(rate(f.falseAlarms())).append(" |");
            for (String g : groups) b.append(' ').append(rate(f.falseAlarmsByTransform().get(g))).append(" |");
            b.append('\n');
        }
        return b.append('\n').toString();
    }

    static String confusion(List<IndicatorFigures> figs) {
        StringBuilder b = new StringBuilder("## Verdicts per class\n\n| indicator | class |");
        for (Hypothesis h : Hypothesis.values()) b.append(' ').append(h.name().toLowerCase(Locale.ROOT)).append(" |");
        b.append(" failed |\n|---|---|").append("---|".repeat(Hypothesis.values().length + 1)).append('\n');
        for (IndicatorFigures f : figs) {
            for (Map.Entry<String, Map<Hypothesis, Integer>> e : f.confusion().entrySet()) {
                b.append("| ").append(f.indicator()).append(" | ").append(e.getKey()).append(" |");
                for (Hypothesis h : Hypothesis.values()) b.append(' ').append(e.getValue().getOrDefault(h, 0)).append(" |");
                b.append(' ').append(f.failed().getOrDefault(e.getKey(), 0)).append(" |\n");
            }
        }
        return b.append('\n').toString();
    }

    static String crossValidated(List<IndicatorFigures> figs) {
        StringBuilder b = new StringBuilder("## Headline as a likelihood ratio, cross-validated by source\n\n"
                + "Logistic calibration fitted " + Figures.FOLDS + " times, each time without one fold of sources (generators"
                + " and photo collections), applied to that fold. Cllr: 0 perfect, 1 = an LR of 1 always, above 1 misleading."
                + " Reported `lr_*` scores (when an indicator emits them) are scored as they are.\n\n"
                + "| indicator | score | class | held-out Cllr | held-out AUC | Cllr of reported LR |\n|---|---|---|---|---|---|\n");
        for (IndicatorFigures f : figs) {
            for (CrossValidated c : f.crossValidated()) {
                Double rep = null;
                for (Map.Entry<String, Double> e : f.cllrOfReported().entrySet()) if (e.getKey().endsWith("(" + c.label() + ")")) rep = e.getValue();
                b.append(String.format(Locale.ROOT, "| %s | `%s` | %s | %s | %s | %s |%n", f.indicator(), c.score(), c.label(),
                        num(c.cllr()), num(c.auc()), rep == null ? "-" : num(rep)));
            }
        }
        return b.append('\n').toString();
    }

    static String allScores(List<IndicatorFigures> figs) {
        StringBuilder b = new StringBuilder("## Every score\n\n| indicator | score | class | AUC | TPR @1 % | TPR @5 % |\n|---|---|---|---|---|---|\n");
        for (IndicatorFigures f : figs) {
            for (Roc r : f.rocs()) {
                b.append(String.format(Locale.ROOT, "| %s | `%s`%s | %s | %s | %s | %s |%n", f.indicator(), r.score(),
                        r.higherAccuses() ? "" : " (low)", r.label(), num(r.auc()), pct(r.tprAt1()), pct(r.tprAt5())));
            }
        }
        return b.append('\n').toString();
    }

    /** Per accusing source (leave-one-generator-out view): AUC of the headline against all real photos. */
    static String bySource(List<IndicatorFigures> figs) {
        TreeSet<String> sources = new TreeSet<>();
        for (IndicatorFigures f : figs) sources.addAll(f.aucBySource().keySet());
        StringBuilder b = new StringBuilder("## Per generator / codec: headline AUC against all real photos (verdict detections)\n\n| source |");
        for (IndicatorFigures f : figs) b.append(' ').append(f.indicator()).append(" |");
        b.append("\n|---|").append("---|".repeat(figs.size())).append('\n');
        for (String s : sources) {
            b.append("| ").append(s).append(" |");
            for (IndicatorFigures f : figs) {
                Double a = f.aucBySource().get(s);
                Rate d = f.detectionBySource().get(s);
                b.append(' ').append(a == null ? "-" : num(a)).append(d == null ? "" : " (" + d.hits() + "/" + d.n() + ")").append(" |");
            }
            b.append('\n');
        }
        return b.append('\n').toString();
    }

    static String falseAlarmsBySource(List<IndicatorFigures> figs) {
        TreeSet<String> sources = new TreeSet<>();
        for (IndicatorFigures f : figs) sources.addAll(f.falseAlarmsBySource().keySet());
        StringBuilder b = new StringBuilder("## False alarms per photo source (leave-one-photo-source-out view)\n\n| photo source |");
        for (IndicatorFigures f : figs) b.append(' ').append(f.indicator()).append(" |");
        b.append("\n|---|").append("---|".repeat(figs.size())).append('\n');
        for (String s : sources) {
            b.append("| ").append(s).append(" |");
            for (IndicatorFigures f : figs) b.append(' ').append(rate(f.falseAlarmsBySource().get(s))).append(" |");
            b.append('\n');
        }
        return b.append('\n').toString();
    }

    static void json(Path file, String title, List<Observation> obs, List<IndicatorFigures> figs) throws IOException {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("title", title);
        root.put("images", obs.size());
        ArrayNode arr = root.putArray("indicators");
        for (IndicatorFigures f : figs) {
            ObjectNode n = arr.addObject();
            n.put("indicator", f.indicator()).put("headline", f.headline()).put("medianMillis", f.medianMillis());
            putRate(n.putObject("falseAlarms"), f.falseAlarms());
            ObjectNode ft = n.putObject("falseAlarmsByTransform");
            f.falseAlarmsByTransform().forEach((k, v) -> putRate(ft.putObject(k), v));
            ObjectNode fs = n.putObject("falseAlarmsBySource");
            f.falseAlarmsBySource().forEach((k, v) -> putRate(fs.putObject(k), v));
            ArrayNode rocs = n.putArray("rocs");
            for (Roc r : f.rocs()) {
                ObjectNode x = rocs.addObject();
                x.put("score", r.score()).put("class", r.label()).put("positives", r.positives()).put("negatives", r.negatives())
                        .put("higherAccuses", r.higherAccuses());
                put(x, "auc", r.auc());
                put(x, "tprAt1", r.tprAt1());
                put(x, "tprAt5", r.tprAt5());
            }
            ObjectNode cl = n.putObject("cllrOfReported");
            f.cllrOfReported().forEach((k, v) -> put(cl, k, v));
            ArrayNode cv = n.putArray("crossValidated");
            for (CrossValidated c : f.crossValidated()) {
                ObjectNode x = cv.addObject();
                x.put("score", c.score()).put("class", c.label()).put("folds", c.folds());
                put(x, "cllr", c.cllr());
                put(x, "auc", c.auc());
            }
            ObjectNode conf = n.putObject("confusion");
            f.confusion().forEach((k, v) -> {
                ObjectNode c = conf.putObject(k);
                new EnumMap<>(v).forEach((h, cnt) -> c.put(h.name(), cnt));
            });
            ObjectNode fail = n.putObject("failed");
            f.failed().forEach(fail::put);
            ObjectNode src = n.putObject("aucBySource");
            f.aucBySource().forEach((k, v) -> put(src, k, v));
            ObjectNode det = n.putObject("detectionBySource");
            f.detectionBySource().forEach((k, v) -> putRate(det.putObject(k), v));
        }
        om.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    private static void putRate(ObjectNode n, Rate r) {
        n.put("hits", r.hits()).put("n", r.n());
        put(n, "rate", r.value());
    }

    private static void put(ObjectNode n, String k, double v) {
        if (Double.isFinite(v)) n.put(k, v);
        else n.putNull(k);
    }

    static void plots(Path dir, List<Observation> obs, List<IndicatorFigures> figs) throws IOException {
        for (IndicatorFigures f : figs) {
            if (f.headline() == null) continue;
            List<Plots.Curve> curves = new ArrayList<>();
            for (Roc r : f.rocs()) {
                if (!r.score().equals(f.headline())) continue;
                double[] p = Figures.values(obs, f.indicator(), r.score(), (Item it) -> it.label().equals(r.label()));
                double[] n = Figures.values(obs, f.indicator(), r.score(), Item::real);
                curves.add(Plots.roc(r.label() + " vs real, AUC " + num(r.auc()), p, n, r.higherAccuses()));
            }
            if (!curves.isEmpty()) {
                ImageIO.write(Plots.draw("ROC: " + f.indicator() + " (" + f.headline() + ")", "false-alarm rate (real photos)",
                        "true-positive rate", curves, false), "png", dir.resolve("roc-" + f.indicator() + ".png").toFile());
            }
            List<Plots.Curve> rel = new ArrayList<>();
            for (CrossValidated c : f.crossValidated()) {
                rel.add(Plots.reliability(c.label() + ": " + c.score() + " cross-validated, Cllr " + num(c.cllr()),
                        c.lnLrPositives(), c.lnLrNegatives(), 10));
            }
            if (!rel.isEmpty()) {
                ImageIO.write(Plots.draw("Reliability at equal priors: " + f.indicator(), "stated probability",
                        "observed share (classes weighted equally)", rel, true), "png",
                        dir.resolve("reliability-" + f.indicator() + ".png").toFile());
            }
        }
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }

    static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f %%", 100 * v) : "n/a";
    }

    static String rate(Rate r) {
        if (r == null || r.n() == 0) return "-";
        return String.format(Locale.ROOT, "%d/%d (%.1f %%)", r.hits(), r.n(), 100 * r.value());
    }
}
