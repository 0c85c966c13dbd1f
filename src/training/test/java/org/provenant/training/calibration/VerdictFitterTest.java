package org.provenant.training.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.provenant.ml.calibration.VerdictCalibration;

class VerdictFitterTest {
    private static double[] gauss(int n, double mean, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double u1 = r.nextDouble(), u2 = r.nextDouble();
            v[i] = mean + Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
        }
        return v;
    }

    @Test
    void separatedClassesGiveASupportedVerdictUnderTheFalseAlarmBar() {
        // N(2,1) vs N(0,1): true ln LR = 2x - 2
        VerdictCalibration c = VerdictFitter.fit("x", "s", "generated", "lr_generated", gauss(2000, 2, 1), gauss(2000, 0, 2),
                gauss(2000, 2, 3), gauss(2000, 0, 4), "test", "");
        assertEquals(2, c.slope(), 0.15);
        assertEquals(-2, c.intercept(), 0.2);
        assertTrue(c.verdict());
        assertTrue(c.heldOutFalseAlarm() <= 0.035, "held-out false alarms " + c.heldOutFalseAlarm());
        assertTrue(c.heldOutFalseAlarm() >= 0.01, "the threshold sits at 2 % of calibration reals: " + c.heldOutFalseAlarm());
        assertEquals(0.92, c.heldOutAuc(), 0.02);
        assertTrue(c.heldOutDetection() > 0.3, "detected " + c.heldOutDetection());
        assertTrue(c.heldOutMissed() <= 0.035, "called camera original " + c.heldOutMissed());
    }

    @Test
    void overlappingClassesDrawNoVerdict() {
        VerdictCalibration c = VerdictFitter.fit("x", "s", "generated", "lr_generated", gauss(500, 0.3, 5), gauss(500, 0, 6),
                gauss(500, 0.3, 7), gauss(500, 0, 8), "test", "");
        assertTrue(c.heldOutAuc() < VerdictCalibration.MIN_HELD_OUT_AUC, "AUC " + c.heldOutAuc());
        assertFalse(c.verdict());
    }

    @Test
    void theVerdictNeedsAtLeastWeakSupport() {
        VerdictCalibration c = VerdictFitter.fit("x", "s", "generated", "lr_generated", gauss(300, 6, 9), gauss(300, 0, 10),
                gauss(300, 6, 11), gauss(300, 0, 12), "test", "");
        assertTrue(c.verdictLr() >= VerdictFitter.MIN_VERDICT_LR);
        assertTrue(c.cameraLr() <= VerdictFitter.MAX_CAMERA_LR);
    }
}
