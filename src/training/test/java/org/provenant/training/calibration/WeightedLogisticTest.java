package org.provenant.training.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightedLogisticTest {
    @Test
    void recoversTheCoefficientsOfALogisticModel() {
        Random r = new Random(3);
        int n = 20000;
        double[][] x = new double[n][2];
        boolean[] y = new boolean[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = r.nextGaussian();
            double p = 1 / (1 + Math.exp(-(0.5 + 2 * x[i][0] - x[i][1])));
            y[i] = r.nextDouble() < p;
            w[i] = 1.0 / n;
        }
        WeightedLogistic.Fit f = WeightedLogistic.fit(x, y, w, 0);
        assertEquals(0.5, f.intercept(), 0.06);
        assertEquals(2.0, f.weights()[0], 0.08);
        assertEquals(-1.0, f.weights()[1], 0.06);
    }

    @Test
    void aRowOfWeightTwoCountsAsTwoRowsAndThePenaltyShrinks() {
        double[][] x = {{0}, {1}, {2}, {1}, {3}};
        boolean[] y = {false, false, true, true, true};
        WeightedLogistic.Fit once = WeightedLogistic.fit(new double[][]{{0}, {1}, {2}, {1}, {3}, {3}}, new boolean[]{false, false, true, true, true, true},
                new double[]{1, 1, 1, 1, 1, 1}, 0.1);
        WeightedLogistic.Fit twice = WeightedLogistic.fit(x, y, new double[]{1, 1, 1, 1, 2}, 0.1);
        assertEquals(once.intercept(), twice.intercept(), 1e-9);
        assertEquals(once.weights()[0], twice.weights()[0], 1e-9);
        WeightedLogistic.Fit strong = WeightedLogistic.fit(x, y, new double[]{1, 1, 1, 1, 2}, 100);
        assertEquals(0, strong.weights()[0], 0.05);
    }
}
