package org.provenant.training.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.training.evaluation.LabelledSet.Item;
import org.provenant.training.evaluation.MaskedSet;
import org.provenant.training.localization.FusionFitter;
import org.provenant.indicators.pixel.localization.FusionModel;
import org.provenant.training.localization.LocalizationCells;
import org.provenant.training.localization.LocalizationCells.ImageCells;
import org.provenant.training.calibration.VerdictFitter;
import org.provenant.training.localization.LocalizationFigures;
import org.provenant.indicators.verdict.Calibrations;
import org.provenant.indicators.verdict.VerdictPolicy;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.calibration.Metrics;
import org.provenant.ml.calibration.VerdictCalibration;

/**
 * {@code fit-localization EDITS --untouched PHOTOS [--validation REAL-EDITS] [--cache DIR] [--threads N]}: fits the
 * localization fusion (issue 22) and its "edited" calibration, and writes models/localization/fusion.json,
 * models/calibration/localization.json and their manifest entries.
 * <ol>
 * <li>the per-cell models on the TRAINING part of the synthetic edits (EDITS = data/edits, from
 *     models/training/edits/build_edits.py): edits and their untouched hosts;</li>
 * <li>the outline thresholds and the calibration of the image-level score on the HELD-OUT part, fold
 *     {@value MaskedSet#FIT_FOLD} of its sources (edits, their originals and the untouched held-out photos of PHOTOS
 *     from models/training/edits/heldout_photos.py);</li>
 * <li>every figure stated on fold {@value MaskedSet#FIGURES_FOLD}; with --validation, also on the real-edits set,
 *     which is never fitted on. Photos of python3-skimage and the Debian wallpapers are never fitted on either.</li>
 * </ol>
 */
public final class FitLocalizationCommand implements Command {
    @Override public String name() { return "fit-localization"; }

    @Override public String usage() {
        return "fit-localization EDITS --untouched PHOTOS [--validation REAL-EDITS] [--models DIR] [--cache DIR] [--threads N]"
                + " [--max-training N] [--max-heldout N] [--cached-only] [--without-external]";
    }

