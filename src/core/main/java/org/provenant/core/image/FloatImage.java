package org.provenant.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.Arrays;

/**
 * A planar floating-point image: one {@code float[]} per channel, row-major, values nominally in [0, 1].
 * Channels are R, G, B for colour images (alpha is dropped at load) or a single grey channel.
 * Instances are treated as immutable by convention: indicators never write into an input image.
 */
public final class FloatImage {
    private final int width;
    private final int height;
    private final float[][] planes;

    public FloatImage(int width, int height, float[][] planes) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("empty image " + width + "x" + height);
        if (planes.length == 0) throw new IllegalArgumentException("no channels");
        for (float[] p : planes) {
            if (p.length != width * height) throw new IllegalArgumentException("plane size mismatch");
        }
        this.width = width;
        this.height = height;
        this.planes = planes;
    }

    public static FloatImage blank(int width, int height, int channels) {
        float[][] p = new float[channels][width * height];
        return new FloatImage(width, height, p);
    }

    public int width() { return width; }
    public int height() { return height; }
    public int channels() { return planes.length; }
    public int pixels() { return width * height; }
    /** The backing plane of channel {@code c}; callers must not modify it unless they own the image. */
    public float[] plane(int c) { return planes[c]; }
    public float get(int c, int x, int y) { return planes[c][y * width + x]; }

    public FloatImage copy() {
        float[][] p = new float[planes.length][];
        for (int i = 0; i < p.length; i++) p[i] = planes[i].clone();
        return new FloatImage(width, height, p);
    }

    /**
     * Whether every channel's values span at most {@code spread} (one flat colour); stops at the first row that
     * disproves it, so a picture with content costs a few rows. NaN samples count as content.
     */
    public boolean isUniform(double spread) {
        for (float[] p : planes) {
            if (p.length == 0) continue;
            float min = p[0], max = p[0];
            for (int y = 0; y < height; y++) {
                for (int x = y * width, end = x + width; x < end; x++) {
                    float v = p[x];
                    if (!(v == v)) return false;
                    if (v < min) min = v;
                    if (v > max) max = v;
                }
                if (max - min > spread) return false;
            }
        }
        return true;
    }

    /** Grey (luma, BT.601 weights) version; a single-channel image is returned as is. */
    public FloatImage toGrey() {
        if (channels() == 1) return this;
        float[] r = planes[0], g = planes[1], b = planes[2];
        float[] y = new float[pixels()];
        for (int i = 0; i < y.length; i++) y[i] = 0.299f * r[i] + 0.587f * g[i] + 0.114f * b[i];
        return new FloatImage(width, height, new float[][]{y});
    }

    /** Expands a grey image to three identical channels; colour images are returned as is. */
    public FloatImage toRgb() {
        if (channels() >= 3) return this;
        return new FloatImage(width, height, new float[][]{planes[0].clone(), planes[0].clone(), planes[0].clone()});
    }

    /** Sub-image copy of the rectangle (x, y, w, h). */
    public FloatImage crop(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("crop outside image");
        }
        float[][] p = new float[planes.length][w * h];
        for (int c = 0; c < planes.length; c++) {
            for (int r = 0; r < h; r++) System.arraycopy(planes[c], (y + r) * width + x, p[c], r * w, w);
        }
        return new FloatImage(w, h, p);
    }

    /**
     * Converts any BufferedImage to planar floats in [0, 1], keeping the full precision of 16-bit samples.
     * Alpha is discarded; palette and packed formats go through their colour model.
     */
    public static FloatImage fromBufferedImage(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        Raster raster = img.getRaster();
        java.awt.image.ColorModel cm = img.getColorModel();
        int colourType = cm.getColorSpace().getType();
        boolean component = cm instanceof java.awt.image.ComponentColorModel
                && raster.getTransferType() != java.awt.image.DataBuffer.TYPE_FLOAT
                && raster.getTransferType() != java.awt.image.DataBuffer.TYPE_DOUBLE;
        if (component && (colourType == java.awt.color.ColorSpace.TYPE_GRAY || colourType == java.awt.color.ColorSpace.TYPE_RGB)) {
            // read samples directly: keeps 16-bit precision (the embedded ICC profile is reported, not applied)
            int colourBands = colourType == java.awt.color.ColorSpace.TYPE_GRAY ? 1 : 3;
            int[] sampleSize = raster.getSampleModel().getSampleSize();
            float[][] p = new float[colourBands][w * h];
            if (readInterleaved(raster, colourBands, sampleSize, p)) return new FloatImage(w, h, p);
            float[] row = new float[w];
            for (int c = 0; c < colourBands; c++) {
                double max = (1L << sampleSize[c]) - 1;
                for (int y = 0; y < h; y++) {
                    raster.getSamples(0, y, w, 1, c, row);
                    int base = y * w;
                    for (int x = 0; x < w; x++) p[c][base + x] = (float) (row[x] / max);
                }
            }
            return new FloatImage(w, h, p);
        }
        // generic path through the colour model (palette, packed, CMYK, float): 8 bits per channel sRGB
        float[][] p = new float[3][w * h];
        int[] rgb = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, rgb, 0, w);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int v = rgb[x];
                p[0][base + x] = ((v >> 16) & 0xff) / 255f;
                p[1][base + x] = ((v >> 8) & 0xff) / 255f;
                p[2][base + x] = (v & 0xff) / 255f;
            }
        }
        return new FloatImage(w, h, p);
    }

    /**
     * Fast path for the rasters ImageIO usually returns (interleaved bytes or shorts in one bank, e.g.
     * TYPE_3BYTE_BGR, TYPE_BYTE_GRAY, 16-bit TIFF/PNG): reads the backing array directly instead of one
     * {@code getSamples} call per row and band, which is several times faster on a 12 MP image.
     * Returns false (nothing written) for any other layout; the caller then takes the generic path.
     */
    private static boolean readInterleaved(Raster raster, int bands, int[] sampleSize, float[][] p) {
        if (!(raster.getSampleModel() instanceof java.awt.image.ComponentSampleModel csm)) return false;
        java.awt.image.DataBuffer db = raster.getDataBuffer();
        if (db.getNumBanks() != 1) return false;
        int[] banks = csm.getBankIndices();
        for (int c = 0; c < bands; c++) if (banks[c] != 0) return false;
        int w = raster.getWidth(), h = raster.getHeight();
        int pixelStride = csm.getPixelStride(), scanline = csm.getScanlineStride();
        int[] bandOffsets = csm.getBandOffsets();
        int base0 = db.getOffset() - raster.getSampleModelTranslateY() * scanline
                - raster.getSampleModelTranslateX() * pixelStride;
        final byte[] bytes;
        final short[] shorts;
        if (db instanceof java.awt.image.DataBufferByte b) { bytes = b.getData(); shorts = null; }
        else if (db instanceof java.awt.image.DataBufferUShort u) { bytes = null; shorts = u.getData(); }
        else return false;
        for (int c = 0; c < bands; c++) {
            double max = (1L << sampleSize[c]) - 1; // same arithmetic as the generic path
            int mask = (int) ((1L << sampleSize[c]) - 1);
            float[] out = p[c];
            int off = bandOffsets[c];
            java.util.stream.IntStream.range(0, h).parallel().forEach(y -> {
                int src = base0 + y * scanline + off;
                int dst = y * w;
                if (bytes != null) {
                    for (int x = 0; x < w; x++, src += pixelStride) out[dst + x] = (float) ((bytes[src] & mask) / max);
                } else {
                    for (int x = 0; x < w; x++, src += pixelStride) out[dst + x] = (float) ((shorts[src] & mask) / max);
                }
            });
        }
        return true;
    }

    /** 8-bit sRGB rendering (values clamped to [0, 1]). */
    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        boolean grey = channels() < 3;
        for (int y = 0; y < height; y++) {
            int base = y * width;
            for (int x = 0; x < width; x++) {
                int r = to8(planes[0][base + x]);
                int g = grey ? r : to8(planes[1][base + x]);
                int b = grey ? r : to8(planes[2][base + x]);
                row[x] = (r << 16) | (g << 8) | b;
            }
            out.setRGB(0, y, width, 1, row, 0, width);
        }
        return out;
    }

    private static int to8(float v) {
        int i = Math.round(v * 255f);
        return i < 0 ? 0 : Math.min(255, i);
    }

    /** Rounds every sample to the 8-bit grid, as saving to an 8-bit file would. */
    public FloatImage quantize8() {
        float[][] p = new float[planes.length][];
        for (int c = 0; c < planes.length; c++) {
            p[c] = new float[planes[c].length];
            for (int i = 0; i < p[c].length; i++) p[c][i] = to8(planes[c][i]) / 255f;
        }
        return new FloatImage(width, height, p);
    }

    @Override
    public String toString() {
        return "FloatImage[" + width + "x" + height + "x" + planes.length + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FloatImage f)) return false;
        return f.width == width && f.height == height && Arrays.deepEquals(f.planes, planes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.deepHashCode(planes);
    }
}
