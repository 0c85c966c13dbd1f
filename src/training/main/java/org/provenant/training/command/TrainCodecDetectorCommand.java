package org.provenant.training.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.indicators.codec.codecdetector.ClassicCodecGate;
import org.provenant.indicators.codec.codecdetector.CodecDetector;
import org.provenant.indicators.features.CodecFeatures.FeatureSet;
import org.provenant.indicators.verdict.Calibrations;
import org.provenant.indicators.verdict.HeldOut;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.calibration.LogisticCalibration;
import org.provenant.ml.calibration.Metrics;
import org.provenant.ml.linear.LogisticClassifier;
import org.provenant.training.codec.CodecData.Item;
import org.provenant.training.codec.CodecData.Row;
import org.provenant.training.codec.CodecData;
import org.provenant.training.codec.CodecTraining.Figures;
import org.provenant.training.codec.CodecTraining.Kind;
import org.provenant.training.codec.CodecTraining;
import org.provenant.training.codec.ClassicGateTraining;

/**
 * {@code train-codec-detector}: leave-one-codec-family-out validation of neural-codec detectors (colour
 * correlations, residual co-occurrences, both; logistic regression or forest), then the shipped detector: a logistic
 * model on all families, calibrated on out-of-fold scores (photo folds), with the held-out-family figures written
 * beside it in the manifest.
 */
public final class TrainCodecDetectorCommand implements Command {
    @Override public String name() { return "train-codec-detector"; }

    @Override public String usage() {
        return "train-codec-detector CORPUS CODEC_CLASS [--cache FILE] [--features colour|residual|union] [--compare [--logistic-only]] [--hold-out FAMILY] [--generated-negatives] [--classic-gate] [--models DIR] [--dry-run]";
    }

