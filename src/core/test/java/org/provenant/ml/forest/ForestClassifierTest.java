package org.provenant.ml.forest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.ml.ModelException;

class ForestClassifierTest {
    private static final List<String> NAMES = List.of("a", "b", "noise");
    private static final String[] CLASSES = {"left", "right", "top"};
    private static final double[][] CENTRES = {{-2, 0}, {2, 0}, {0, 3}};

    /** Three Gaussian blobs in (a, b), well apart, plus a pure-noise third feature. */
    private static void blobs(int perClass, long seed, List<double[]> x, List<String> y) {
        Random r = new Random(seed);
        for (int i = 0; i < perClass; i++)
            for (int c = 0; c < CLASSES.length; c++) {
                x.add(new double[] {CENTRES[c][0] + 0.5 * r.nextGaussian(), CENTRES[c][1] + 0.5 * r.nextGaussian(),
                        r.nextGaussian()});
                y.add(CLASSES[c]);
            }
    }

    private static double accuracy(ForestClassifier f, List<double[]> x, List<String> y) {
        int ok = 0;
        for (int i = 0; i < x.size(); i++) if (f.predict(x.get(i)).label().equals(y.get(i))) ok++;
        return ok / (double) x.size();
    }

    @Test
    void learnsSeparableClassesAndGeneralises() {
        List<double[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        blobs(60, 1, x, y);
        ForestClassifier f = ForestClassifier.train(x, y, NAMES, 30, 7);
        assertEquals(List.of("left", "right", "top"), f.labels());
        assertEquals(NAMES, f.featureNames());
        List<double[]> tx = new ArrayList<>();
        List<String> ty = new ArrayList<>();
        blobs(100, 2, tx, ty);
        assertTrue(accuracy(f, tx, ty) > 0.97, "held-out accuracy " + accuracy(f, tx, ty));

        ForestClassifier.Prediction p = f.predict(new double[] {2, 0, 0});
        assertEquals("right", p.label());
        double sum = p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(1.0, sum, 1e-9);
        assertTrue(p.probability("right") > 0.8, "p(right) = " + p.probability("right"));
        assertEquals(0.0, p.probability("no such class"));
    }

    @Test
    void labelsThatContradictTheFeaturesAreNotLearnt() {
        // same features, random labels: held-out accuracy must stay near chance (a forest that memorised the
        // labels or a broken predict that always said one class would both show here)
        Random r = new Random(3);
        List<double[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        blobs(60, 4, x, y);
        for (int i = 0; i < y.size(); i++) y.set(i, CLASSES[r.nextInt(3)]);
        ForestClassifier f = ForestClassifier.train(x, y, NAMES, 30, 7);
        List<double[]> tx = new ArrayList<>();
        List<String> ty = new ArrayList<>();
        blobs(100, 5, tx, ty);
        for (int i = 0; i < ty.size(); i++) ty.set(i, CLASSES[r.nextInt(3)]);
        assertTrue(accuracy(f, tx, ty) < 0.5, "accuracy on random labels " + accuracy(f, tx, ty));
    }

    @Test
    void saveAndLoadGiveTheSamePredictions(@TempDir Path dir) throws Exception {
        List<double[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        blobs(40, 11, x, y);
        ForestClassifier f = ForestClassifier.train(x, y, NAMES, 20, 5);
        Path file = dir.resolve("sub/forest.json");
        f.save(file);
        ForestClassifier g = ForestClassifier.load(file);
        assertEquals(f.labels(), g.labels());
        assertEquals(f.featureNames(), g.featureNames());
        Random r = new Random(9);
        for (int i = 0; i < 50; i++) {
            double[] v = {4 * r.nextGaussian(), 4 * r.nextGaussian(), r.nextGaussian()};
            assertEquals(f.predict(v), g.predict(v));
        }
    }

    @Test
    void sameSeedSameForest() {
        List<double[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        blobs(30, 12, x, y);
        ForestClassifier f = ForestClassifier.train(x, y, NAMES, 10, 42);
        ForestClassifier g = ForestClassifier.train(x, y, NAMES, 10, 42);
        double[] v = {0.1, 1.4, 0};
        assertEquals(f.predict(v), g.predict(v));
    }

    @Test
    void badInputsAreRejected(@TempDir Path dir) throws Exception {
        List<double[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        blobs(10, 13, x, y);
        ForestClassifier f = ForestClassifier.train(x, y, NAMES, 5, 1);
        assertThrows(IllegalArgumentException.class, () -> f.predict(new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> f.predict(new double[] {1, Double.NaN, 0}));
        assertThrows(IllegalArgumentException.class, () -> ForestClassifier.train(x, y.subList(0, 3), NAMES, 5, 1));
        assertThrows(IllegalArgumentException.class,
                () -> ForestClassifier.train(x, y, List.of("a", "a", "b"), 5, 1));

        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "{\"format\":\"something else\"}");
        ModelException e = assertThrows(ModelException.class, () -> ForestClassifier.load(junk));
        assertTrue(e.getMessage().contains("junk.json"), e.getMessage());
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"format\":\"" + ForestClassifier.FORMAT
                + "\",\"labels\":[\"a\"],\"featureNames\":[\"x\"],\"tribuo\":\"AAAA\"}");
        assertThrows(ModelException.class, () -> ForestClassifier.load(broken));
        assertThrows(ModelException.class, () -> ForestClassifier.load(dir.resolve("missing.json")));
    }
}
