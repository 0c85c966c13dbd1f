package org.provenant.training.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.provenant.training.evaluation.LabelledSet.Item;
import org.provenant.training.evaluation.Observations;
import org.provenant.training.evaluation.Observations.Observation;
import org.provenant.training.evaluation.Observations.Seen;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Hypothesis;
import org.provenant.training.fusion.FusionFit;
import org.provenant.training.fusion.FusionFit.Row;
import org.provenant.training.fusion.FusionFit.Scored;
import org.provenant.indicators.assessment.JointFusion;
import org.provenant.indicators.assessment.JointFusion.Figures;
import org.provenant.indicators.assessment.JointFusion.Input;
import org.provenant.indicators.assessment.OverallAssessment;
import org.provenant.indicators.verdict.JpegTrace;
import org.provenant.ml.ModelRegistry;

/**
 * {@code fit-fusion OBSERVATIONS.json... [--models DIR] [--crossfit FILE] [--target-fa F] [--codec-fa F] [--without IDS]
 * [--report REGEX] [--exclude REGEX] [--dry-run]}:
 * fits the overall assessment's {@link JointFusion} from {@code evaluate}'s observations of real photos, codec
 * outputs and generated images (several files are merged by image), reads each image's classic-JPEG trace from its
 * file, prints the cross-fitted figures (leave-one-generator-out, leave-one-codec-family-out, leave-one-photo-source-
 * out, 95 % intervals) and writes models/fusion/overall-assessment.json with its manifest entry, and (--crossfit) the
 * observations with the overall assessment replaced by its cross-fitted result, for {@code evaluate --from}.
 * {@code --without} leaves indicators out of the inputs, {@code --report} adds the figures of the groups
 * (label/source) matching a pattern, {@code --exclude} keeps matching groups out of the fit and every figure.
 */
public final class FitFusionCommand implements Command {
    /**
     * The fusion's inputs, "indicator:score:transform:lo:hi". Adding an indicator is one line here and a refit
     * (its observations merged in). Limits keep one extreme score from dominating; our choice from the ranges seen.
     * A sixth field {@code stage1} keeps an input out of stage 2 (codec-compressed photo or synthetic image).
     */
    public static final List<String> INPUTS = List.of(
            "generated-detector:log_odds:raw:-15:15",
            "codec-detector:log_odds:raw:-20:20",
            "codec-colour:p_codec:logit:-7:7",
            "colour-correlation:median_block_corr:raw:-1:1",
            "residual-spectrum:peak_db:raw:-20:40",
            "residual-spectrum:residual_n8_db:raw:-30:30",
            "residual-spectrum:residual_n2_db:raw:-30:30",
            "image-realism-score:irs:raw:-50:50",
            "codec-latent-quantization:p_synthetic:logit:-7:7",
            "codec-latent-quantization:mean_abs_residual:raw:0:0.5",
            "decoder-trace:logit:raw:-20:20",
            "zed:zed_score:raw:-3:3:stage1:clean",
            "zed:slope_01:raw:-2:3:stage1:clean",
            "zed:nll_l0:raw:0:6:stage1:clean");
    /**
     * ZED enters stage 1 only: it models real photographs, so a codec output surprises it as much as a generated image
     * does, and in stage 2 it made a held-out codec family look synthetic (docs/fusion.md).
     */
    static final String STAGE1 = "stage1";
    /**
     * ZED enters the parameters for images without a classic-JPEG trace only: a re-save moves real and generated images
     * alike and whole held-out photo collections of camera JPEGs look surprising to it, which raised the JPEG verdict LR
     * to its cap (docs/fusion.md). The fit sees such an input as missing on images with a JPEG trace, so its weight
     * there stays 0.
     */
    static final String CLEAN_ONLY = "clean";
    /** Target false-alarm rates of the two verdicts on cross-fitted camera photos. Our choice: margin under the 5 % bar. */
    public static final double TARGET_FA_GENERATED = 0.03, TARGET_FA_CODEC = 0.015;
    public static final String FILE = "fusion/overall-assessment.json";

    @Override public String name() { return "fit-fusion"; }

    @Override public String description() {
        return """
                Fits the overall assessment's joint two-stage fusion (did a neural decoder make these pixels? then: a
                codec-compressed photo or a synthetic image?) from evaluate's observations of camera photos, codec outputs and
                generated images, one parameter set with and one without a classic-JPEG trace. Prints cross-fitted figures
                (leave-one-generator / codec-family / photo-collection-out, 95 % intervals) and writes
                models/fusion/overall-assessment.json with its manifest entry (not with --dry-run).""";
    }

