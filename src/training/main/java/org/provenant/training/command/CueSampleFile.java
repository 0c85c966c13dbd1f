package org.provenant.training.command;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.provenant.core.command.UsageException;
import org.provenant.ml.codec.ImageCodec;
import org.provenant.ml.forest.ForestClassifier;
import org.provenant.training.codec.CueDatasets.Sample;
import org.provenant.training.codec.CueDatasets;

/**
 * The cue samples of {@code train} saved as a tab-separated file (so that forests can be retrained and tested
 * across codecs without re-encoding), and the per-rate-point accuracy tables. One line per sample:
 * cue, label, rate point ("-" for none), group, then the features separated by commas; lines starting with
 * '#' say which codec computed the features and which compressed the images.
 */
final class CueSampleFile {
    private CueSampleFile() { }

    static void write(Path file, List<Sample> samples, String codecId, String sourceId) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# features by codec " + codecId + ", images compressed by codec " + sourceId + "\n");
            for (Sample s : samples) {
                StringBuilder sb = new StringBuilder();
                sb.append(s.cue()).append('\t').append(s.label()).append('\t').append(s.ratePoint() == null ? "-" : s.ratePoint())
                        .append('\t').append(s.group()).append('\t');
                for (int i = 0; i < s.features().length; i++) sb.append(i == 0 ? "" : ",").append(s.features()[i]);
                w.write(sb.append('\n').toString());
            }
        }
    }

    /** Reads a sample file; each feature vector must have the length the codecs give its cue. */
    static List<Sample> read(Path file, List<ImageCodec> codecs) throws IOException, UsageException {
        List<Sample> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] p = line.split("\t");
            if (p.length != 5) throw new UsageException(file + ": not a sample line: " + line);
            String[] v = p[4].split(",");
            double[] f = new double[v.length];
            for (int i = 0; i < v.length; i++) f[i] = Double.parseDouble(v[i]);
            int want = CueDatasets.featureNames(p[0], codecs).size();
            if (f.length != want)
                throw new UsageException(file + ": " + f.length + " features for cue " + p[0] + ", the codec gives " + want);
            out.add(new Sample(p[0], p[1], p[2].equals("-") ? null : p[2], p[3], f));
        }
        return out;
    }

    /** Empty correct/total counters: one per rate point of the source codec, "generated" where present, "all". */
    static Map<String, int[]> columns(List<ImageCodec> sources, List<Sample> samples, String cue) {
        Map<String, int[]> acc = new LinkedHashMap<>();
        for (ImageCodec c : sources) acc.put(c.ratePoint(), new int[2]);
        for (Sample s : samples)
            if (s.cue().equals(cue) && s.ratePoint() != null && !acc.containsKey(s.ratePoint())) acc.put(s.ratePoint(), new int[2]);
        acc.put("all", new int[2]);
        return acc;
    }

    /** Counts one prediction: uncompressed originals (no rate point) count for every rate point and in "all". */
    static void count(Map<String, int[]> acc, Sample s, boolean ok) {
        for (Map.Entry<String, int[]> e : acc.entrySet())
            if (e.getKey().equals("all") || e.getKey().equals(s.ratePoint())
                    || (s.ratePoint() == null && !e.getKey().equals(CueDatasets.GENERATED))) {
                e.getValue()[0] += ok ? 1 : 0;
                e.getValue()[1]++;
            }
    }

    static List<String> names(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add("f" + i);
        return out;
    }

    /** A forest on the samples (features and labels); {@code names} null for generic names. */
    static ForestClassifier train(List<Sample> samples, List<String> names, int trees, long seed) {
        List<double[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (Sample s : samples) {
            x.add(s.features());
            y.add(s.label());
        }
        return ForestClassifier.train(x, y, names == null ? names(x.get(0).length) : names, trees, seed);
    }

    /** The samples of one cue, optionally only those of groups other than {@code exceptGroup}. */
    static List<Sample> of(List<Sample> samples, String cue, String exceptGroup) {
        return samples.stream().filter(s -> s.cue().equals(cue) && !s.group().equals(exceptGroup)).toList();
    }

    /** Trains each cue's forest on all of {@code train} and prints its accuracy on {@code test} per rate point. */
    static void crossTest(List<Sample> train, List<Sample> test, List<ImageCodec> codecs, int trees, long seed, PrintStream out) {
        for (String cue : CueDatasets.CUES) {
            List<Sample> tr = of(train, cue, null);
            if (tr.isEmpty()) continue;
            ForestClassifier f = train(tr, null, trees, seed);
            Map<String, int[]> acc = new LinkedHashMap<>();
            for (Sample s : test) if (s.cue().equals(cue) && s.ratePoint() != null) acc.putIfAbsent(s.ratePoint(), new int[2]);
            acc.put("all", new int[2]);
            for (Sample s : test) if (s.cue().equals(cue)) count(acc, s, f.predict(s.features()).label().equals(s.label()));
            out.println(TrainCommand.table(cue, acc));
        }
    }
}
