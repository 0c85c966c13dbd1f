package org.provenant.training.command;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.indicators.features.ResidualFeatures;
import org.provenant.indicators.generative.gendetector.GeneratedDetector;
import org.provenant.indicators.verdict.Calibrations;
import org.provenant.indicators.verdict.HeldOut;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.calibration.LogisticCalibration;
import org.provenant.ml.calibration.Metrics;
import org.provenant.ml.linear.LogisticClassifier;
import org.provenant.training.generated.DetectorData.Item;
import org.provenant.training.generated.DetectorData.Row;
import org.provenant.training.generated.DetectorData;
import org.provenant.training.generated.DetectorTraining.Figures;
import org.provenant.training.generated.DetectorTraining;

/**
 * {@code train-detector}: the generated-image detector. Reads gen-vs-real style folders (SOURCES.tsv), makes the
 * same variants of every image (see {@link DetectorData}), splits generators and real-photo sources into folds,
 * keeps fold 0 out of everything (the held-out test), cross-validates over the other folds (out-of-fold scores fit
 * the LR calibration and the decision threshold), trains the final model on folds 1..k-1, measures it on fold 0
 * and writes the model and its manifest entry with those figures.
 */
public final class TrainDetectorCommand implements Command {
    public static final int DEFAULT_FOLDS = 5;
    public static final long DEFAULT_SEED = 20261130L;
    /** False-alarm rate the threshold is set at on out-of-fold real photos. Our choice: margin below the 5 % bar. */
    public static final double TARGET_FPR = 0.03;

    @Override public String name() { return "train-detector"; }

    @Override public String usage() {
        return "train-detector DATASET_FOLDER... [--models DIR] [--folds K] [--seed S] [--cache FILE] [--wallpapers CORPUS] [--dry-run]";
    }