    @Override public String usage() {
        return "fit-fusion OBSERVATIONS.json... [--models DIR] [--crossfit FILE] [--target-fa F] [--codec-fa F] [--without IDS]"
                + " [--report REGEX] [--exclude REGEX] [--dry-run]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<Path> files = new ArrayList<>();
        Path models = Path.of("models"), crossfitFile = null;
        double fa = TARGET_FA_GENERATED, codecFa = TARGET_FA_CODEC;
        boolean dry = false;
        List<String> without = List.of();
        String report = null, exclude = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--models" -> models = Path.of(TrainCommand.value(args, ++i, a));
                case "--crossfit" -> crossfitFile = Path.of(TrainCommand.value(args, ++i, a));
                case "--target-fa" -> fa = Double.parseDouble(TrainCommand.value(args, ++i, a));
                case "--codec-fa" -> codecFa = Double.parseDouble(TrainCommand.value(args, ++i, a));
                case "--dry-run" -> dry = true;
                case "--without" -> without = List.of(TrainCommand.value(args, ++i, a).split(","));
                case "--report" -> report = TrainCommand.value(args, ++i, a);
                case "--exclude" -> exclude = TrainCommand.value(args, ++i, a);
                default -> {
                    if (a.startsWith("--")) throw new UsageException("unknown option " + a);
                    files.add(Path.of(a));
                }
            }
        }
        if (files.isEmpty()) throw new UsageException("give at least one observations.json");
        List<Observation> obs = merge(files);
        List<Input> inputs = new ArrayList<>();
        List<Boolean> firstOnly = new ArrayList<>(), cleanOnly = new ArrayList<>();
        for (String spec : INPUTS) {
            Input in = parse(spec);
            if (without.contains(in.indicator())) continue;
            boolean seen = obs.stream().anyMatch(o -> Double.isFinite(value(o, in)));
            if (seen) {
                inputs.add(in);
                String[] f = spec.split(":");
                List<String> roles = List.of(f).subList(5, f.length);
                firstOnly.add(roles.contains(STAGE1));
                cleanOnly.add(roles.contains(CLEAN_ONLY));
            } else {
                out.println("input " + spec + ": no finite value in the observations, left out");
            }
        }
        boolean[] stage1Only = new boolean[inputs.size()];
        for (int j = 0; j < stage1Only.length; j++) stage1Only[j] = firstOnly.get(j);
        if (exclude != null) {
            String re = exclude;
            obs = obs.stream().filter(o -> !(o.item().label() + "/" + o.item().source()).matches(re)).toList();
            out.println("groups matching " + re + " left out of the fit and of every figure (kept for tests)");
        }
        previousRule(out, obs);
        List<Row> rows = rows(obs, inputs, cleanOnly, err);
        List<Scored> cf = FusionFit.crossFit(rows, stage1Only);
        Map<String, double[]> lrs = FusionFit.verdictLrs(cf, fa, codecFa);
        print(out, cf, lrs, "all held-out groups");
        if (report != null) {
            String re = report;
            print(out, cf.stream().filter(x -> x.row().group().matches(re)).toList(), lrs, "groups matching " + re);
        }
        String fittedOn = String.format(Locale.ROOT, "provenant fit-fusion %s: %d images (%s); inputs %s; verdict LRs at %.1f %% / %.1f %%"
                        + " of cross-fitted camera photos and at most 5 %% of cross-fitted codec outputs", String.join(" ", files.stream().map(Path::toString).toList())
                        + (without.isEmpty() ? "" : " --without " + String.join(",", without)) + (exclude == null ? "" : " --exclude '" + exclude + "'"), rows.size(),
                counts(rows), String.join(", ", inputs.stream().map(Input::name).toList()), 100 * fa, 100 * codecFa);
        JointFusion model = FusionFit.model(inputs, rows, cf, lrs, fittedOn, stage1Only);
        out.println("Weights of the shipped fit (per standardised input; stage 1 camera -> network-made, stage 2 codec -> synthetic):");
        model.conditions().forEach((c, k) -> {
            StringBuilder b = new StringBuilder("  " + c + ": stage 1 intercept " + String.format(Locale.ROOT, "%.2f", k.decoder().intercept()));
            for (int j = 0; j < inputs.size(); j++)
                b.append(String.format(Locale.ROOT, ", %s %+.2f/%+.2f", inputs.get(j).name(), k.decoder().weights()[j], k.synthetic().weights()[j]));
            out.println(b.append(String.format(Locale.ROOT, "; stage 2 intercept %.2f", k.synthetic().intercept())));
        });
        if (crossfitFile != null) {
            Observations.write(crossfitFile, crossFitted(obs, cf, lrs));
            out.println("Wrote " + crossfitFile + " (the overall assessment replaced by its cross-fitted result; evaluate --from it)");
        }
        if (dry) return 0;
        Files.createDirectories(models.resolve("fusion"));
        model.write(models.resolve(FILE));
        putManifestEntry(models, model);
        out.println("Wrote " + models.resolve(FILE) + " and its manifest entry " + JointFusion.MODEL);
        return 0;
    }

    static Input parse(String spec) {
        String[] f = spec.split(":");
        return new Input(f[0] + ":" + f[1], f[0], f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]));
    }

    static double value(Observation o, Input in) {
        Seen s = o.byIndicator().get(in.indicator());
        return s == null || !s.ok() ? Double.NaN : in.transformed(s.score(in.score()));
    }

    /** Observations of several files merged by image file (later files add indicators to earlier images). */
    static List<Observation> merge(List<Path> files) throws java.io.IOException {
        Map<Path, Observation> byFile = new LinkedHashMap<>();
        for (Path f : files) {
            for (Observation o : Observations.read(f)) {
                Path key = o.item().file().toAbsolutePath().normalize();
                if (Files.exists(key)) key = key.toRealPath(); // runs made in different checkouts name one file differently
                Observation had = byFile.get(key);
                if (had == null) {
                    byFile.put(key, o);
                } else {
                    Map<String, Seen> m = new LinkedHashMap<>(had.byIndicator());
                    m.putAll(o.byIndicator());
                    byFile.put(key, new Observation(had.item(), m));
                }
            }
        }
        return new ArrayList<>(byFile.values());
    }

    /** The fit's rows; an input marked clean-only counts as missing on images with a classic-JPEG trace. */
    static List<Row> rows(List<Observation> obs, List<Input> inputs, List<Boolean> cleanOnly, PrintStream err) throws Exception {
        ImageLoader loader = new ImageLoader();
        Map<String, String> photo = FusionFit.photoSources(obs.stream().map(Observation::item).toList());
        List<Row> rows = new ArrayList<>();
        for (Observation o : obs) {
            FusionFit.Cls cls = FusionFit.clsOf(o.item().label());
            if (cls == null) continue;
            double[] x = new double[inputs.size()];
            for (int j = 0; j < x.length; j++) x[j] = value(o, inputs.get(j));
            Set<Hypothesis> says = EnumSet.noneOf(Hypothesis.class);
            for (Input in : inputs) {
                Seen s = o.byIndicator().get(in.indicator());
                if (s != null && s.ok() && s.supports() != null) says.add(s.supports());
            }
            LoadedImage im = loader.load(o.item().file());
            boolean jpeg = JpegTrace.of(im.image(), im.evidence()).any();
            for (int j = 0; j < x.length; j++) if (jpeg && cleanOnly.get(j)) x[j] = Double.NaN;
            rows.add(new Row(o.item(), x, jpeg, cls, cls == FusionFit.Cls.GENERATED ? null : photo.get(o.item().parent()), says));
        }
        err.println(rows.size() + " images: " + counts(rows));
        return rows;
    }

    private static String counts(List<Row> rows) {
        Map<String, Integer> n = new TreeMap<>();
        for (Row r : rows) n.merge(r.cls().name().toLowerCase(Locale.ROOT) + (r.jpeg() ? " with JPEG trace" : " without"), 1, Integer::sum);
        return n.toString();
    }

    /** Transform groups of the evaluation data (models/training/data/build_eval.py), for the tables. */
    static final Map<String, String> TRANSFORMS = new LinkedHashMap<>();
    static {
        TRANSFORMS.put("as stored (crops, codec outputs, classic decodes)", "crop[0-9]+c?(-(hp|jpeg-ai|ms|adv)-q[0-9]|-(avif|jxl|webp)[0-9]+)?");
        TRANSFORMS.put("as published (real originals)", "original|resized.*");
        TRANSFORMS.put("JPEG q90 4:2:0 re-save", ".*-resave-jpeg90-420");
        TRANSFORMS.put("JPEG q70-95 re-save", ".*-resave-jpeg(70|75|80|85|95)-.*|.*-resave-jpeg90-444");
        TRANSFORMS.put("downscaled 0.5-0.9", ".*-resize[0-9]+");
        TRANSFORMS.put("downscaled + q90", ".*-resize[0-9]+-jpeg90-420");
        TRANSFORMS.put("camera-like JPEG of the corpus", "(crop|down)[0-9].*-jpeg[0-9]+-(420|444)");
    }

    private static void print(PrintStream out, List<Scored> cf, Map<String, double[]> lrs, String title) {
        out.println("Cross-fitted, " + title + " (each image scored by a fit without its generator / codec family / photo source):");
        out.println("| images | real / generated / codec | AUC generated (95 % CI) | real leaning generated | generated leaning"
                + " generated | generated called codec | AUC codec | real called codec | codec called generated |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        Map<String, List<Scored>> parts = new LinkedHashMap<>();
        parts.put("all", cf);
        parts.put("clean (no JPEG trace)", cf.stream().filter(s -> !s.row().jpeg()).toList());
        parts.put("JPEG trace", cf.stream().filter(s -> s.row().jpeg()).toList());
        TRANSFORMS.forEach((name, re) -> parts.put(name, cf.stream().filter(s -> s.row().item().transform().matches(re)).toList()));
        for (var e : parts.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            Figures f = FusionFit.figures(e.getValue(), lrs);
            out.printf(Locale.ROOT, "| %s | %d / %d / %d | %.3f (%.3f-%.3f) | %.1f %% | %.1f %% | %.1f %% | %.3f | %.1f %% | %.1f %% |%n",
                    e.getKey(), f.real(), f.generated(), f.codec(), f.aucGenerated(), f.aucLow(), f.aucHigh(),
                    100 * f.falseAlarmGenerated(), 100 * f.detectionGenerated(), 100 * f.generatedCalledCodec(), f.aucCodec(),
                    100 * f.falseAlarmCodec(), 100 * f.codecCalledGenerated());
        }
        lrs.forEach((c, t) -> out.printf(Locale.ROOT, "verdict LRs (%s): generated %.3g, neural codec %.3g%n", c, t[0], t[1]));
        Map<String, int[]> bySource = new TreeMap<>();
        for (Scored s : cf) {
            if (s.row().cls() == FusionFit.Cls.REAL) continue;
            int[] c = bySource.computeIfAbsent(s.row().item().label() + "/" + s.row().item().source(), k -> new int[3]);
            Hypothesis h = FusionFit.lean(s, lrs);
            c[0]++;
            if (h == Hypothesis.GENERATED) c[1]++;
            if (h == Hypothesis.NEURAL_CODEC) c[2]++;
        }
        out.println("Per generator / codec family (held out from the fit): n, leaning generated, called neural codec");
        StringBuilder b = new StringBuilder();
        bySource.forEach((k, c) -> b.append(String.format(Locale.ROOT, "%s %d/%d/%d; ", k, c[0], c[1], c[2])));
        out.println(b);
    }

    /**
     * The rule before the joint fusion, for comparison: {@link OverallAssessment#assess} without a fusion model (product
     * of the calibrated LRs, a lean where a contributor leant) on the indicators' observed results.
     */
    static void previousRule(PrintStream out, List<Observation> obs) {
        out.println("Previous rule (product of calibrated LRs, lean where a contributor leant), same observations:");
        out.println("| images | real / generated / codec | AUC of fused LR(generated) | real leaning generated | generated leaning"
                + " generated | generated called codec | real called codec | codec called generated |");
        out.println("|---|---|---|---|---|---|---|---|");
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("all", ".*");
        parts.putAll(TRANSFORMS);
        for (var part : parts.entrySet()) {
            Map<FusionFit.Cls, List<double[]>> by = new java.util.EnumMap<>(FusionFit.Cls.class);
            for (Observation o : obs) {
                FusionFit.Cls cls = FusionFit.clsOf(o.item().label());
                if (cls == null || !o.item().transform().matches(part.getValue())) continue;
                Map<String, org.provenant.indicators.IndicatorResult> results = new LinkedHashMap<>();
                o.byIndicator().forEach((id, seen) -> {
                    if (!seen.ok() || id.equals(OverallAssessment.ID)) return;
                    List<org.provenant.indicators.Score> sc = new ArrayList<>();
                    seen.scores().forEach((k, v) -> sc.add(new org.provenant.indicators.Score(k, k, v, "")));
                    if (!sc.isEmpty()) results.put(id, new org.provenant.indicators.IndicatorResult(id, sc.get(0), sc, List.of(), "",
                            seen.supports(), seen.confidence(), null));
                });
                var r = OverallAssessment.assess(results, Map.of());
                by.computeIfAbsent(cls, k -> new ArrayList<>()).add(new double[]{r.score("lr_generated").value(),
                        r.supports() == Hypothesis.GENERATED ? 1 : 0, r.supports() == Hypothesis.NEURAL_CODEC ? 1 : 0});
            }
            List<double[]> real = by.getOrDefault(FusionFit.Cls.REAL, List.of()), gen = by.getOrDefault(FusionFit.Cls.GENERATED, List.of()),
                    codec = by.getOrDefault(FusionFit.Cls.CODEC, List.of());
            if (real.isEmpty() && gen.isEmpty() && codec.isEmpty()) continue;
            double[] rl = real.stream().mapToDouble(v -> v[0]).toArray(), gl = gen.stream().mapToDouble(v -> v[0]).toArray();
            out.printf(Locale.ROOT, "| %s | %d / %d / %d | %.3f | %.1f %% | %.1f %% | %.1f %% | %.1f %% | %.1f %% |%n", part.getKey(),
                    real.size(), gen.size(), codec.size(), org.provenant.ml.calibration.Metrics.auc(gl, rl), pct(real, 1), pct(gen, 1),
                    pct(gen, 2), pct(real, 2), pct(codec, 1));
        }
    }

    private static double pct(List<double[]> rows, int col) {
        return rows.isEmpty() ? Double.NaN : 100.0 * rows.stream().filter(v -> v[col] > 0).count() / rows.size();
    }

    /** The observations with the overall assessment's entry replaced by the cross-fitted fusion. */
    static List<Observation> crossFitted(List<Observation> obs, List<Scored> cf, Map<String, double[]> lrs) {
        Map<Item, Scored> by = new LinkedHashMap<>();
        for (Scored s : cf) by.put(s.row().item(), s);
        List<Observation> out = new ArrayList<>();
        for (Observation o : obs) {
            Scored s = by.get(o.item());
            if (s == null) continue;
            Map<String, Seen> m = new LinkedHashMap<>(o.byIndicator());
            Map<String, Double> sc = new LinkedHashMap<>();
            double g = Math.exp(s.lnGenerated()), c = Math.exp(s.lnCodec());
            sc.put("lr_generated", g);
            sc.put("p_generated", g / (1 + g));
            sc.put("lr_neural_codec", c);
            sc.put("p_neural_codec", c / (1 + c));
            sc.put("p_decoder", s.pDecoder());
            sc.put("p_synthetic", s.pSynthetic());
            sc.put("jpeg_trace", s.row().jpeg() ? 1.0 : 0.0);
            Hypothesis h = FusionFit.lean(s, lrs);
            double conf = h == Hypothesis.GENERATED ? g / (1 + g) : h == Hypothesis.NEURAL_CODEC ? c / (1 + c) : 0.5;
            m.put(OverallAssessment.ID, new Seen(h, conf, sc, 0, null));
            out.add(new Observation(o.item(), m));
        }
        return out;
    }

    static void putManifestEntry(Path models, JointFusion f) throws Exception {
        ObjectMapper om = new ObjectMapper();
        ObjectNode e = om.createObjectNode();
        e.put("name", JointFusion.MODEL).put("file", FILE).put("sha256", ModelRegistry.sha256(models.resolve(FILE)))
                .put("kind", JointFusion.KIND);
        var in = e.putArray("inputs");
        for (Input i : f.inputs()) in.add(i.indicator() + " " + i.score() + " (" + i.transform() + ")");
        e.putArray("outputs").add("lr_generated, lr_neural_codec against camera original; p_decoder (stage 1), p_synthetic (stage 2)");
        e.put("howMade", "provenant evaluate on data/eval/heldout.tsv (models/training/data/build_eval.py), then " + f.fittedOn()
                + "; see docs/fusion.md");
        ObjectNode p = e.putObject("properties");
        for (var c : f.conditions().entrySet()) {
            Figures h = c.getValue().heldOut();
            p.put(c.getKey() + "HeldOutAuc", String.format(Locale.ROOT, "%.4f", h.aucGenerated()))
                    .put(c.getKey() + "HeldOutAucInterval", String.format(Locale.ROOT, "%.4f-%.4f", h.aucLow(), h.aucHigh()))
                    .put(c.getKey() + "HeldOutFalseAlarm", String.format(Locale.ROOT, "%.4f", h.falseAlarmGenerated()))
                    .put(c.getKey() + "HeldOutDetection", String.format(Locale.ROOT, "%.4f", h.detectionGenerated()))
                    .put(c.getKey() + "GeneratedCalledCodec", String.format(Locale.ROOT, "%.4f", h.generatedCalledCodec()))
                    .put(c.getKey() + "CodecCalledGenerated", String.format(Locale.ROOT, "%.4f", h.codecCalledGenerated()));
        }
        CalibrateCommand.putEntry(models, e);
    }
}
