package org.provenant.training.command;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.ml.ModelRegistry;
import org.provenant.training.evaluation.EvaluationReport;
import org.provenant.training.evaluation.Figures;
import org.provenant.training.evaluation.LabelledSet.Item;
import org.provenant.training.evaluation.LabelledSet;
import org.provenant.training.evaluation.MaskedSet;
import org.provenant.training.evaluation.Observations.Observation;
import org.provenant.training.evaluation.Observations;
import org.provenant.training.evaluation.SourceSplit;

/**
 * {@code evaluate SET [--out DIR] [--only ids] [--skip ids] [--split all|calibration|heldout] [--labels L,..] [--sample N]
 * [--transforms REGEX] [--threads N] [--from observations.json]}: runs the indicators on a labelled set (a TSV index
 * or labelled folders, see {@link LabelledSet}) and writes report.md, report.json, ROC and reliability PNGs and the
 * raw observations.json (reusable with {@code --from}).
 */
public final class EvaluateCommand implements Command {
    @Override public String name() { return "evaluate"; }

    @Override public String usage() {
        return "evaluate SET|--from observations.json [--out DIR] [--only ids] [--skip ids] [--split all|calibration|heldout]"
                + " [--labels real,generated,...] [--sample N] [--transforms REGEX] [--threads N]\n"
                + "       evaluate MASKED-SET [--untouched SET]... [--part training|heldout] [--fold 0|1] [--score KEY] [--out DIR]"
                + " [--threads N]   (localization tables: MASKED-SET is real-edits' folder or an edits index.tsv)";
    }

