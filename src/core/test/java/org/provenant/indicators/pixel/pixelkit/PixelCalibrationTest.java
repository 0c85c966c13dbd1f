package org.provenant.indicators.pixel.pixelkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.ImageLoader;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.pixel.copymove.CopyMove;
import org.provenant.indicators.pixel.exemplar.ExemplarFill;
import org.provenant.indicators.pixel.ela.ErrorLevelAnalysis;
import org.provenant.indicators.jpeg.ghosts.JpegGhosts;
import org.provenant.indicators.pixel.noise.NoiseMap;

/**
 * The false-alarm rate of the four pixel indicators on real photos (shared/datasets/gen-vs-real/real, 174 camera
 * photos; skipped when shared/ is absent). The photos are split by file name: the even half ("calibration", sorted
 * order) is where the thresholds were read off (its 97.5th percentile, printed here), the odd half ("held-out") is
 * where the shipped thresholds must lean to "manipulated" on at most 5 % of the photos.
 */
public class PixelCalibrationTest {
    /** The bar of HELPERS.md / issue 10: at most 5 % of held-out real photos may get a lean away from camera original. */
    static final double MAX_FALSE_ALARM = 0.05;

    static Path realPhotos() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolveSibling("shared").resolve("datasets/gen-vs-real/real");
            if (Files.isDirectory(p)) return p;
            Path q = d.resolve("shared/datasets/gen-vs-real/real");
            if (Files.isDirectory(q)) return q;
        }
        return null;
    }

    @Test
    void heldOutFalseAlarmRateIsAtMostFivePercent() throws Exception {
        Path dir = realPhotos();
        Assumptions.assumeTrue(dir != null, "shared/datasets/gen-vs-real/real not found beside the checkout");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Indicator> inds = List.of(new ErrorLevelAnalysis(), new NoiseMap(), new JpegGhosts(), new ExemplarFill(), new CopyMove());
        Map<String, String> low = Map.of(CopyMove.MIN_BLOCKS.key(), "8");
        double[][][] values = new double[inds.size()][2][files.size()];
        int[][] counts = new int[inds.size()][2];
        int[][] alarms = new int[inds.size()][2];
        ImageLoader loader = new ImageLoader();
        for (int f = 0; f < files.size(); f++) {
            FloatImage img;
            try {
                img = loader.load(files.get(f)).image();
            } catch (Exception e) {
                continue;
            }
            int half = f % 2;
            for (int i = 0; i < inds.size(); i++) {
                double v;
                if (inds.get(i) instanceof CopyMove) {
                    // the largest cluster with a low minimum (for the percentiles); where it or the dense field
                    // could reach the shipped minimum, the shipped indicator runs and decides the lean
                    IndicatorResult lowMin = inds.get(i).analyze(img, IndicatorContext.of(null).withParameters(low));
                    v = lowMin.score("largest_cluster_blocks").value();
                    boolean could = v >= CopyMove.MIN_INLIERS || lowMin.score("dense_largest_pixels").value() >= CopyMove.MIN_DENSE_AREA
                            || lowMin.score("largest_keypoint_cluster").value() >= CopyMove.MIN_KEYPOINT_PAIRS;
                    if (could && inds.get(i).analyze(img, IndicatorContext.of(null)).supports() == Hypothesis.MANIPULATED) {
                        alarms[i][half]++;
                    }
                } else {
                    IndicatorResult r = inds.get(i).analyze(img, IndicatorContext.of(null));
                    if (r.supports() == Hypothesis.MANIPULATED) alarms[i][half]++;
                    v = r.headline().value();
                }
                values[i][half][counts[i][half]++] = Double.isFinite(v) ? v : 0;
            }
        }
        StringBuilder report = new StringBuilder();
        int withCluster = 0, cmIndex = inds.size() - 1;
        for (int k = 0; k < counts[cmIndex][1]; k++) if (values[cmIndex][1][k] >= CopyMove.MIN_INLIERS) withCluster++;
        report.append(String.format(Locale.ROOT, "copy-move: held-out photos with a cluster of at least %d blocks: %d of %d%n",
                CopyMove.MIN_INLIERS, withCluster, counts[cmIndex][1]));
        for (int i = 0; i < inds.size(); i++) {
            double[] held = Arrays.copyOf(values[i][1], counts[i][1]);
            double t = inds.get(i) instanceof ErrorLevelAnalysis ? ErrorLevelAnalysis.THRESHOLD
                    : inds.get(i) instanceof JpegGhosts ? JpegGhosts.THRESHOLD : inds.get(i) instanceof NoiseMap ? NoiseMap.THRESHOLD
                    : inds.get(i) instanceof ExemplarFill ? ExemplarFill.THRESHOLD : Double.NaN;
            int above = 0;
            for (double v : held) if (v >= t) above++;
            if (Double.isFinite(t)) report.append(String.format(Locale.ROOT, "%s: held-out at or above the threshold %.3f: %d of %d%n",
                    inds.get(i).id(), t, above, held.length));
        }
        for (int i = 0; i < inds.size(); i++) {
            double[] cal = Arrays.copyOf(values[i][0], counts[i][0]);
            double[] held = Arrays.copyOf(values[i][1], counts[i][1]);
            Arrays.sort(cal);
            Arrays.sort(held);
            report.append(String.format(Locale.ROOT, "%s: calibration n=%d q50=%.3f q90=%.3f q95=%.3f q97.5=%.3f max=%.3f;"
                            + " held-out n=%d q95=%.3f max=%.3f; leaning 'manipulated': calibration %d, held-out %d (%.1f %%)%n",
                    inds.get(i).id(), cal.length, q(cal, 0.5), q(cal, 0.9), q(cal, 0.95), q(cal, 0.975), cal[cal.length - 1],
                    held.length, q(held, 0.95), held[held.length - 1], alarms[i][0], alarms[i][1], 100.0 * alarms[i][1] / held.length));
        }
        System.out.print(report);
        for (int i = 0; i < inds.size(); i++) {
            assertTrue(alarms[i][1] <= MAX_FALSE_ALARM * counts[i][1], inds.get(i).id() + " false alarms on held-out real photos:\n" + report);
        }
    }

    /** Runs the measurement outside Maven (java -cp test-classes:classes:deps ...PixelCalibrationTest). */
    public static void main(String[] args) throws Exception {
        new PixelCalibrationTest().heldOutFalseAlarmRateIsAtMostFivePercent();
    }

    static double q(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /**
     * An ADE20K room papered with a printed floral pattern (a held-out photo of models/training/splits.py): the dense
     * field finds one coherent region of look-alikes whose counterpart stays under the minimum area. It is drawn, not
     * counted, so copy-move no longer leans on this untouched photo (it did before the counterpart was required).
     */
    @Test
    void aDenseRegionWithoutItsCounterpartIsDrawnNotCounted() throws Exception {
        Path dir = realPhotos();
        Assumptions.assumeTrue(dir != null, "shared/datasets/gen-vs-real/real not found beside the checkout");
        Path room = dir.resolve("taming-transformers__ade20k_images_ADE_val_00001698.jpg");
        Assumptions.assumeTrue(Files.isRegularFile(room), "the ADE20K room is not in this copy of the dataset");
        IndicatorResult r = new CopyMove().analyze(new ImageLoader().load(room).image(), IndicatorContext.of(null));
        assertEquals(1, r.score("dense_unpaired").value(), "one region without a counterpart");
        assertEquals(0, r.score("dense_regions").value(), "no pair counted");
        assertEquals(0, r.headline().value(), "no region pair in the headline");
        assertNotEquals(Hypothesis.MANIPULATED, r.supports(), "no lean on the untouched photo");
        assertTrue(r.explanation().contains("without counting"), r.explanation());
    }
}
