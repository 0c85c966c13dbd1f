package org.provenant.training.codec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.provenant.indicators.codec.codecdetector.ClassicCodecGate;
import org.provenant.indicators.features.CodecFeatures.FeatureSet;
import org.provenant.ml.linear.LogisticClassifier;
import org.provenant.training.codec.CodecData.Row;

/**
 * The classic-codec gate ({@link ClassicCodecGate}, issue 21 item 5): a logistic model on the union features,
 * neural-codec reconstructions of the codec class (positive) against the AVIF / JPEG XL / WebP decodes of
 * {@code build_classic_train.py} (negative), photo folds 1..4; photo fold 0 is never trained or thresholded on. The
 * threshold is the out-of-fold score under which at most {@link #MAX_CODEC_BELOW} of each neural-codec family's
 * reconstructions fall: the gate may cost that share of detections, no more.
 */
public final class ClassicGateTraining {
    /** Share of out-of-fold neural-codec reconstructions the gate may withhold. Our choice: 2 %. */
    public static final double MAX_CODEC_BELOW = 0.02;

    /** The trained gate, its threshold and the lines of figures (fold 0, leave-one-classic-codec-out). */
    public record Result(LogisticClassifier model, double threshold, int trainRows, String codecBelow, String classicBelow,
                         String leaveOneClassicOut) { }

    private ClassicGateTraining() { }

    static boolean classic(Row r) {
        return r.item().real() && CodecData.CLASSIC.contains(r.item().source());
    }

    public static Result train(List<Row> rows, PrintStream out) {
        FeatureSet fs = FeatureSet.UNION;
        Predicate<Row> gateRows = r -> r.item().codec() || classic(r);
        double[] oof = CodecTraining.outOfFold(rows, gateRows, fs, CodecTraining.Kind.LOGISTIC, 0);
        double threshold = thresholdOf(rows, oof, gateRows);
        out.printf(Locale.ROOT, "classic-codec gate, folds 1..%d out-of-fold: threshold %.3f (at most %.0f %% of each neural-codec family's reconstructions below); %s%n",
                CodecTraining.FOLDS - 1, threshold, 100 * MAX_CODEC_BELOW, below(rows, oof, threshold, r -> CodecData.fold(r.item().parent(), CodecTraining.FOLDS) != 0));
        StringBuilder loco = new StringBuilder();
        for (String c : new java.util.TreeSet<>(CodecData.CLASSIC)) {
            Predicate<Row> without = r -> gateRows.test(r) && !r.item().source().equals(c);
            double[] s = CodecTraining.outOfFold(rows, without, fs, CodecTraining.Kind.LOGISTIC, 0);
            double t = thresholdOf(rows, s, without);
            String line = c + " held out: " + below(rows, s, t, r -> CodecData.fold(r.item().parent(), CodecTraining.FOLDS) != 0);
            out.println("  leave-one-classic-codec-out, " + line);
            loco.append(line).append("; ");
        }
        List<double[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (Row r : rows)
            if (gateRows.test(r) && CodecData.fold(r.item().parent(), CodecTraining.FOLDS) != 0) {
                x.add(fs.pick(r.features()));
                y.add(r.item().codec());
            }
        LogisticClassifier m = LogisticClassifier.train(x, y, fs.names(), ClassicCodecGate.NEURAL, ClassicCodecGate.CLASSIC, CodecTraining.SEED);
        double[] s = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) s[i] = m.logOdds(fs.pick(rows.get(i).features()));
        Predicate<Row> fold0 = r -> CodecData.fold(r.item().parent(), CodecTraining.FOLDS) == 0;
        String f0 = below(rows, s, threshold, fold0);
        out.println("  shipped gate on photo fold 0 (never trained or thresholded on): " + f0);
        int[] codec = count(rows, s, threshold, r -> fold0.test(r) && r.item().codec());
        return new Result(m, threshold, x.size(), codec[0] + "/" + codec[1], f0, loco.toString().trim());
    }

    /**
     * The score under which at most {@link #MAX_CODEC_BELOW} of EACH neural-codec family's accepted rows fall (the
     * lowest of the families' quantiles: a family the gate finds hard to tell from classic codecs sets it).
     */
    static double thresholdOf(List<Row> rows, double[] s, Predicate<Row> accepted) {
        java.util.Map<String, List<Double>> byFamily = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++)
            if (accepted.test(rows.get(i)) && rows.get(i).item().codec() && !Double.isNaN(s[i]))
                byFamily.computeIfAbsent(rows.get(i).item().source(), k -> new ArrayList<>()).add(s[i]);
        double t = Double.POSITIVE_INFINITY;
        for (List<Double> v : byFamily.values()) {
            double[] c = CodecTraining.toArray(v);
            Arrays.sort(c);
            t = Math.min(t, c[(int) Math.floor(MAX_CODEC_BELOW * c.length)]);
        }
        return t;
    }

    /** Rows below the threshold among those accepted: per classic codec, neural-codec family, and camera rows. */
    static String below(List<Row> rows, double[] s, double t, Predicate<Row> accepted) {
        TreeMap<String, int[]> n = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (!accepted.test(r) || Double.isNaN(s[i]) || !(r.item().codec() || r.item().real())) continue;
            String k = r.item().codec() ? "neural " + r.item().source() : classic(r) ? r.item().source() : "camera";
            int[] c = n.computeIfAbsent(k, x -> new int[2]);
            c[0] += s[i] < t ? 1 : 0;
            c[1]++;
        }
        List<String> parts = new ArrayList<>();
        n.forEach((k, c) -> parts.add(String.format(Locale.ROOT, "%s %d/%d (%.1f %%)", k, c[0], c[1], 100.0 * c[0] / c[1])));
        return "read as classic: " + String.join(", ", parts);
    }

    private static int[] count(List<Row> rows, double[] s, double t, Predicate<Row> accepted) {
        int[] c = new int[2];
        for (int i = 0; i < rows.size(); i++)
            if (accepted.test(rows.get(i))) {
                c[0] += s[i] < t ? 1 : 0;
                c[1]++;
            }
        return c;
    }
}