    @Override public String description() {
        return """
                Runs the indicators on a labelled set (a TSV index as the corpus recipe writes it, or ROOT/<label>/<source>/<file>
                folders) and writes report.md, report.json, ROC and reliability pictures and observations.json: per indicator and
                score ROC AUC, TPR at 1 % and 5 % false alarms, Cllr of the likelihood ratios, false alarms by transform and source.
                  --out DIR             where to write (default: evaluation)
                  --split all|calibration|heldout   which half of the sources (dealt whole, never by crop)
                  --only/--skip ids, --labels real,generated,..., --sample N originals, --transforms REGEX, --threads N
                  --from FILE           recompute from an earlier observations.json without analysing""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path set = null, dir = Path.of("evaluation"), from = null;
        Set<String> only = null, skip = new TreeSet<>(), labels = null;
        String split = "all", transforms = null, part = null, score = null;
        List<Path> untouched = new ArrayList<>();
        Integer fold = null;
        int sample = 0, threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--out" -> dir = Path.of(value(args, ++i, a));
                case "--from" -> from = Path.of(value(args, ++i, a));
                case "--only" -> only = new TreeSet<>(List.of(value(args, ++i, a).split(",")));
                case "--skip" -> skip.addAll(List.of(value(args, ++i, a).split(",")));
                case "--labels" -> labels = new TreeSet<>(List.of(value(args, ++i, a).split(",")));
                case "--split" -> split = value(args, ++i, a);
                case "--transforms" -> transforms = value(args, ++i, a);
                case "--sample" -> sample = number(value(args, ++i, a), a);
                case "--threads" -> threads = number(value(args, ++i, a), a);
                case "--untouched" -> untouched.add(Path.of(value(args, ++i, a)));
                case "--part" -> part = value(args, ++i, a);
                case "--fold" -> fold = number(value(args, ++i, a), a);
                case "--score" -> score = value(args, ++i, a);
                default -> {
                    if (a.startsWith("--")) throw new UsageException("unknown option " + a);
                    if (set != null) throw new UsageException("one set at a time");
                    set = Path.of(a);
                }
            }
        }
        if (!List.of("all", "calibration", "heldout").contains(split)) throw new UsageException("--split is all, calibration or heldout");
        if (set == null && from == null) throw new UsageException("no set given");
        if (set != null ? MaskedSet.isMasked(set) : LocalizationMode.holdsEdits(from)) {
            return LocalizationMode.run(set, from, untouched, part, fold, score, only, dir, threads, out, err);
        }
        List<Observation> obs;
        List<String> ids = new ArrayList<>();
        if (from != null) {
            obs = Observations.read(from);
            for (Observation o : obs) for (String id : o.byIndicator().keySet()) if (!ids.contains(id)) ids.add(id);
            Set<String> keepOnly = only;
            ids.removeIf(id -> only_(keepOnly, id) || skip.contains(id));
            obs = filter(obs, split, transforms);
        } else {
            List<Item> items = LabelledSet.read(set);
            if (labels != null) {
                Set<String> keepLabels = labels;
                items.removeIf(it -> !keepLabels.contains(it.label()));
            }
            items = select(items, split, transforms, sample);
            List<Indicator> inds = new ArrayList<>();
            for (Indicator ind : IndicatorRegistry.all()) {
                if (only_(only, ind.id()) || skip.contains(ind.id())) continue;
                inds.add(ind);
                ids.add(ind.id());
            }
            if (inds.isEmpty()) throw new UsageException("no indicator left to run (ids: " + idsOf(IndicatorRegistry.all()) + ")");
            err.printf(Locale.ROOT, "Evaluating %d images with %s on %d thread(s)%n", items.size(), ids, threads);
            try (ModelRegistry models = ModelRegistry.locate()) {
                obs = Observations.run(items, inds, models, threads, progress(err, items.size(), 50));
            }
            Files.createDirectories(dir);
            Observations.write(dir.resolve("observations.json"), obs);
        }
        String title = (set != null ? set.toString() : from.toString()) + ", split " + split
                + (transforms == null ? "" : ", transforms ~ " + transforms) + (sample > 0 ? ", sample " + sample : "");
        List<Figures.IndicatorFigures> figs = Figures.compute(obs, ids);
        EvaluationReport.write(dir, title, obs, figs);
        out.print(EvaluationReport.summary(figs));
        out.print(EvaluationReport.falseAlarmsByTransform(figs));
        out.println("Wrote " + dir.resolve("report.md") + ", report.json, ROC and reliability PNGs");
        return 0;
    }

    /** Prints "done/total images, seconds, about N s left" every {@code every} images and at the end. */
    static java.util.function.Consumer<Observation> progress(PrintStream err, int total, int every) {
        long t0 = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        return o -> {
            int d = done.incrementAndGet();
            if (d % every == 0 || d == total) {
                double s = (System.nanoTime() - t0) / 1e9;
                err.printf(Locale.ROOT, "  %d/%d images, %.0f s, about %.0f s left%n", d, total, s, s / d * (total - d));
            }
        };
    }

    private static boolean only_(Set<String> only, String id) {
        return only != null && !only.contains(id);
    }

    private static String idsOf(List<Indicator> all) {
        List<String> s = new ArrayList<>();
        for (Indicator i : all) s.add(i.id());
        return String.join(",", s);
    }

    /** Split, transform filter and a seeded sample of whole originals (at most n per label). */
    static List<Item> select(List<Item> items, String split, String transforms, int n) {
        List<Item> out = new ArrayList<>();
        List<Item> base = split.equals("all") ? items
                : SourceSplit.part(items, split.equals("calibration") ? SourceSplit.CALIBRATION : SourceSplit.HELD_OUT);
        for (Item it : base) if (transforms == null || it.transform().matches(transforms)) out.add(it);
        if (n <= 0) return out;
        Map<String, List<String>> parents = new LinkedHashMap<>();
        for (Item it : out) {
            List<String> l = parents.computeIfAbsent(it.label(), k -> new ArrayList<>());
            if (!l.contains(it.parent())) l.add(it.parent());
        }
        Set<String> keep = new TreeSet<>();
        Random r = new Random(20261130);
        for (List<String> l : parents.values()) {
            Collections.shuffle(l, r);
            keep.addAll(l.subList(0, Math.min(n, l.size())));
        }
        List<Item> s = new ArrayList<>();
        for (Item it : out) if (keep.contains(it.parent())) s.add(it);
        return s;
    }

    static List<Observation> filter(List<Observation> obs, String split, String transforms) {
        List<Item> items = new ArrayList<>();
        for (Observation o : obs) items.add(o.item());
        Set<Item> keep = new java.util.HashSet<>(select(items, split, transforms, 0));
        List<Observation> out = new ArrayList<>();
        for (Observation o : obs) if (keep.contains(o.item())) out.add(o);
        return out;
    }

    private static String value(List<String> args, int i, String opt) throws UsageException {
        if (i >= args.size()) throw new UsageException(opt + " needs a value");
        return args.get(i);
    }

    private static int number(String v, String opt) throws UsageException {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException(opt + " needs a whole number");
        }
    }
}
