package org.provenant.indicators.generative.realism;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calibration of the Image Realism Score: the mean of each statistic over a reference set of real photos,
 * measured at {@link RealismStatistics#WORK_SIZE}. Written by {@code provenant calibrate-irs}, shipped as
 * models/calibration/irs-reference.json and listed (with its SHA-256) in models/manifest.json as
 * {@value #MODEL_NAME}.
 *
 * @param workSize the working size the statistics were measured at
 * @param images   the reference files (names only) in the order measured
 * @param means    statistic name ({@link RealismStatistics#NAMES}) -> mean over the images
 * @param recipe   how the file was made (command and data)
 */
public record IrsReference(int workSize, List<String> images, Map<String, Double> means, String recipe) {
    public static final String MODEL_NAME = "irs-reference";
    public static final String KIND = "calibration.irs";

    public IrsReference {
        images = List.copyOf(images);
        means = new LinkedHashMap<>(means);
    }

    /** From the statistics of each reference image (rows in {@link RealismStatistics#NAMES} order). */
    public static IrsReference of(List<String> images, List<double[]> stats, String recipe) {
        Map<String, Double> means = new LinkedHashMap<>();
        for (int k = 0; k < RealismStatistics.NAMES.size(); k++) {
            double s = 0;
            for (double[] row : stats) s += row[k];
            means.put(RealismStatistics.NAMES.get(k), s / stats.size());
        }
        return new IrsReference(RealismStatistics.WORK_SIZE, images, means, recipe);
    }

    /** The means in {@link RealismStatistics#NAMES} order. */
    public double[] meanArray() {
        double[] m = new double[RealismStatistics.NAMES.size()];
        for (int k = 0; k < m.length; k++) {
            Double v = means.get(RealismStatistics.NAMES.get(k));
            if (v == null || !(v > 0)) throw new IllegalStateException("IRS reference has no positive mean for " + RealismStatistics.NAMES.get(k));
            m[k] = v;
        }
        return m;
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    public static IrsReference read(Path file) throws IOException {
        return mapper().readValue(file.toFile(), IrsReference.class);
    }

    public void write(Path file) throws IOException {
        mapper().writeValue(file.toFile(), this);
    }
}
