package org.provenant.indicators.copymove;

/** How {@link CopyMove} was measured on real photos (see PixelCalibrationTest). */
final class CopyMoveCalibration {
    static final int MIN_INLIERS = 60;
    /** True only when the false-alarm rate on held-out real photos was measured at or below 5 %. */
    static final boolean VERDICT = false;
    static final String MEASURED = "It draws no verdict: untouched real photos also show clusters (regular textures, repeated structures; PixelCalibrationTest prints how many), so judge each pair by eye.";

    private CopyMoveCalibration() { }
}
