package org.provenant.training.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.codec.forestcue.ForestCue;
import org.provenant.indicators.verdict.Calibrations;
import org.provenant.indicators.verdict.VerdictPolicy;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.codec.ImageCodec;
import org.provenant.ml.forest.ForestClassifier;
import org.provenant.training.codec.CueDatasets.Sample;
import org.provenant.training.codec.CueDatasets;

/**
 * {@code train}: builds the labelled sets of the three JPEG AI cues from a folder of real colour photos (see
 * {@link CueDatasets}), reports leave-one-photo-out accuracy per rate point, then trains each forest on all
 * samples and writes it to the models folder's classifiers/ with its manifest entry (SHA-256 updated).
 * Photos whose names share the part before the first '_', '-' or '.' count as one source (e.g.
 * motorcycle_left and motorcycle_right), so that no source is both trained and tested on.
 */
public final class TrainCommand implements Command {
    /** Trees per forest. Our choice: more add little on a few hundred samples and make the files bigger. */
    public static final int DEFAULT_TREES = 100;
    public static final int DEFAULT_CROPS = 8;
    public static final long DEFAULT_SEED = 20250404L;

    @Override public String name() { return "train"; }

    @Override public String usage() {
        return "train PHOTO_FOLDER|--from-samples F.tsv [--codec jpeg-ai|hp] [--source-codec ID] [--generated FOLDER] [--negatives FOLDER]"
                + " [--save-samples F.tsv] [--test-samples G.tsv] [--models DIR] [--crops-per-photo N] [--trees N] [--seed S] [--dry-run]";
    }

