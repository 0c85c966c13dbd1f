package org.provenant.ml.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    @Test
    void aucCountsOrderedPairsAndTiesHalf() {
        assertEquals(1.0, Metrics.auc(new double[]{3, 4}, new double[]{1, 2}), 1e-12);
        assertEquals(0.0, Metrics.auc(new double[]{1, 2}, new double[]{3, 4}), 1e-12);
        assertEquals(0.5, Metrics.auc(new double[]{1}, new double[]{1}), 1e-12);
        // 3 of 4 pairs ordered: (2>1), (4>1), (4>3); (2<3)
        assertEquals(0.75, Metrics.auc(new double[]{2, 4}, new double[]{1, 3}), 1e-12);
        assertTrue(Double.isNaN(Metrics.auc(new double[]{Double.NaN}, new double[]{1})));
    }

    @Test
    void wilsonBoundsMatchTheTextbookAndNeverCallAZeroRateImpossible() {
        // Wilson (1927) 95 % interval of 81 of 263: 0.2553-0.3662 (Newcombe 1998, table I, example a)
        assertEquals(0.2553, Metrics.wilson(81, 263, false), 5e-5);
        assertEquals(0.3662, Metrics.wilson(81, 263, true), 5e-5);
        // none of 547: the lower bound is 0, the upper bound z^2 / (n + z^2)
        assertEquals(0.0, Metrics.wilson(0, 547, false), 1e-12);
        assertEquals(3.8415 / (547 + 3.8415), Metrics.wilson(0, 547, true), 1e-6);
        assertEquals(1.0, Metrics.wilson(10, 10, true), 1e-12);
        assertTrue(Double.isNaN(Metrics.wilson(0, 0, true)));
    }

    @Test
    void tprAtFprUsesTheThresholdThatKeepsFalseAlarmsWithinTheRate() {
        double[] neg = new double[100];
        for (int i = 0; i < 100; i++) neg[i] = i; // 0..99
        double[] pos = {94.5, 95.5, 98.5, 99.5};
        // at 5 %: 5 negatives (95..99) may lie above; threshold 94 -> all four positives above
        assertEquals(94, Metrics.thresholdAtFpr(neg, 0.05));
        assertEquals(1.0, Metrics.tprAtFpr(pos, neg, 0.05), 1e-12);
        // at 1 %: threshold 98 -> two positives
        assertEquals(0.5, Metrics.tprAtFpr(pos, neg, 0.01), 1e-12);
    }

    @Test
    void cllrIsOneForANeutralSystemAndNearZeroForAConfidentCorrectOne() {
        assertEquals(1.0, Metrics.cllr(new double[]{0, 0}, new double[]{0, 0}), 1e-12);
        assertTrue(Metrics.cllr(new double[]{20}, new double[]{-20}) < 1e-6);
        assertTrue(Metrics.cllr(new double[]{-5}, new double[]{5}) > 5);
    }

    @Test
    void logisticCalibrationRecoversTheTrueLikelihoodRatioOfTwoGaussians() {
        // N(1,1) vs N(-1,1): ln LR(x) = 2x exactly
        Random r = new Random(7);
        double[] p = new double[20000], n = new double[20000];
        for (int i = 0; i < p.length; i++) { p[i] = 1 + r.nextGaussian(); n[i] = -1 + r.nextGaussian(); }
        LogisticCalibration c = LogisticCalibration.fit(p, n);
        assertEquals(2.0, c.slope(), 0.08);
        assertEquals(0.0, c.intercept(), 0.05);
        assertEquals(0.5, c.probability(0), 0.02);
    }

    @Test
    void enfsiStepsAndSentences() {
        assertEquals(EnfsiScale.NONE, EnfsiScale.of(1.5));
        assertEquals(EnfsiScale.WEAK, EnfsiScale.of(5));
        assertEquals(EnfsiScale.MODERATE, EnfsiScale.of(1.0 / 50));
        assertEquals(EnfsiScale.STRONG, EnfsiScale.of(2000));
        assertEquals(EnfsiScale.EXTREMELY_STRONG, EnfsiScale.of(5e6));
        assertEquals("moderate support for 'camera original' over 'generated' (LR 1/50)",
                EnfsiScale.sentence(1.0 / 50, "generated", "camera original"));
    }
}