    @Override public String description() {
        return """
                Trains and validates the neural-codec detector: leave-one-codec-family-out validation (CORPUS: real photos,
                CODEC_CLASS: their reconstructions by several codec families), then the shipped logistic model calibrated on
                out-of-fold scores, with the held-out family's figures written into the manifest.
                  --hold-out FAMILY     a family kept out of training entirely; --features colour|residual|union
                  --compare             print every feature set and classifier (--logistic-only: without forests)
                  --cache FILE          feature cache; --generated-negatives; --models DIR; --dry-run: measure, write nothing
                  --classic-gate        instead: the classic-codec gate (codec class vs the AVIF / JPEG XL / WebP decodes of a
                                        third folder, models/training/data/build_classic_train.py), classifiers/codec-classic-gate.json""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<Path> data = new ArrayList<>();
        Path cache = null, modelsDir = null;
        String holdOut = null;
        FeatureSet ship = FeatureSet.UNION;
        boolean dry = false, compare = false, logisticOnly = false, genNeg = false, gate = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--cache" -> cache = Path.of(TrainCommand.value(args, ++i, a));
                case "--models" -> modelsDir = Path.of(TrainCommand.value(args, ++i, a));
                case "--features" -> ship = FeatureSet.valueOf(TrainCommand.value(args, ++i, a).toUpperCase(Locale.ROOT));
                case "--compare" -> compare = true;
                case "--logistic-only" -> logisticOnly = true;
                case "--generated-negatives" -> genNeg = true;
                case "--classic-gate" -> gate = true;
                case "--hold-out" -> holdOut = TrainCommand.value(args, ++i, a);
                case "--dry-run" -> dry = true;
                default -> {
                    if (a.startsWith("--")) throw new UsageException("unexpected argument " + a);
                    data.add(Path.of(a));
                }
            }
        }
        if (data.isEmpty()) throw new UsageException("give the corpus folder and the codec-class folder (each with an index.tsv)");
        List<Item> items = new ArrayList<>();
        for (Path d : data) items.addAll(CodecData.read(d));
        List<Row> rows = CodecData.rows(items, cache, out);
        TreeSet<String> families = new TreeSet<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.item().codec()) families.add(r.item().source());
            counts.merge(r.item().label(), 1, Integer::sum);
        }
        out.println("rows " + counts + ", codec families " + families);
        if (gate) return classicGate(rows, data, modelsDir, dry, out);

        List<FeatureSet> sets = compare ? List.of(FeatureSet.COLOUR, FeatureSet.RESIDUAL, FeatureSet.UNION) : List.of(ship);
        List<Kind> kinds = compare && !logisticOnly ? List.of(Kind.LOGISTIC, Kind.FOREST) : List.of(Kind.LOGISTIC);
        Map<String, Figures> lofo = new LinkedHashMap<>();
        for (FeatureSet fs : sets) for (Kind kind : kinds) {
            out.printf(Locale.ROOT, "leave-one-codec-family-out, %s features, %s:%n", fs.name().toLowerCase(Locale.ROOT),
                    kind.name().toLowerCase(Locale.ROOT));
            for (String fam : families) {
                final boolean gn = genNeg;
                double[] s = CodecTraining.outOfFold(rows, r -> r.item().real() || (gn && r.item().label().equals(CodecData.GENERATED))
                        || (r.item().codec() && !r.item().source().equals(fam)), fs, kind);
                Figures f = CodecTraining.figures(fam, rows, s);
                out.println("  " + f.line());
                if (fs == ship && kind == Kind.LOGISTIC) lofo.put(fam, f);
            }
        }

        // the shipped detector: photo fold 0 and the --hold-out family are never trained on; calibration and
        // threshold from out-of-fold scores over folds 1..k-1
        final String held = holdOut;
        TreeSet<String> classic = new TreeSet<>();
        for (Row r : rows) if (r.item().real() && CodecData.CLASSIC.contains(r.item().source())) classic.add(r.item().source());
        StringBuilder loco = new StringBuilder();
        if (classic.size() > 1) {
            out.println("leave-one-classic-codec-out (its decodes' photos out-of-fold too):");
            for (String c : classic) {
                String line = CodecTraining.classicHeldOut(rows, r -> r.item().real() || (r.item().codec() && !r.item().source().equals(held)), ship, c);
                out.println("  " + line);
                loco.append(line).append("; ");
            }
        }

        final boolean gn = genNeg;
        java.util.function.Predicate<Row> trains = r -> r.item().real() || (gn && r.item().label().equals(CodecData.GENERATED))
                || (r.item().codec() && !r.item().source().equals(held));
        double[] oof = CodecTraining.outOfFold(rows, trains, ship, Kind.LOGISTIC, 0);
        List<Double> p = new ArrayList<>(), n = new ArrayList<>();
        List<Row> train = new ArrayList<>(), test = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (CodecData.fold(r.item().parent(), CodecTraining.FOLDS) == 0) {
                test.add(r);
                continue;
            }
            if (!trains.test(r)) continue;
            train.add(r);
            if (r.item().codec()) p.add(oof[i]);
            else if (r.item().real()) n.add(oof[i]);
        }
        double[] pa = p.stream().mapToDouble(Double::doubleValue).toArray(), na = n.stream().mapToDouble(Double::doubleValue).toArray();
        LogisticCalibration cal = LogisticCalibration.fit(pa, na);
        double threshold = Math.max(Metrics.thresholdAtFpr(na, CodecTraining.TARGET_FPR), -cal.intercept() / cal.slope());
        out.printf(Locale.ROOT, "training families (held out: %s), folds 1..%d out-of-fold by photo: AUC %.3f; calibration ln LR = %.4f * s + %.4f;"
                        + " threshold s > %.3f (LR %.2f)%n", held, CodecTraining.FOLDS - 1, Metrics.auc(pa, na), cal.slope(), cal.intercept(),
                threshold, Math.exp(cal.lnLr(threshold)));
        List<double[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (Row r : train) {
            x.add(ship.pick(r.features()));
            y.add(r.item().codec());
        }
        LogisticClassifier model = LogisticClassifier.train(x, y, ship.names(), CodecTraining.POSITIVE, CodecTraining.NEGATIVE, CodecTraining.SEED);
        double[] ts = new double[test.size()];
        for (int i = 0; i < test.size(); i++) ts[i] = model.logOdds(ship.pick(test.get(i).features()));
        out.println("shipped model on photo fold 0 (never trained, calibrated or thresholded on):");
        Map<String, Figures> tf = new LinkedHashMap<>();
        tf.put("all", CodecTraining.testFigures(null, test, ts, cal, threshold));
        for (String fam : families) tf.put(fam, CodecTraining.testFigures(fam, test, ts, cal, threshold));
        tf.forEach((k, f) -> out.println("  " + (k.equals(held) ? "HELD-OUT FAMILY " : "") + f.line()));
        String fold0Real = CodecTraining.realOverThreshold(test, ts, threshold);
        out.println("  real rows of fold 0 " + fold0Real);
        if (dry) return 0;

        ModelRegistry registry = modelsDir == null ? ModelRegistry.locate() : ModelRegistry.load(modelsDir);
        if (registry.directory() == null) throw new UsageException("no models folder found (use --models DIR)");
        Path file = registry.directory().resolve("classifiers/codec-detector.json");
        model.save(file);
        double minAuc = 1, sumAuc = 0;
        StringBuilder per = new StringBuilder();
        for (Figures f : lofo.values()) {
            minAuc = Math.min(minAuc, f.auc());
            sumAuc += f.auc();
            per.append(String.format(Locale.ROOT, "%s AUC %.3f TPR@1%% %.3f TPR@5%% %.3f Cllr %.3f; ", f.family(), f.auc(), f.tpr1(), f.tpr5(), f.cllr()));
        }
        Figures h = held == null ? tf.get("all") : tf.get(held), all = tf.get("all");
        Map<String, String> props = new LinkedHashMap<>();
        props.putAll(Calibrations.detectorProperties(cal, threshold, HeldOut.detector(h.auc(), h.cllr(), h.tpr1(), h.tpr5(),
                new HeldOut.Share(all.falseAlarms(), all.real()), new HeldOut.Share(h.detected(), h.codec()))));
        props.put(CodecDetector.P_FEATURES, ship.name().toLowerCase(Locale.ROOT));
        props.put(CodecDetector.P_HELD_FAMILY, held == null ? "" : held);
        props.put(CodecDetector.P_GENERATED_CALLED, all.generatedCalledCodec() + "/" + all.generated());
        props.put(CodecDetector.P_MEAN_AUC, fmt(sumAuc / lofo.size()));
        props.put(CodecDetector.P_MIN_AUC, fmt(minAuc));
        props.put(CodecDetector.P_PER_FAMILY, per.toString().trim());
        props.put("families", String.join(",", families));
        if (!classic.isEmpty()) {
            props.put("heldoutRealCalledCodec", fold0Real);
            props.put("leaveOneClassicCodecOut", loco.toString().trim());
        }
        props.put("folds", String.valueOf(CodecTraining.FOLDS));
        props.put("seed", String.valueOf(CodecTraining.SEED));
        props.put("trainRows", String.valueOf(train.size()));
        String how = "provenant train-codec-detector " + String.join(" ", data.stream().map(Path::toString).toList())
                + " --features " + ship.name().toLowerCase(Locale.ROOT) + (held == null ? "" : " --hold-out " + held) + (genNeg ? " --generated-negatives" : "")
                + "; Tribuo logistic regression on " + ship.names().size() + " features of real corpus photos (crops, JPEG re-saves, originals"
                + (classic.isEmpty() ? "" : "; their " + String.join("/", classic) + " decodes as negatives") + ") and their reconstructions by the codec families "
                + (held == null ? String.join(",", families) + " (none held out)" : "except " + held)
                + ", training-split photos only (held-out split left out), photo folds 1.." + (CodecTraining.FOLDS - 1)
                + "; calibration and threshold (1 % of real photos) from out-of-fold scores; figures on photo fold 0" + (held == null ? ";" : " and on the held-out family;")
                + " leave-one-codec-family-out figures of the same features and classifier in leaveOneFamilyOut";
        TrainCommand.updateManifest(registry.directory(), CodecDetector.MODEL, "classifiers/" + file.getFileName(),
                ModelRegistry.sha256(file), "classifier.codec-detector", ship.names(),
                List.of(CodecTraining.NEGATIVE, CodecTraining.POSITIVE), how, props);
        out.println("wrote " + file);
        return 0;
    }

    private static int classicGate(List<Row> rows, List<Path> data, Path modelsDir, boolean dry, PrintStream out) throws Exception {
        ClassicGateTraining.Result g = ClassicGateTraining.train(rows, out);
        if (dry) return 0;
        ModelRegistry registry = modelsDir == null ? ModelRegistry.locate() : ModelRegistry.load(modelsDir);
        if (registry.directory() == null) throw new UsageException("no models folder found (use --models DIR)");
        Path file = registry.directory().resolve("classifiers/codec-classic-gate.json");
        g.model().save(file);
        Map<String, String> props = new LinkedHashMap<>();
        props.put(Calibrations.P_THRESHOLD, fmt(g.threshold()));
        props.put("maxCodecBelow", fmt(ClassicGateTraining.MAX_CODEC_BELOW));
        props.put("heldoutCodecBelow", g.codecBelow());
        props.put("heldoutFold0", g.classicBelow());
        props.put("leaveOneClassicCodecOut", g.leaveOneClassicOut());
        props.put("folds", String.valueOf(CodecTraining.FOLDS));
        props.put("seed", String.valueOf(CodecTraining.SEED));
        props.put("trainRows", String.valueOf(g.trainRows()));
        String how = "provenant train-codec-detector " + String.join(" ", data.stream().map(Path::toString).toList()) + " --classic-gate"
                + "; Tribuo logistic regression on the codec detector's " + FeatureSet.UNION.names().size() + " features: neural-codec reconstructions"
                + " of training-split photos (models/training/data/build_codec_class.py --training-only) against AVIF / JPEG XL / WebP decodes of the same photos"
                + " (models/training/data/build_classic_train.py), photo folds 1.." + (CodecTraining.FOLDS - 1) + "; threshold: at most "
                + Math.round(100 * ClassicGateTraining.MAX_CODEC_BELOW) + " % of each family's out-of-fold neural-codec reconstructions below it; figures on photo fold 0";
        TrainCommand.updateManifest(registry.directory(), ClassicCodecGate.MODEL, "classifiers/" + file.getFileName(),
                ModelRegistry.sha256(file), "classifier.codec-classic-gate", FeatureSet.UNION.names(),
                List.of(ClassicCodecGate.CLASSIC, ClassicCodecGate.NEURAL), how, props);
        out.println("wrote " + file);
        return 0;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
