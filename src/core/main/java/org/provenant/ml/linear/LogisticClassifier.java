package org.provenant.ml.linear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.TribuoModels;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.sgd.AbstractSGDTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A two-class logistic regression (Tribuo's linear SGD model with the log loss, AdaGrad) over standardised
 * named features. {@link #logOdds} gives ln(P(positive)/P(negative)), the score that is calibrated downstream.
 *
 * <p>File format: {"format":"provenant-logistic/1","positive":..,"negative":..,"featureNames":[..],
 * "mean":[..],"std":[..],"tribuo":"base64 of the gzipped Tribuo protobuf model"}.
 */
public final class LogisticClassifier {
    public static final String FORMAT = "provenant-logistic/1";
    /**
     * Passes over the data and AdaGrad step. Our choice: few passes act as the regulariser (no L2 term in Tribuo 4.3);
     * grouped cross-validation ROC AUC 0.78 at (8, 0.05), 0.75-0.77 at (3, 0.01), (20, 0.01), (30, 0.05), (15, 0.2).
     */
    public static final int EPOCHS = 8;
    static final double LEARNING_RATE = 0.05;

    private final Model<Label> model;
    private final String positive, negative;
    private final List<String> featureNames;
    private final String[] names;
    private final double[] mean, std;

    private LogisticClassifier(Model<Label> model, String positive, String negative, List<String> featureNames,
                               double[] mean, double[] std) {
        this.model = model;
        this.positive = positive;
        this.negative = negative;
        this.featureNames = List.copyOf(featureNames);
        this.names = featureNames.toArray(String[]::new);
        this.mean = mean;
        this.std = std;
    }

    /** Trains on rows {@code x} with labels {@code y} (true = positive). Deterministic for a seed. */
    public static LogisticClassifier train(List<double[]> x, List<Boolean> y, List<String> featureNames,
                                           String positive, String negative, long seed) {
        if (x.isEmpty() || x.size() != y.size()) throw new IllegalArgumentException("need as many labels as rows");
        int d = featureNames.size();
        double[] mean = new double[d], std = new double[d];
        for (double[] r : x) {
            if (r.length != d) throw new IllegalArgumentException("row has " + r.length + " values, expected " + d);
            for (int j = 0; j < d; j++) mean[j] += r[j] / x.size();
        }
        for (double[] r : x) for (int j = 0; j < d; j++) std[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / x.size();
        for (int j = 0; j < d; j++) std[j] = Math.sqrt(std[j]) + 1e-9;
        String[] names = featureNames.toArray(String[]::new);
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("provenant-features", factory), factory);
        for (int i = 0; i < x.size(); i++)
            data.add(new ArrayExample<>(new Label(y.get(i) ? positive : negative), names, standardise(x.get(i), mean, std)));
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(LEARNING_RATE, 0.1), EPOCHS,
                Integer.MAX_VALUE, 1, seed);
        Logger log = Logger.getLogger(AbstractSGDTrainer.class.getName());
        Level before = log.getLevel();
        log.setLevel(Level.WARNING);
        try {
            return new LogisticClassifier(trainer.train(data), positive, negative, featureNames, mean, std);
        } finally {
            log.setLevel(before);
        }
    }

    private static double[] standardise(double[] r, double[] mean, double[] std) {
        double[] z = new double[r.length];
        for (int j = 0; j < r.length; j++) {
            if (!Double.isFinite(r[j])) throw new IllegalArgumentException("non-finite feature " + j);
            z[j] = (r[j] - mean[j]) / std[j];
        }
        return z;
    }

    /** ln(P(positive) / P(negative)) of one feature vector, clipped to +-30. */
    public double logOdds(double[] features) {
        if (features.length != names.length)
            throw new IllegalArgumentException(features.length + " features, expected " + names.length);
        org.tribuo.Prediction<Label> p = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names,
                standardise(features, mean, std)));
        Label pos = p.getOutputScores().get(positive), neg = p.getOutputScores().get(negative);
        double pp = pos == null ? 0 : pos.getScore(), pn = neg == null ? 0 : neg.getScore();
        double lo = Math.log(Math.max(pp, 1e-13)) - Math.log(Math.max(pn, 1e-13));
        return Math.max(-30, Math.min(30, lo));
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public void save(Path file) throws IOException {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("format", FORMAT).put("positive", positive).put("negative", negative);
        featureNames.forEach(root.putArray("featureNames")::add);
        for (double v : mean) root.withArray("mean").add(v);
        for (double v : std) root.withArray("std").add(v);
        root.put("tribuo", TribuoModels.encode(model));
        TribuoModels.write(file, root);
    }

    /** Loads a file written by {@link #save}; a defect gives a one-line ModelException naming the file. */
    public static LogisticClassifier load(Path file) throws ModelException {
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (root == null || !FORMAT.equals(root.path("format").asText()))
                throw new ModelException(file + ": not a " + FORMAT + " classifier");
            List<String> fs = new ArrayList<>();
            root.path("featureNames").forEach(n -> fs.add(n.asText()));
            double[] mean = new double[fs.size()], std = new double[fs.size()];
            if (root.path("mean").size() != fs.size() || root.path("std").size() != fs.size())
                throw new ModelException(file + ": standardisation does not match the feature names");
            for (int j = 0; j < fs.size(); j++) {
                mean[j] = root.path("mean").get(j).asDouble();
                std[j] = root.path("std").get(j).asDouble();
            }
            Model<?> m = TribuoModels.decode(root.path("tribuo").asText());
            if (!m.validate(Label.class)) throw new ModelException(file + ": not a label classifier");
            @SuppressWarnings("unchecked")
            Model<Label> lm = (Model<Label>) m;
            return new LogisticClassifier(lm, root.path("positive").asText(), root.path("negative").asText(), fs, mean, std);
        } catch (ModelException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelException(file + ": cannot read classifier (" + e.getMessage() + ")", e);
        }
    }

    /** The registry's shared copy (verified by SHA-256), checked to have been trained on {@code expectedFeatures}. */
    public static LogisticClassifier shared(ModelRegistry registry, String name, List<String> expectedFeatures)
            throws ModelException {
        LogisticClassifier c = registry.cached("logistic:" + name, () -> load(registry.verifiedFile(name)));
        if (!c.featureNames().equals(expectedFeatures))
            throw new ModelException("Classifier '" + name + "' was trained on other features (" + c.featureNames().size()
                    + ", this version computes " + expectedFeatures.size() + "); retrain it with `provenant train-detector`.");
        return c;
    }
}
