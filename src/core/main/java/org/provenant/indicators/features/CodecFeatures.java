package org.provenant.indicators.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.provenant.core.image.FloatImage;

/**
 * The neural-codec detector's feature vector: the colour-channel residual correlations ({@link ChannelCorrelation},
 * 24 numbers) followed by the residual co-occurrences ({@link ResidualFeatures}, 310), and the subsets a detector may
 * be trained on ({@link FeatureSet}). Read by the detector at run time and by {@code provenant train-codec-detector}.
 */
public final class CodecFeatures {
    private CodecFeatures() { }

    /** Features: colour correlations only, residual co-occurrences only, or both (a model's manifest names its set). */
    public enum FeatureSet {
        COLOUR(0, ChannelCorrelation.FEATURE_NAMES.size()),
        RESIDUAL(ChannelCorrelation.FEATURE_NAMES.size(), ChannelCorrelation.FEATURE_NAMES.size() + ResidualFeatures.size()),
        UNION(0, ChannelCorrelation.FEATURE_NAMES.size() + ResidualFeatures.size());

        private final int from, to;

        FeatureSet(int from, int to) {
            this.from = from;
            this.to = to;
        }

        /** This set's part of a full vector. */
        public double[] pick(double[] f) {
            return Arrays.copyOfRange(f, from, to);
        }

        public List<String> names() {
            return CodecFeatures.names().subList(from, to);
        }
    }

    public static int size() {
        return ChannelCorrelation.FEATURE_NAMES.size() + ResidualFeatures.size();
    }

    public static List<String> names() {
        List<String> n = new ArrayList<>(ChannelCorrelation.FEATURE_NAMES);
        n.addAll(ResidualFeatures.names());
        return n;
    }

    /** Colour and residual features of an image, or null where they are undefined (grey, tiny, flat in a channel). */
    public static double[] of(FloatImage img) {
        FloatImage rgb = img.toRgb();
        if (!ResidualFeatures.applicable(rgb)) return null;
        double[] c = ChannelCorrelation.features(rgb);
        if (Arrays.stream(c).anyMatch(v -> !Double.isFinite(v))) return null;
        return join(c, ResidualFeatures.of(rgb));
    }

    /** The full vector from its two parts. */
    public static double[] join(double[] colour, double[] residual) {
        double[] f = Arrays.copyOf(colour, colour.length + residual.length);
        System.arraycopy(residual, 0, f, colour.length, residual.length);
        return f;
    }
}