    @Override public String description() {
        return """
                Trains the generated-image detector on gen-vs-real style folders (with their SOURCES.tsv): the same variants of
                every image, generators and photo sources split into folds, fold 0 kept out of everything, out-of-fold scores for
                the calibration and threshold, figures measured on fold 0 and written into the manifest.
                  --wallpapers CORPUS   unseen real photos for the false-alarm figure; --folds K; --seed S
                  --cache FILE          feature cache; --models DIR; --dry-run: measure, write nothing""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<Path> data = new ArrayList<>();
        Path modelsDir = null, cache = null, wallpapers = null;
        int k = DEFAULT_FOLDS;
        long seed = DEFAULT_SEED;
        boolean dry = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--models" -> modelsDir = Path.of(TrainCommand.value(args, ++i, a));
                case "--cache" -> cache = Path.of(TrainCommand.value(args, ++i, a));
                case "--wallpapers" -> wallpapers = Path.of(TrainCommand.value(args, ++i, a));
                case "--folds" -> k = TrainCommand.intValue(args, ++i, a);
                case "--seed" -> seed = TrainCommand.intValue(args, ++i, a);
                case "--dry-run" -> dry = true;
                default -> {
                    if (a.startsWith("--")) throw new UsageException("unexpected argument " + a);
                    data.add(Path.of(a));
                }
            }
        }
        if (data.isEmpty()) throw new UsageException("give at least one data set folder with a SOURCES.tsv");
        if (k < 3) throw new UsageException("--folds must be at least 3");
        List<Item> items = new ArrayList<>();
        for (Path d : data) items.addAll(DetectorData.read(d));
        Map<String, Integer> fold = DetectorData.folds(items, k);
        out.println(items.size() + " images in " + new TreeSet<>(fold.keySet()).size() + " groups, " + k + " folds");
        List<Row> rows = cached(items, seed, cache, out);

        List<Integer> trainFolds = new ArrayList<>();
        for (int f = 1; f < k; f++) trainFolds.add(f);
        List<Row> train = new ArrayList<>(), test = new ArrayList<>();
        for (Row r : rows) (fold.get(r.item().group()) == 0 ? test : train).add(r);
        double[] oof = DetectorTraining.crossValidate(train, fold, trainFolds, seed);
        List<Double> pos = new ArrayList<>(), neg = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) (train.get(i).item().generated() ? pos : neg).add(oof[i]);
        double[] p = pos.stream().mapToDouble(Double::doubleValue).toArray(), n = neg.stream().mapToDouble(Double::doubleValue).toArray();
        LogisticCalibration cal = LogisticCalibration.fit(p, n);
        double threshold = Math.max(Metrics.thresholdAtFpr(n, TARGET_FPR), -cal.intercept() / cal.slope());
        out.printf(Locale.ROOT, "calibration ln LR = %.4f * s + %.4f; threshold s > %.3f (LR %.2f)%n", cal.slope(),
                cal.intercept(), threshold, Math.exp(cal.lnLr(threshold)));

        out.println("cross-validated over folds 1.." + (k - 1) + " (out-of-fold scores, grouped by generator / photo source):");
        Map<String, Figures> cv = report(out, train, oof, cal, threshold);
        perGenerator(out, train, oof);
        LogisticClassifier model = DetectorTraining.fit(train, seed);
        double[] ts = new double[test.size()];
        for (int i = 0; i < test.size(); i++) ts[i] = model.logOdds(test.get(i).features());
        out.println("held-out fold 0 (never used for fitting, calibration or threshold):");
        Map<String, Figures> held = report(out, test, ts, cal, threshold);
        out.println("held-out fold 0 groups: " + groups(fold, 0));
        Figures wall = null;
        if (wallpapers != null) {
            List<Row> wr = DetectorTraining.extract(DetectorData.readWallpapers(wallpapers), seed, v -> true, out);
            double[] ws = new double[wr.size()];
            for (int i = 0; i < wr.size(); i++) ws[i] = model.logOdds(wr.get(i).features());
            wall = DetectorTraining.figures(wr, ws, r -> true, cal, threshold);
            out.printf(Locale.ROOT, "Debian wallpaper photos (never trained on), %d variants: false alarms %d (%.1f %%)%n",
                    wall.real(), wall.falseAlarms(), 100 * wall.falseAlarmRate());
        }
        if (dry) return 0;

        ModelRegistry registry = modelsDir == null ? ModelRegistry.locate() : ModelRegistry.load(modelsDir);
        if (registry.directory() == null) throw new UsageException("no models folder found (use --models DIR)");
        Path file = registry.directory().resolve("classifiers/generated-detector.json");
        model.save(file);
        Figures all = held.get("all"), jpeg = held.get(DetectorData.JPEG);
        Map<String, String> props = new LinkedHashMap<>();
        props.putAll(Calibrations.detectorProperties(cal, threshold, HeldOut.detector(all.auc(), all.cllr(), all.tpr1(),
                all.tpr5(), new HeldOut.Share(all.falseAlarms(), all.real()), new HeldOut.Share(all.detected(), all.generated()))));
        props.put(GeneratedDetector.P_JPEG_DETECTED, jpeg.detected() + "/" + jpeg.generated());
        if (wall != null) props.put(GeneratedDetector.P_WALLPAPER_FALSE_ALARMS, wall.falseAlarms() + "/" + wall.real());
        props.put(GeneratedDetector.P_CV_AUC, fmt(cv.get("all").auc()));
        props.put(GeneratedDetector.P_JPEG_CV_AUC, fmt(cv.get(DetectorData.JPEG).auc()));
        props.put("cvFalseAlarms", cv.get("all").falseAlarms() + "/" + cv.get("all").real());
        props.put("folds", String.valueOf(k));
        props.put("seed", String.valueOf(seed));
        props.put("heldoutGroups", String.join(",", groups(fold, 0)));
        props.put("trainRows", String.valueOf(train.size()));
        String how = "provenant train-detector " + String.join(" ", data.stream().map(Path::toString).toList())
                + (wallpapers == null ? "" : " --wallpapers " + wallpapers) + " --folds " + k + " --seed " + seed + "; Tribuo logistic regression (" + LogisticClassifier.EPOCHS
                + " AdaGrad epochs) on " + ResidualFeatures.size() + " residual co-occurrence features, " + train.size()
                + " rows of folds 1.." + (k - 1) + "; calibration and threshold from out-of-fold scores; figures on fold 0";
        TrainCommand.updateManifest(registry.directory(), GeneratedDetector.MODEL, "classifiers/" + file.getFileName(),
                ModelRegistry.sha256(file), "classifier.generated-detector", ResidualFeatures.names(),
                List.of(DetectorTraining.NEGATIVE, DetectorTraining.POSITIVE), how, props);
        out.println("wrote " + file);
        return 0;
    }

    private static Map<String, Figures> report(PrintStream out, List<Row> rows, double[] s, LogisticCalibration cal, double t) {
        Map<String, Figures> m = new LinkedHashMap<>();
        m.put("all", DetectorTraining.figures(rows, s, r -> true, cal, t));
        for (String v : DetectorData.VARIANTS)
            m.put(v, DetectorTraining.figures(rows, s, r -> r.variant().equals(v), cal, t));
        m.forEach((key, f) -> out.printf(Locale.ROOT, "  %-13s %s%n", key, f.line()));
        return m;
    }

    /** Out-of-fold ROC AUC of each generator family against all out-of-fold real photos (every variant). */
    private static void perGenerator(PrintStream out, List<Row> rows, double[] s) {
        Map<String, List<Double>> gen = new java.util.TreeMap<>();
        List<Double> real = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++)
            if (rows.get(i).item().generated()) gen.computeIfAbsent(rows.get(i).item().group(), g -> new ArrayList<>()).add(s[i]);
            else real.add(s[i]);
        double[] n = real.stream().mapToDouble(Double::doubleValue).toArray();
        StringBuilder sb = new StringBuilder("  per generator family (out-of-fold AUC vs all real, rows):");
        gen.forEach((g, v) -> sb.append(String.format(Locale.ROOT, " %s %.2f (%d);", g.substring(4),
                Metrics.auc(v.stream().mapToDouble(Double::doubleValue).toArray(), n), v.size())));
        out.println(sb);
    }

    private static List<String> groups(Map<String, Integer> fold, int f) {
        List<String> g = new ArrayList<>();
        fold.forEach((name, x) -> { if (x == f) g.add(name); });
        return g;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Feature rows, read from / written to a TSV cache (file, variant, features) when one is given. */
    private static List<Row> cached(List<Item> items, long seed, Path cache, PrintStream out) throws java.io.IOException {
        Predicate<String> all = v -> true;
        if (cache == null) return DetectorTraining.extract(items, seed, all, out);
        Map<String, Item> byFile = new HashMap<>();
        for (Item it : items) byFile.put(it.file().toString(), it);
        if (Files.isRegularFile(cache)) {
            List<Row> rows = new ArrayList<>();
            for (String line : Files.readAllLines(cache, StandardCharsets.UTF_8)) {
                String[] c = line.split("\t");
                Item it = byFile.get(c[0]);
                if (it == null || c.length != 2 + ResidualFeatures.size()) continue;
                double[] f = new double[c.length - 2];
                for (int j = 0; j < f.length; j++) f[j] = Double.parseDouble(c[j + 2]);
                rows.add(new Row(it, c[1], f));
            }
            if (!rows.isEmpty()) {
                out.println(rows.size() + " feature rows read from " + cache);
                return rows;
            }
        }
        List<Row> rows = DetectorTraining.extract(items, seed, all, out);
        StringBuilder sb = new StringBuilder();
        for (Row r : rows) {
            sb.append(r.item().file()).append('\t').append(r.variant());
            for (double v : r.features()) sb.append('\t').append(v);
            sb.append('\n');
        }
        if (cache.toAbsolutePath().getParent() != null) Files.createDirectories(cache.toAbsolutePath().getParent());
        Files.writeString(cache, sb, StandardCharsets.UTF_8);
        return rows;
    }
}
