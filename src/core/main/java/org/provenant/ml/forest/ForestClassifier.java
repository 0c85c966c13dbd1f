package org.provenant.ml.forest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.TribuoModels;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.ensemble.BaggingTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A random-forest classifier over named numeric features (Tribuo's CART trees, bagged, with a random feature
 * subset per split). Class probabilities are the average of the trees' leaf distributions.
 *
 * <p>File format ({@link #save}): one JSON object {"format":"provenant-forest/1","labels":[..],
 * "featureNames":[..],"tribuo":"base64 of the gzipped Tribuo protobuf model"}; the feature order is kept here because
 * Tribuo itself keys features by name only.
 */
public final class ForestClassifier {
    public static final String FORMAT = "provenant-forest/1";
    /**
     * Trees are grown to full depth (the usual random-forest choice; our parameter). The fraction of features
     * tried at each split is round(sqrt(d))/d, never fewer than one feature (see {@link #train}).
     */
    static final int MAX_DEPTH = Integer.MAX_VALUE;

    private final Model<Label> model;
    private final List<String> labels;
    private final List<String> featureNames;
    private final String[] featureArray;

    /** The predicted label and the probability of every known class (summing to 1). */
    public record Prediction(String label, Map<String, Double> probabilities) {
        public Prediction {
            probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
        }

        /** Probability of {@code label}; 0 for a class the forest never saw. */
        public double probability(String label) {
            return probabilities.getOrDefault(label, 0.0);
        }
    }

    private ForestClassifier(Model<Label> model, List<String> labels, List<String> featureNames) {
        this.model = model;
        this.labels = List.copyOf(labels);
        this.featureNames = List.copyOf(featureNames);
        this.featureArray = featureNames.toArray(String[]::new);
    }

    /**
     * Trains a forest of {@code trees} trees. Every row of {@code x} must have one value per feature name, and
     * no value may be NaN or infinite. The result is deterministic for a given seed.
     */
    public static ForestClassifier train(List<double[]> x, List<String> labels, List<String> featureNames,
                                         int trees, long seed) {
        if (x.isEmpty()) throw new IllegalArgumentException("no training rows");
        if (x.size() != labels.size())
            throw new IllegalArgumentException(x.size() + " rows but " + labels.size() + " labels");
        if (trees < 1) throw new IllegalArgumentException("trees must be >= 1, was " + trees);
        checkNames(featureNames);
        String[] names = featureNames.toArray(String[]::new);
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("provenant-features", factory), factory);
        for (int i = 0; i < x.size(); i++) {
            double[] row = checkRow(x.get(i), names.length, "row " + i);
            data.add(new ArrayExample<>(factory.generateOutput(labels.get(i)), names, row));
        }
        int d = names.length;
        float fraction = (float) Math.min(1.0, Math.max(1.0, Math.round(Math.sqrt(d))) / d);
        CARTClassificationTrainer tree = new CARTClassificationTrainer(MAX_DEPTH, fraction, seed);
        RandomForestTrainer<Label> forest =
                new RandomForestTrainer<>(tree, new FullyWeightedVotingCombiner(), trees, seed);
        Model<Label> model;
        Logger bagging = Logger.getLogger(BaggingTrainer.class.getName());
        Level before = bagging.getLevel();
        bagging.setLevel(Level.WARNING); // one INFO line per tree otherwise
        try {
            model = forest.train(data);
        } finally {
            bagging.setLevel(before);
        }
        List<String> known = new ArrayList<>(new TreeSet<>(labels));
        return new ForestClassifier(model, known, featureNames);
    }

    /** Classifies one feature vector (same order as {@link #featureNames()}). */
    public Prediction predict(double[] features) {
        double[] row = checkRow(features, featureArray.length, "features");
        org.tribuo.Prediction<Label> p = model.predict(
                new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, featureArray, row));
        Map<String, Double> probs = new LinkedHashMap<>();
        for (String l : labels) probs.put(l, 0.0);
        double sum = 0;
        for (Map.Entry<String, Label> e : p.getOutputScores().entrySet()) {
            double s = Math.max(0, e.getValue().getScore());
            probs.put(e.getKey(), s);
            sum += s;
        }
        if (sum > 0) for (Map.Entry<String, Double> e : probs.entrySet()) e.setValue(e.getValue() / sum);
        return new Prediction(p.getOutput().getLabel(), probs);
    }

    /** The class labels, sorted. */
    public List<String> labels() {
        return labels;
    }

    /** The feature names, in the order {@link #predict} expects. */
    public List<String> featureNames() {
        return featureNames;
    }

    public void save(Path file) throws IOException {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode ls = root.putArray("labels");
        labels.forEach(ls::add);
        ArrayNode fs = root.putArray("featureNames");
        featureNames.forEach(fs::add);
        root.put("tribuo", TribuoModels.encode(model));
        TribuoModels.write(file, root);
    }

    /** Loads a file written by {@link #save}; any defect gives a one-line ModelException naming the file. */
    public static ForestClassifier load(Path file) throws ModelException {
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (root == null || !FORMAT.equals(root.path("format").asText()))
                throw new ModelException(file + ": not a " + FORMAT + " classifier");
            List<String> ls = new ArrayList<>();
            root.path("labels").forEach(n -> ls.add(n.asText()));
            List<String> fs = new ArrayList<>();
            root.path("featureNames").forEach(n -> fs.add(n.asText()));
            checkNames(fs);
            Model<?> m = TribuoModels.decode(root.path("tribuo").asText());
            if (!m.validate(Label.class))
                throw new ModelException(file + ": the forest is not a label classifier");
            @SuppressWarnings("unchecked")
            Model<Label> lm = (Model<Label>) m;
            if (ls.isEmpty()) throw new ModelException(file + ": no class labels");
            return new ForestClassifier(lm, ls, fs);
        } catch (ModelException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelException(file + ": cannot read classifier (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The registry's shared copy of the classifier listed under {@code name} (verified by SHA-256 before it is
     * read), checked to have been trained on exactly {@code expectedFeatures}.
     */
    public static ForestClassifier shared(ModelRegistry registry, String name, List<String> expectedFeatures)
            throws ModelException {
        ForestClassifier f = registry.cached("forest:" + name, () -> load(registry.verifiedFile(name)));
        if (!f.featureNames().equals(expectedFeatures))
            throw new ModelException("Classifier '" + name + "' was trained on other features (" + f.featureNames().size()
                    + " named features, this version computes " + expectedFeatures.size() + "); retrain it with `provenant train`.");
        return f;
    }

    private static void checkNames(List<String> names) {
        if (names.isEmpty()) throw new IllegalArgumentException("no feature names");
        Set<String> seen = new HashSet<>();
        for (String n : names)
            if (n == null || n.isBlank() || !seen.add(n))
                throw new IllegalArgumentException("feature names must be unique and non-blank: " + n);
    }

    private static double[] checkRow(double[] row, int n, String what) {
        if (row.length != n)
            throw new IllegalArgumentException(what + " has " + row.length + " values, expected " + n);
        for (double v : row)
            if (!Double.isFinite(v)) throw new IllegalArgumentException(what + " has a non-finite value");
        return row.clone();
    }
}
