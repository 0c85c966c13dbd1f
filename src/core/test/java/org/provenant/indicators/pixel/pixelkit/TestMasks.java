package org.provenant.indicators.pixel.pixelkit;

/** Known masks of the test edits. */
public final class TestMasks {
    private TestMasks() { }

    public static boolean[] rect(int w, int h, int x, int y, int rw, int rh) {
        boolean[] m = new boolean[w * h];
        for (int r = y; r < y + rh; r++) for (int c = x; c < x + rw; c++) m[r * w + c] = true;
        return m;
    }
}
