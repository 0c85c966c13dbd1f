package org.provenant.core.render;

/**
 * Colour scales for maps. Perceptually ordered scales (viridis-like, inferno-like) for magnitudes, a diverging
 * blue-white-red scale for signed values, and grey. Anchors are approximations of the matplotlib scales of the
 * same names, interpolated linearly in sRGB.
 */
public enum ColourScale {
    VIRIDIS(new int[]{0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b, 0xfde725}),
    INFERNO(new int[]{0x000004, 0x1b0c41, 0x4a0c6b, 0x781c6d, 0xa52c60, 0xcf4446, 0xed6925, 0xfb9b06, 0xf7d13d, 0xfcffa4}),
    DIVERGING(new int[]{0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b}),
    GREY(new int[]{0x000000, 0xffffff});

    private final int[] anchors;

    ColourScale(int[] anchors) {
        this.anchors = anchors;
    }

    /** 0xRRGGBB for t in [0, 1] (clamped); NaN maps to mid grey. */
    public int rgb(double t) {
        if (Double.isNaN(t)) return 0x808080;
        t = Math.max(0, Math.min(1, t));
        double pos = t * (anchors.length - 1);
        int i = Math.min(anchors.length - 2, (int) pos);
        double f = pos - i;
        int a = anchors[i], b = anchors[i + 1];
        int r = (int) Math.round(((a >> 16) & 255) * (1 - f) + ((b >> 16) & 255) * f);
        int g = (int) Math.round(((a >> 8) & 255) * (1 - f) + ((b >> 8) & 255) * f);
        int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
        return (r << 16) | (g << 8) | bl;
    }
}