    @Override public String description() {
        return """
                Builds the labelled sets of the three neural-codec cues from a folder of real colour photos (or --from-samples),
                reports leave-one-photo-out accuracy per rate point, then trains each random forest and writes it with its
                manifest entry. Photos whose names share the part before the first '_', '-' or '.' count as one source.
                  --codec jpeg-ai|hp, --generated FOLDER, --negatives FOLDER, --crops-per-photo N, --trees N, --seed S
                  --save-samples F.tsv / --test-samples G.tsv, --models DIR, --dry-run: measure, write nothing""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path photos = null, generated = null, modelsDir = null;
        int crops = DEFAULT_CROPS, trees = DEFAULT_TREES;
        long seed = DEFAULT_SEED;
        boolean dryRun = false;
        String codecId = null, sourceId = null;
        Path fromSamples = null, saveSamples = null, testSamples = null, negatives = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--generated" -> generated = Path.of(value(args, ++i, a));
                case "--models" -> modelsDir = Path.of(value(args, ++i, a));
                case "--codec" -> codecId = value(args, ++i, a);
                case "--source-codec" -> sourceId = value(args, ++i, a);
                case "--negatives" -> negatives = Path.of(value(args, ++i, a));
                case "--from-samples" -> fromSamples = Path.of(value(args, ++i, a));
                case "--save-samples" -> saveSamples = Path.of(value(args, ++i, a));
                case "--test-samples" -> testSamples = Path.of(value(args, ++i, a));
                case "--crops-per-photo" -> crops = intValue(args, ++i, a);
                case "--trees" -> trees = intValue(args, ++i, a);
                case "--seed" -> seed = intValue(args, ++i, a);
                case "--dry-run" -> dryRun = true;
                default -> {
                    if (a.startsWith("--") || photos != null) throw new UsageException("unexpected argument " + a);
                    photos = Path.of(a);
                }
            }
        }
        if ((photos == null) == (fromSamples == null))
            throw new UsageException("a folder of real colour photos (or --from-samples FILE) is required");
        ModelRegistry registry = modelsDir == null ? ModelRegistry.locate() : ModelRegistry.load(modelsDir);
        if (registry.directory() == null) throw new UsageException("no models folder found (use --models DIR)");
        if (codecId == null) codecId = ForestCue.codecId(registry);
        List<ImageCodec> codecs = ImageCodec.sharedAll(registry, codecId);
        List<ImageCodec> sources = sourceId == null ? codecs : ImageCodec.sharedAll(registry, sourceId);
        ImageLoader loader = new ImageLoader();
        Random rnd = new Random(seed);
        List<Sample> samples = new ArrayList<>();
        long t0 = System.nanoTime();
        if (fromSamples != null) samples.addAll(CueSampleFile.read(fromSamples, codecs));
        for (Path f : photos == null ? List.<Path>of() : CalibrateIrsCommand.expand(photos)) {
            LoadedImage img = loader.load(f);
            if (img.image().channels() < 3) {
                out.println("skipped " + img.fileName() + " (greyscale)");
                continue;
            }
            String group = group(img.fileName());
            List<org.provenant.core.image.FloatImage> cs = CueDatasets.crops(img.image(), crops, rnd);
            for (var c : cs) samples.addAll(CueDatasets.fromPhoto(c, group, sources, codecs, rnd));
            out.printf(Locale.ROOT, "%-28s source %-12s %2d crops  (%.0f s)%n", img.fileName(), group, cs.size(),
                    (System.nanoTime() - t0) / 1e9);
            // long runs keep what they made so far
            if (saveSamples != null) CueSampleFile.write(saveSamples, samples, codecId, sourceId == null ? codecId : sourceId);
        }
        if (generated != null) {
            int n = 0;
            for (Path f : CalibrateIrsCommand.expand(generated)) {
                LoadedImage img = loader.load(f);
                List<Sample> g = CueDatasets.fromGenerated(img.image(), GENERATED_GROUP + group(img.fileName()), codecs);
                samples.addAll(g);
                n += g.isEmpty() ? 0 : 1;
                if (saveSamples != null && n % 10 == 0) CueSampleFile.write(saveSamples, samples, codecId, sourceId == null ? codecId : sourceId);
            }
            out.println(n + " generated images (at least " + CueDatasets.CROP + " px a side) added to the latent-quantization set");
        }
        if (negatives != null) {
            // classic codec outputs (JPEG, WebP, AVIF decodes) of the training photos: more "uncompressed" colour samples
            int n = 0;
            for (Path f : CalibrateIrsCommand.expand(negatives)) {
                LoadedImage img = loader.load(f);
                if (img.image().channels() < 3) continue;
                samples.add(CueDatasets.classicNegative(img.image(), group(img.fileName())));
                n++;
            }
            out.println(n + " classic-codec images added to the colour set as not neural-codec compressed");
        }
        if (saveSamples != null) {
            CueSampleFile.write(saveSamples, samples, codecId, sourceId == null ? codecId : sourceId);
            out.println("wrote " + samples.size() + " samples to " + saveSamples);
        }
        TreeSet<String> groups = new TreeSet<>();
        for (Sample s : samples) if (!s.group().startsWith(GENERATED_GROUP)) groups.add(s.group());
        if (groups.size() < 2) throw new UsageException("need photos from at least 2 sources for a held-out split");
        for (Sample s : samples) groups.add(s.group());  // generators are held out in turn too
        if (testSamples != null) {
            out.println("Trained on " + fromSamples + ", tested on " + testSamples + ":");
            CueSampleFile.crossTest(samples, CueSampleFile.read(testSamples, codecs), codecs, trees, seed, out);
            return 0;
        }

        out.println();
        out.println("Held-out accuracy (leave one source out: each photo source and each generator, " + groups.size()
                + " sources, " + trees + " trees):");
        Map<String, Double> heldOutAll = new LinkedHashMap<>();
        for (String cue : CueDatasets.CUES) {
            Map<String, int[]> acc = heldOut(cue, samples, groups, sources, trees, seed);
            out.println(table(cue, acc));
            int[] all = acc.get("all");
            heldOutAll.put(cue, all[1] == 0 ? Double.NaN : (double) all[0] / all[1]);
        }
        if (dryRun) return 0;
        Path dir = registry.directory().resolve("classifiers");
        Files.createDirectories(dir);
        for (String cue : CueDatasets.CUES) {
            List<Sample> x = CueSampleFile.of(samples, cue, null);
            List<String> names = CueDatasets.featureNames(cue, codecs);
            ForestClassifier forest = CueSampleFile.train(x, names, trees, seed);
            Path file = dir.resolve(cue + ".json");
            forest.save(file);
            String how = "provenant train " + String.join(" ", args) + " (codec " + codecId + ", " + trees + " trees, seed "
                    + seed + "); " + x.size() + " samples from " + groups.size() + " sources (photos and generators)";
            updateManifest(registry.directory(), CueDatasets.classifierName(cue), "classifiers/" + file.getFileName(),
                    ModelRegistry.sha256(file), "classifier." + cue, names, forest.labels(), how,
                    Map.of("trees", String.valueOf(trees), "samples", String.valueOf(x.size()),
                            "codec", codecId,
                            // read by the cue indicators: below VerdictPolicy.MIN_HELD_OUT_ACCURACY they draw no verdict
                            Calibrations.P_ACCURACY, String.format(Locale.ROOT, "%.3f", heldOutAll.get(cue))));
            out.println("wrote " + file + " (" + x.size() + " samples, labels " + forest.labels() + ")");
        }
        out.printf(Locale.ROOT, "done in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** Group prefix of genuine generated images (one group per generator name). */
    static final String GENERATED_GROUP = "generated:";

    /**
     * Correct/total per rate point of the source codec (and "generated", "all"), each source predicted by a
     * forest trained without it (generic feature names: the forests here are thrown away).
     */
    static Map<String, int[]> heldOut(String cue, List<Sample> samples, TreeSet<String> groups, List<ImageCodec> sources,
                                      int trees, long seed) {
        Map<String, int[]> acc = CueSampleFile.columns(sources, samples, cue);
        for (String g : groups) {
            if (samples.stream().noneMatch(s -> s.cue().equals(cue) && s.group().equals(g))) continue;
            ForestClassifier f = CueSampleFile.train(CueSampleFile.of(samples, cue, g), null, trees, seed);
            for (Sample s : samples) if (s.cue().equals(cue) && s.group().equals(g))
                CueSampleFile.count(acc, s, f.predict(s.features()).label().equals(s.label()));
        }
        return acc;
    }

    static String table(String cue, Map<String, int[]> acc) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-26s", cue));
        for (Map.Entry<String, int[]> e : acc.entrySet()) {
            int[] v = e.getValue();
            sb.append(String.format(Locale.ROOT, "  %s %5.1f%% (%d)", e.getKey(), v[1] == 0 ? Double.NaN : 100.0 * v[0] / v[1], v[1]));
        }
        return sb.toString();
    }

    /** Source of a photo: its name up to the first '_', '-' or '.'. */
    static String group(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        int cut = n.length();
        for (char c : new char[] {'_', '-', '.'}) {
            int i = n.indexOf(c);
            if (i > 0) cut = Math.min(cut, i);
        }
        return n.substring(0, cut);
    }

    /** Adds or replaces one entry of the manifest, keeping every other entry as it is. */
    static void updateManifest(Path modelsDir, String name, String file, String sha256, String kind, List<String> features,
                               List<String> labels, String how, Map<String, String> props) throws java.io.IOException {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path manifest = modelsDir.resolve(ModelRegistry.MANIFEST);
        ObjectNode root = Files.isRegularFile(manifest) ? (ObjectNode) om.readTree(manifest.toFile()) : om.createObjectNode();
        ArrayNode models = root.has("models") ? (ArrayNode) root.get("models") : root.putArray("models");
        ObjectNode e = om.createObjectNode();
        e.put("name", name).put("file", file).put("sha256", sha256).put("kind", kind);
        e.putArray("inputs").add("features: " + features.size() + " doubles " + String.join(",", features));
        e.putArray("outputs").add("label in " + labels + " with class probabilities");
        e.put("howMade", how);
        ObjectNode p = e.putObject("properties");
        new java.util.TreeMap<>(props).forEach(p::put);
        int at = -1;
        for (int i = 0; i < models.size(); i++) {
            JsonNode m = models.get(i);
            if (name.equals(m.path("name").asText())) at = i;
        }
        if (at >= 0) models.set(at, e);
        else models.add(e);
        om.writeValue(manifest.toFile(), root);
    }

    static String value(List<String> args, int i, String opt) throws UsageException {
        if (i >= args.size()) throw new UsageException(opt + " needs a value");
        return args.get(i);
    }

    static int intValue(List<String> args, int i, String opt) throws UsageException {
        try {
            return Integer.parseInt(value(args, i, opt));
        } catch (NumberFormatException e) {
            throw new UsageException(opt + " needs a whole number");
        }
    }
}
