package org.provenant.core.io;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * What a classic JPEG file's headers say about its compression: the chroma subsampling of its frame (SOF) and the
 * mean of its luminance quantization table (DQT). Read from the bytes, so a JPEG is known as one whatever its name.
 *
 * @param chroma       "4:4:4", "4:2:2", "4:2:0", "4:1:1", "grey" or "other"
 * @param meanLumaStep mean of the 64 entries of the first component's quantization table (1 = quality 100,
 *                     for IJG tables about 2.4 at quality 98, 11.5 at 90, 23 at 80, 58 at 50); NaN when the table is missing
 */
public record JpegStructure(String chroma, double meanLumaStep) {
    /** Whether the chroma planes are stored at a lower resolution than luma. */
    public boolean subsampledChroma() {
        return chroma.equals("4:2:0") || chroma.equals("4:2:2") || chroma.equals("4:1:1");
    }

    /** The structure of the evidence file when it is a JPEG; empty for other formats or unreadable headers. */
    public static Optional<JpegStructure> of(Evidence e) {
        if (e == null) return Optional.empty();
        return parse(e.bytes());
    }

    /** Parses the markers up to the first scan ({@link JpegSegments}, strict). */
    public static Optional<JpegStructure> parse(ByteBuffer b) {
        if (b.remaining() < 4 || !JpegSegments.startsJpeg(b)) return Optional.empty();
        JpegSegments walk = JpegSegments.strict(b);
        double[] tables = new double[4];
        java.util.Arrays.fill(tables, Double.NaN);
        String chroma = null;
        int lumaTable = 0;
        for (JpegSegments.Segment seg = walk.next(); seg != null; seg = walk.next()) {
            int m = seg.marker();
            if (m == JpegSegments.SOS || m == JpegSegments.EOI) break;
            if (seg.standalone()) continue;
            int s = seg.data(), end = seg.end();
            if (m == JpegSegments.DQT) {
                int q = s;
                while (q < end) {
                    int pq = (b.get(q) & 0xff) >> 4, tq = b.get(q) & 0x0f;
                    int size = pq == 0 ? 1 : 2;
                    double sum = 0;
                    for (int i = 0; i < 64 && q + 1 + i * size + size <= end; i++) {
                        int o = q + 1 + i * size;
                        sum += size == 1 ? (b.get(o) & 0xff) : (((b.get(o) & 0xff) << 8) | (b.get(o + 1) & 0xff));
                    }
                    if (tq < 4) tables[tq] = sum / 64;
                    q += 1 + 64 * size;
                }
            } else if (seg.frame()) {
                int comps = seg.dataLength() >= 6 ? b.get(s + 5) & 0xff : 0;
                if (comps == 1) chroma = "grey";
                else if (comps >= 3 && s + 6 + 3 * comps <= end) {
                    int[] h = new int[comps], v = new int[comps];
                    for (int c = 0; c < comps; c++) {
                        int f = b.get(s + 7 + 3 * c) & 0xff;
                        h[c] = f >> 4;
                        v[c] = f & 0x0f;
                        if (c == 0) lumaTable = b.get(s + 8 + 3 * c) & 0x0f;
                    }
                    chroma = chroma(h, v);
                } else chroma = "other";
            }
        }
        if (walk.end() == JpegSegments.End.JUNK || walk.endedOnBadLength()) return Optional.empty();
        if (chroma == null) return Optional.empty();
        return Optional.of(new JpegStructure(chroma, lumaTable < 4 ? tables[lumaTable] : Double.NaN));
    }

    private static String chroma(int[] h, int[] v) {
        if (h[1] != h[2] || v[1] != v[2] || h[1] == 0 || v[1] == 0) return "other";
        int rh = h[0] / h[1], rv = v[0] / v[1];
        if (rh == 1 && rv == 1) return "4:4:4";
        if (rh == 2 && rv == 1) return "4:2:2";
        if (rh == 2 && rv == 2) return "4:2:0";
        if (rh == 4 && rv == 1) return "4:1:1";
        return "other";
    }
}
