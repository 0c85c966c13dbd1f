package org.provenant.training.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.provenant.training.evaluation.LabelledSet.Item;
import org.provenant.training.evaluation.LocalizationEvaluation;
import org.provenant.training.evaluation.MaskedSet;
import org.provenant.training.evaluation.Observations;
import org.provenant.training.evaluation.Observations.Observation;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.core.command.UsageException;
import org.provenant.ml.ModelRegistry;

/**
 * The localization mode of {@code evaluate}: a {@link MaskedSet} (edits with masks and their originals) plus
 * untouched photo sets, run through the pixel toolbox and the fused localization; writes observations.json and
 * localization.md and prints the tables ({@link LocalizationEvaluation}).
 */
final class LocalizationMode {
    private LocalizationMode() { }

    /** Whether saved observations are those of a masked set (their transforms name the kind of image). */
    static boolean holdsEdits(Path observations) throws IOException {
        if (observations == null) return false;
        for (Observation o : Observations.read(observations)) {
            if (MaskedSet.kind(o.item()).equals(MaskedSet.EDIT)) return true;
        }
        return false;
    }

    /**
     * Whether an item belongs to a fold: untouched photos by their source, with the never-fitted collections in every
     * fold; the edits and originals of a synthetic set ({@code synthetic}) by their host photo's source; real edits
     * always (their benchmarks are not split).
     */
    static boolean inFold(Item it, int fold, boolean synthetic) {
        if (MaskedSet.kind(it).equals(MaskedSet.UNTOUCHED)) {
            return MaskedSet.fold(it.source()) == fold || MaskedSet.NEVER_FITTED.contains(it.source());
        }
        return !synthetic || MaskedSet.fold(it.source()) == fold;
    }

    static int run(Path set, Path from, List<Path> untouched, String part, Integer fold, String score, Set<String> only,
                   Path dir, int threads, PrintStream out, PrintStream err) throws Exception {
        List<Observation> obs;
        if (from != null) {
            obs = Observations.read(from);
            if (fold != null) obs = obs.stream().filter(o -> inFold(o.item(), fold, part != null)).toList();
        } else {
            List<Item> items = new ArrayList<>(MaskedSet.read(set, part));
            for (Path u : untouched) items.addAll(MaskedSet.untouched(u));
            if (fold != null) items = items.stream().filter(it -> inFold(it, fold, part != null)).toList();
            List<Indicator> inds = new ArrayList<>();
            for (String id : only == null ? LocalizationEvaluation.PIXEL_TOOLBOX : List.copyOf(only)) {
                inds.add(IndicatorRegistry.byId(id));
            }
            if (inds.stream().noneMatch(i -> i.id().equals(LocalizationEvaluation.INDICATOR))) {
                throw new UsageException("the localization tables need the indicator " + LocalizationEvaluation.INDICATOR);
            }
            err.printf(Locale.ROOT, "Evaluating localization on %d images (%d edits) with %d indicator(s) on %d thread(s)%n",
                    items.size(), items.stream().filter(i -> MaskedSet.kind(i).equals(MaskedSet.EDIT)).count(), inds.size(), threads);
            try (ModelRegistry models = ModelRegistry.locate()) {
                obs = Observations.run(items, inds, models, threads, EvaluateCommand.progress(err, items.size(), 25),
                        LocalizationEvaluation.pixelMetrics());
            }
            Files.createDirectories(dir);
            Observations.write(dir.resolve("observations.json"), obs);
        }
        String md = "# Localization: " + (set != null ? set : from) + (part == null ? "" : ", part " + part)
                + (fold == null ? "" : ", fold " + fold) + (untouched.isEmpty() ? "" : ", untouched " + untouched) + "\n\n"
                + LocalizationEvaluation.markdown(LocalizationEvaluation.tables(obs, score));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("localization.md"), md);
        out.print(md);
        out.println("Wrote " + dir.resolve("localization.md") + " and observations.json");
        return 0;
    }
}
