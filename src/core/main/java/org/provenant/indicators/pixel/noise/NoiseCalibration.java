package org.provenant.indicators.pixel.noise;

/** How {@link NoiseMap} was measured on real photos (see PixelCalibrationTest). */
final class NoiseCalibration {
    /** Threshold of the headline at which it would lean, were a verdict allowed. */
    static final double THRESHOLD = 8.0;
    /** True only when the false-alarm rate on held-out real photos was measured at or below 5 %. */
    static final boolean VERDICT = false;
    static final String MEASURED = "It draws no verdict: on real photos (JPEGs above all) smooth, dark and textured areas"
            + " give their own noise levels, so deviant regions of this size are common in untouched photos (PixelCalibrationTest"
            + " prints the figures); judge the map by eye.";

    private NoiseCalibration() { }
}