    @Override public String description() {
        return """
                Fits the fused localization (issue 22): the per-cell 'edited' and 'generated' models on the TRAINING part of the
                synthetic edits (EDITS from models/training/edits/build_edits.py), the outline thresholds and the image-level
                'edited' calibration on fold 0 of the HELD-OUT part and the untouched held-out photos (PHOTOS from
                models/training/edits/heldout_photos.py); every stated figure on fold 1. Writes models/localization/fusion.json,
                models/calibration/localization.json and their manifest entries.
                  --validation DIR     also state figures on a set never fitted on (real-edits)
                  --cache DIR          keep each image's cell features (refits do not analyse again)
                  --max-training N, --max-heldout N   the first N edits of each part (with their originals)
                  --cached-only        only images whose features are in the cache (a time-boxed run; counts are printed)
                  --without-external   leave out the other indicators' maps (camera-noise anomaly, coding-cost gap):
                                       the fusion as it was before they joined, for comparison
                  --models DIR, --threads N""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path edits = null, untouched = null, validation = null, modelsDir = null, cache = null;
        int threads = 1, maxTraining = Integer.MAX_VALUE, maxHeldOut = Integer.MAX_VALUE;
        boolean cachedOnly = false, externals = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--untouched" -> untouched = Path.of(TrainCommand.value(args, ++i, a));
                case "--validation" -> validation = Path.of(TrainCommand.value(args, ++i, a));
                case "--models" -> modelsDir = Path.of(TrainCommand.value(args, ++i, a));
                case "--cache" -> cache = Path.of(TrainCommand.value(args, ++i, a));
                case "--threads" -> threads = TrainCommand.intValue(args, ++i, a);
                case "--max-training" -> maxTraining = TrainCommand.intValue(args, ++i, a);
                case "--max-heldout" -> maxHeldOut = TrainCommand.intValue(args, ++i, a);
                case "--cached-only" -> cachedOnly = true;
                case "--without-external" -> externals = false;
                default -> {
                    if (a.startsWith("--") || edits != null) throw new UsageException("unexpected argument " + a);
                    edits = Path.of(a);
                }
            }
        }
        if (edits == null || untouched == null) throw new UsageException("EDITS and --untouched PHOTOS are required");
        try (ModelRegistry registry = modelsDir == null ? ModelRegistry.locate() : ModelRegistry.load(modelsDir)) {
            List<Item> training = firstEdits(MaskedSet.read(edits, "training"), maxTraining);
            List<Item> heldout = new ArrayList<>(firstEdits(MaskedSet.read(edits, "heldout"), maxHeldOut));
            heldout.addAll(MaskedSet.untouched(untouched));
            List<ImageCells> tr = cells("training", training, registry, threads, cache, cachedOnly, externals, err);
            List<ImageCells> ho = cells("held-out", heldout, registry, threads, cache, cachedOnly, externals, err);
            List<ImageCells> val = validation == null ? List.of()
                    : cells("validation", MaskedSet.read(validation, null), registry, threads, cache, cachedOnly, externals, err);
            err.println("Fitting the per-cell models on " + tr.size() + " training images");
            FusionModel.Logistic edited = FusionFitter.fit(tr, FusionFitter.EDITED);
            FusionModel.Logistic generated = FusionFitter.fit(tr, FusionFitter.GENERATED);
            List<ImageCells> fit = fold(ho, MaskedSet.FIT_FOLD), figures = fold(ho, MaskedSet.FIGURES_FOLD);
            LocalizationFigures fitF = new LocalizationFigures(fit, edited, generated);
            double[] t = fitF.thresholds(false), tg = fitF.thresholds(true);
            FusionModel probe = new FusionModel(edited, generated, t[0], t[1], tg[0], tg[1], "", "");
            LocalizationFigures figF = new LocalizationFigures(figures, edited, generated);
            VerdictCalibration cal = VerdictFitter.fit(LocalizationFigures.INDICATOR, LocalizationFigures.SCORE, "edited",
                    VerdictPolicy.lrKey(org.provenant.indicators.Hypothesis.MANIPULATED), fitF.scores(true), fitF.scores(false),
                    figF.scores(true), figF.scores(false), fitF.describe(), "thresholds and calibration fitted on held-out fold "
                            + MaskedSet.FIT_FOLD + "; figures on fold " + MaskedSet.FIGURES_FOLD);
            String fittedOn = String.format(Locale.ROOT, "per-cell models on %d training images of %s (training part: edits and"
                    + " their untouched hosts); outline thresholds (%.2f/%.2f, generated %.2f/%.2f) on %s", tr.size(), edits,
                    t[0], t[1], tg[0], tg[1], fitF.describe());
            String measured = figF.sentence(probe, cal, "held-out synthetic edits (fold " + MaskedSet.FIGURES_FOLD
                    + ", photos never fitted on)") + (val.isEmpty() ? ""
                    : " " + new LocalizationFigures(val, edited, generated).sentence(probe, cal,
                    "real benchmark edits (" + validation.getFileName() + ", validation only: never fitted on)"));
            FusionModel model = new FusionModel(edited, generated, t[0], t[1], tg[0], tg[1], fittedOn, measured);
            write(registry.directory(), model, cal, "provenant fit-localization " + String.join(" ", args));
            out.println(fittedOn);
            out.println(measured);
            List<ImageCells> pairs = ho.stream().filter(c -> !MaskedSet.kind(c.item()).equals(MaskedSet.UNTOUCHED)).toList();
            LocalizationFigures every = new LocalizationFigures(ho, edited, generated), own = new LocalizationFigures(pairs, edited, generated);
            out.printf(Locale.ROOT, "%s on both held-out folds (%s; the per-cell models never saw them): ROC AUC %.3f against"
                    + " every unedited image, %.3f against the originals of the edits alone; edits above the score that 5 %% of"
                    + " the unedited images exceed %.1f %%, above the score 10 %% of the originals exceed %.1f %%%n",
                    LocalizationFigures.SCORE, every.describe(), Metrics.auc(every.scores(true), every.scores(false)),
                    Metrics.auc(own.scores(true), own.scores(false)), 100 * Metrics.tprAtFpr(every.scores(true), every.scores(false), 0.05),
                    100 * Metrics.tprAtFpr(own.scores(true), own.scores(false), 0.10));
            out.printf(Locale.ROOT, "Calibration of %s: held-out AUC %.3f, false alarms %.1f %%, detection %.1f %% at LR %.3g; verdict %s%n",
                    LocalizationFigures.SCORE, cal.heldOutAuc(), 100 * cal.heldOutFalseAlarm(), 100 * cal.heldOutDetection(),
                    cal.verdictLr(), cal.verdict() ? "drawn" : "withheld");
        }
        return 0;
    }

    private static List<ImageCells> cells(String what, List<Item> items, ModelRegistry registry, int threads, Path cache,
                                          boolean cachedOnly, boolean externals, PrintStream err) throws Exception {
        long t0 = System.nanoTime();
        int total = items.size();
        err.printf(Locale.ROOT, "Measuring the cues of %d %s images%n", total, what);
        List<ImageCells> out = LocalizationCells.all(items, registry, threads, cache, cachedOnly, externals, d -> {
            if (d % 50 == 0 || d == total) {
                double s = (System.nanoTime() - t0) / 1e9;
                err.printf(Locale.ROOT, "  %d/%d, %.0f s%n", d, total, s);
            }
        });
        if (out.size() < total) err.printf(Locale.ROOT, "  %d of the %d %s images used (the others %s)%n", out.size(), total, what,
                cachedOnly ? "are not in the cache yet" : "could not be read or are too small");
        return out;
    }

    /** The first {@code n} edits by id, with their originals (the recipe's ids are in the order they were drawn). */
    static List<Item> firstEdits(List<Item> items, int n) {
        List<String> ids = items.stream().map(Item::parent).distinct().sorted().limit(n).toList();
        Set<String> keep = Set.copyOf(ids);
        return items.stream().filter(it -> keep.contains(it.parent())).toList();
    }

    /** The held-out images of one fold; the never-fitted photo collections count only for the figures. */
    static List<ImageCells> fold(List<ImageCells> cells, int fold) {
        return cells.stream().filter(c -> MaskedSet.calibrationFold(c.item().source()) == fold).toList();
    }

    private static void write(Path models, FusionModel m, VerdictCalibration cal, String command) throws Exception {
        Path fusion = models.resolve("localization/fusion.json"), calib = models.resolve("calibration/localization.json");
        Files.createDirectories(fusion.getParent());
        m.write(fusion);
        cal.write(calib);
        String how = command + " (EDITS from models/training/edits/build_edits.py, PHOTOS from models/training/edits/heldout_photos.py)";
        ObjectMapper om = new ObjectMapper();
        ObjectNode e = om.createObjectNode();
        e.put("name", FusionModel.NAME).put("file", "localization/fusion.json").put("sha256", ModelRegistry.sha256(fusion))
                .put("kind", FusionModel.KIND);
        e.putArray("inputs").add("cell features of the localization cues: " + String.join(",", m.edited().features()));
        e.putArray("outputs").add("per cell: probability edited; probability generated or re-synthesised");
        e.put("howMade", how + "; weighted logistic regressions (Newton, ridge " + "1e-3) on at most 120 cells per class and image");
        ObjectNode p = e.putObject("properties");
        p.put("seed", fmt(m.seed())).put("grow", fmt(m.grow())).put("generatedSeed", fmt(m.generatedSeed()))
                .put("generatedGrow", fmt(m.generatedGrow())).put("measured", m.measured());
        CalibrateCommand.putEntry(models, e);
        ObjectNode c = om.createObjectNode();
        c.put("name", Calibrations.calibrationModel(cal.indicator())).put("file", "calibration/localization.json")
                .put("sha256", ModelRegistry.sha256(calib)).put("kind", Calibrations.CALIBRATION_KIND);
        c.putArray("inputs").add(cal.indicator() + " score " + cal.score());
        c.putArray("outputs").add(cal.lrKey() + " = exp(slope * score + intercept), edited vs camera original");
        c.put("howMade", how + "; logistic calibration at equal priors on held-out fold " + MaskedSet.FIT_FOLD + " (synthetic edits, their"
                + " originals, untouched photos), figures on fold " + MaskedSet.FIGURES_FOLD);
        ObjectNode cp = c.putObject("properties");
        cp.put("heldOutAuc", fmt(cal.heldOutAuc())).put("heldOutCllr", fmt(cal.heldOutCllr()))
                .put("heldOutFalseAlarm", fmt(cal.heldOutFalseAlarm())).put("heldOutDetection", fmt(cal.heldOutDetection()))
                .put("heldOutPositives", Integer.toString(cal.heldOutPositives()))
                .put("heldOutNegatives", Integer.toString(cal.heldOutNegatives())).put("verdict", Boolean.toString(cal.verdict()));
        CalibrateCommand.putEntry(models, c);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
