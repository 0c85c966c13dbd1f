package org.provenant.training.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.indicators.verdict.Calibrations;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.calibration.VerdictCalibration;
import org.provenant.training.calibration.VerdictFitter;
import org.provenant.training.evaluation.Figures;
import org.provenant.training.evaluation.LabelledSet.Item;
import org.provenant.training.evaluation.Observations.Observation;
import org.provenant.training.evaluation.Observations;
import org.provenant.training.evaluation.SourceSplit;

/**
 * {@code calibrate OBSERVATIONS --indicator ID --class LABEL [--score KEY] [--models DIR] [--note TEXT]}: fits the
 * verdict calibration of one indicator's score (its headline by default) for one accusing class against real photos,
 * from {@code evaluate}'s observations.json: sources split in two ({@link SourceSplit}), fitted on the calibration
 * part, every stated figure measured on the held-out part. Writes models/calibration/&lt;id&gt;.json and its manifest
 * entry (SHA-256, how made, held-out figures).
 */
public final class CalibrateCommand implements Command {
    @Override public String name() { return "calibrate"; }

    @Override public String usage() {
        return "calibrate OBSERVATIONS.json --indicator ID --class generated|codec|edited [--score KEY] [--models DIR] [--note TEXT]";
    }

    @Override public String description() {
        return """
                Fits the likelihood-ratio calibration of one indicator's score for one class against real photos, from evaluate's
                observations.json: the sources are split in two, the calibration is fitted on one half and every figure it states
                (held-out AUC, Cllr, false-alarm and detection rates) is measured on the other. Writes
                models/calibration/<id>.json and its manifest entry.
                  --indicator ID       the indicator; --class generated|codec|edited: the accusing class
                  --score KEY          the score to calibrate (default its headline); --note TEXT: recorded with the calibration
                  --models DIR         another models folder""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path obsFile = null, models = Path.of("models");
        String id = null, label = null, key = null, note = "";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--indicator" -> id = value(args, ++i, a);
                case "--class" -> label = value(args, ++i, a);
                case "--score" -> key = value(args, ++i, a);
                case "--models" -> models = Path.of(value(args, ++i, a));
                case "--note" -> note = value(args, ++i, a);
                default -> {
                    if (a.startsWith("--")) throw new UsageException("unknown option " + a);
                    obsFile = Path.of(a);
                }
            }
        }
        if (obsFile == null || id == null || label == null) throw new UsageException("observations, --indicator and --class are needed");
        String lrKey = Figures.lrKeyOf(label);
        if (lrKey == null) throw new UsageException("--class is generated, codec or edited");
        List<Observation> obs = Observations.read(obsFile);
        String cls = label;
        List<Item> items = new ArrayList<>();
        List<Observation> used = new ArrayList<>();
        for (Observation o : obs) {
            if ((o.item().real() || o.item().label().equals(cls)) && o.byIndicator().containsKey(id)) {
                items.add(o.item());
                used.add(o);
            }
        }
        if (used.isEmpty()) throw new UsageException("no observation of " + id + " on real and " + label + " images");
        if (key == null) key = used.get(0).byIndicator().get(id).scores().keySet().iterator().next();
        Map<String, Integer> part = SourceSplit.assign(items, 2);
        double[] cp = Figures.values(used, id, key, it -> it.label().equals(cls) && SourceSplit.partOf(it, part) == SourceSplit.CALIBRATION);
        double[] cn = Figures.values(used, id, key, it -> it.real() && SourceSplit.partOf(it, part) == SourceSplit.CALIBRATION);
        double[] hp = Figures.values(used, id, key, it -> it.label().equals(cls) && SourceSplit.partOf(it, part) == SourceSplit.HELD_OUT);
        double[] hn = Figures.values(used, id, key, it -> it.real() && SourceSplit.partOf(it, part) == SourceSplit.HELD_OUT);
        TreeSet<String> calSources = new TreeSet<>();
        for (Item it : items) if (SourceSplit.partOf(it, part) == SourceSplit.CALIBRATION) calSources.add(it.label() + "/" + it.source());
        String fittedOn = String.format(Locale.ROOT, "%s: %d %s and %d real images with a finite %s from the calibration half of"
                        + " the sources (%s); held out: the other half", obsFile.getFileName(), finite(cp), label, finite(cn), key,
                String.join(", ", calSources));
        String hypothesisWords = label.equals("codec") ? "neural codec" : label;
        VerdictCalibration c = VerdictFitter.fit(id, key, hypothesisWords, lrKey, cp, cn, hp, hn, fittedOn, note);
        Path dir = models.resolve("calibration");
        Files.createDirectories(dir);
        String file = "calibration/" + id + ".json";
        c.write(models.resolve(file));
        String sha = ModelRegistry.sha256(models.resolve(file));
        updateManifest(models, Calibrations.calibrationModel(id), file, sha, c, obsFile);
        out.printf(Locale.ROOT, "%s %s for %s: ln LR = %.4f * score %+.4f; verdict LR %.3g, camera LR %.3g%n", id, key, label,
                c.slope(), c.intercept(), c.verdictLr(), c.cameraLr());
        out.printf(Locale.ROOT, "held out: %d %s, %d real; AUC %.3f, Cllr %.3f, false alarms %.1f %%, detected %.1f %%, called camera"
                        + " original %.1f %%; verdict %s%n", c.heldOutPositives(), label, c.heldOutNegatives(), c.heldOutAuc(),
                c.heldOutCllr(), 100 * c.heldOutFalseAlarm(), 100 * c.heldOutDetection(), 100 * c.heldOutMissed(),
                c.verdict() ? "supported" : "NOT supported (no verdict drawn)");
        out.println("Wrote " + models.resolve(file) + " and its manifest entry");
        return 0;
    }

    private static int finite(double[] v) {
        int n = 0;
        for (double x : v) if (Double.isFinite(x)) n++;
        return n;
    }

    /** Adds or replaces this calibration's entry in the manifest, keeping every other entry as it is. */
    static void updateManifest(Path models, String name, String file, String sha, VerdictCalibration c, Path obs)
            throws java.io.IOException {
        ObjectNode e = new ObjectMapper().createObjectNode();
        e.put("name", name).put("file", file).put("sha256", sha).put("kind", Calibrations.CALIBRATION_KIND);
        e.putArray("inputs").add(c.indicator() + " score " + c.score());
        e.putArray("outputs").add(c.lrKey() + " = exp(slope * score + intercept), " + c.hypothesis() + " vs camera original");
        e.put("howMade", "provenant evaluate CORPUS --only " + c.indicator() + " --out DIR, or the evaluate run that wrote " + obs.getFileName() + " (CORPUS from models/training/data/build_corpus.py, files in its manifest.sha256); provenant calibrate DIR/"
                + obs.getFileName() + " --indicator " + c.indicator() + " --class " + labelOf(c) + " --score " + c.score()
                + "; logistic calibration at equal priors on the calibration half of the sources, figures on the held-out half");
        ObjectNode p = e.putObject("properties");
        p.put("heldOutAuc", fmt(c.heldOutAuc())).put("heldOutCllr", fmt(c.heldOutCllr()))
                .put("heldOutFalseAlarm", fmt(c.heldOutFalseAlarm())).put("heldOutDetection", fmt(c.heldOutDetection()))
                .put("heldOutPositives", Integer.toString(c.heldOutPositives()))
                .put("heldOutNegatives", Integer.toString(c.heldOutNegatives())).put("verdict", Boolean.toString(c.verdict()));
        putEntry(models, e);
    }

    /**
     * Adds or replaces one entry of the manifest (by its name), keeping every other entry as it is, in the manifest's
     * own layout ({@link #print}).
     */
    static void putEntry(Path models, ObjectNode e) throws java.io.IOException {
        ObjectMapper om = new ObjectMapper();
        Path manifest = models.resolve(ModelRegistry.MANIFEST);
        ObjectNode root = Files.isRegularFile(manifest) ? (ObjectNode) om.readTree(manifest.toFile()) : om.createObjectNode();
        ArrayNode list = root.has("models") ? (ArrayNode) root.get("models") : root.putArray("models");
        String name = e.path("name").asText();
        int at = -1;
        for (int i = 0; i < list.size(); i++) {
            JsonNode m = list.get(i);
            if (name.equals(m.path("name").asText())) at = i;
        }
        if (at >= 0) list.set(at, e);
        else list.add(e);
        StringBuilder b = new StringBuilder();
        print(root, 0, b);
        Files.writeString(manifest, b.append('\n').toString(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * JSON in the manifest's own layout (two-space indent, one value per line, ": " after keys, [] and {} when empty),
     * so that adding an entry changes only that entry's lines.
     */
    static void print(JsonNode n, int depth, StringBuilder b) {
        String in = "  ".repeat(depth + 1), out = "  ".repeat(depth);
        if (n.isObject()) {
            if (n.isEmpty()) { b.append("{}"); return; }
            b.append("{\n");
            var it = n.fields();
            while (it.hasNext()) {
                var f = it.next();
                b.append(in).append(new com.fasterxml.jackson.databind.node.TextNode(f.getKey())).append(": ");
                print(f.getValue(), depth + 1, b);
                b.append(it.hasNext() ? ",\n" : "\n");
            }
            b.append(out).append('}');
        } else if (n.isArray()) {
            if (n.isEmpty()) { b.append("[]"); return; }
            b.append("[\n");
            for (int i = 0; i < n.size(); i++) {
                b.append(in);
                print(n.get(i), depth + 1, b);
                b.append(i + 1 < n.size() ? ",\n" : "\n");
            }
            b.append(out).append(']');
        } else {
            b.append(n.toString());
        }
    }

    private static String labelOf(VerdictCalibration c) {
        return c.hypothesis().equals("neural codec") ? "codec" : c.hypothesis();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String value(List<String> args, int i, String opt) throws UsageException {
        if (i >= args.size()) throw new UsageException(opt + " needs a value");
        return args.get(i);
    }
}
