package org.provenant.indicators.jpeg.jpegstructure;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.provenant.core.io.JpegSegments;

/**
 * Reads the segments of a JPEG file (ITU-T T.81 Annex B) through {@link JpegSegments}, tolerant of junk between
 * them: frame header, quantization and Huffman tables, restart interval, scans and the extent of their entropy-coded
 * data. Bounded: the walk checks every declared length against what is left; this caps the number of segments and
 * scans and never allocates by a declared size. What is wrong is collected as plain-words problems; parsing stops at the first fatal one.
 */
final class JpegParser {
    /** Natural (row-major) index of the k-th coefficient in zig-zag order. */
    static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
        21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53,
        60, 61, 54, 47, 55, 62, 63};
    static final int MAX_SEGMENTS = 10_000;
    static final int MAX_SCANS = 200;

    private JpegParser() { }

    static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff;
    }

    static JpegFile parse(byte[] b) {
        JpegFile f = new JpegFile();
        Huffman[] dc = new Huffman[4], ac = new Huffman[4];
        JpegSegments walk = JpegSegments.tolerant(b);
        int segments = 0;
        while (segments++ < MAX_SEGMENTS) {
            JpegSegments.Segment s = walk.next();
            if (s == null) {
                f.problems.add(ended(walk));
                return f;
            }
            int marker = s.marker();
            if (marker == JpegSegments.EOI) return f;
            if (s.standalone()) continue;
            int data = s.data(), end = s.end(), len = s.length();
            try {
                switch (marker) {
                    case 0xdb -> dqt(b, data, end, f);
                    case 0xc4 -> dht(b, data, end, dc, ac);
                    case 0xdd -> f.restartInterval = len >= 4 ? u16(b, data) : 0;
                    case 0xda -> {
                        sos(b, data, end, f, dc, ac, walk.scan());
                        continue;
                    }
                    default -> {
                        if (s.frame()) sof(b, data, end, marker, f);
                        if (marker == 0xe0 && ascii(b, data, end, 5).equals("JFIF\0")) f.jfif = true;
                        if (marker == 0xee && ascii(b, data, end, 5).equals("Adobe")) f.adobe = true;
                    }
                }
            } catch (IllegalArgumentException e) {
                f.problems.add("the " + name(marker) + " segment at byte " + s.start() + " is malformed: " + e.getMessage());
                return f;
            }
            f.segments.add(name(marker) + label(b, marker, data, end) + " (" + kb(len) + ")");
        }
        f.problems.add("more than " + MAX_SEGMENTS + " segments: not read further");
        return f;
    }

    /** The problem, in words, of a walk that ended before the end-of-image marker. */
    private static String ended(JpegSegments walk) {
        JpegSegments.Segment s = walk.endSegment();
        return switch (walk.end()) {
            case CUT_HEADER -> "the file ends inside a segment header (truncated)";
            case BAD_LENGTH, PAST_END -> String.format(Locale.ROOT, "the %s segment at byte %d declares %d bytes, but %s",
                    name(s.marker()), s.start(), s.length(), s.length() < 2 ? "that is impossible"
                            : "only " + (walk.size() - s.start() - 2) + " are left");
            default -> "the file ends before its end-of-image marker (truncated)";
        };
    }

    private static void dqt(byte[] b, int p, int end, JpegFile f) {
        while (p < end) {
            int pq = (b[p] & 0xff) >> 4, tq = b[p] & 15;
            if (tq > 3) throw new IllegalArgumentException("quantization table number " + tq + " (at most 3)");
            int n = pq == 0 ? 64 : 128;
            if (p + 1 + n > end) throw new IllegalArgumentException("the quantization table is cut short");
            int[] t = new int[64];
            for (int k = 0; k < 64; k++) {
                int v = pq == 0 ? b[p + 1 + k] & 0xff : u16(b, p + 1 + 2 * k);
                if (v == 0) throw new IllegalArgumentException("a quantization step of zero");
                t[ZIGZAG[k]] = v;
            }
            f.quant[tq] = t;
            f.quantPrecision[tq] = pq == 0 ? 8 : 16;
            p += 1 + n;
        }
    }

    private static void dht(byte[] b, int p, int end, Huffman[] dc, Huffman[] ac) {
        while (p < end) {
            if (p + 17 > end) throw new IllegalArgumentException("the Huffman table is cut short");
            int tc = (b[p] & 0xff) >> 4, th = b[p] & 15;
            if (tc > 1 || th > 3) throw new IllegalArgumentException("Huffman table class " + tc + " number " + th);
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) total += counts[i] = b[p + 1 + i] & 0xff;
            if (total > 256 || p + 17 + total > end) throw new IllegalArgumentException("the Huffman table declares " + total + " symbols");
            int[] values = new int[total];
            for (int i = 0; i < total; i++) values[i] = b[p + 17 + i] & 0xff;
            (tc == 0 ? dc : ac)[th] = new Huffman(counts, values);
            p += 17 + total;
        }
    }

    private static void sof(byte[] b, int p, int end, int marker, JpegFile f) {
        if (f.sofMarker != -1) throw new IllegalArgumentException("a second frame header");
        if (end - p < 6) throw new IllegalArgumentException("the frame header is cut short");
        f.sofMarker = marker;
        f.precision = b[p] & 0xff;
        f.height = u16(b, p + 1);
        f.width = u16(b, p + 3);
        int n = b[p + 5] & 0xff;
        if (n == 0 || n > 4 || p + 6 + 3 * n > end) throw new IllegalArgumentException(n + " components");
        for (int i = 0; i < n; i++) {
            int q = p + 6 + 3 * i;
            int h = (b[q + 1] & 0xff) >> 4, v = b[q + 1] & 15, tq = b[q + 2] & 0xff;
            if (h < 1 || h > 4 || v < 1 || v > 4 || tq > 3) throw new IllegalArgumentException("component " + i + " sampling " + h + "x" + v + " table " + tq);
            f.components.add(new JpegFile.Component(b[q] & 0xff, h, v, tq));
        }
    }

    /** Reads a scan header and records the scan, whose entropy-coded data the walk has just stepped over. */
    private static void sos(byte[] b, int p, int end, JpegFile f, Huffman[] dc, Huffman[] ac, JpegSegments.Scan coded) {
        int ns = end > p ? b[p] & 0xff : 0;
        if (ns < 1 || ns > 4 || p + 1 + 2 * ns + 3 > end) throw new IllegalArgumentException("the scan header is malformed");
        int[] comps = new int[ns], td = new int[ns], ta = new int[ns];
        for (int i = 0; i < ns; i++) {
            int id = b[p + 1 + 2 * i] & 0xff;
            comps[i] = -1;
            for (int c = 0; c < f.components.size(); c++) if (f.components.get(c).id() == id) comps[i] = c;
            if (comps[i] < 0) throw new IllegalArgumentException("the scan names component " + id + ", which the frame lacks");
            td[i] = (b[p + 2 + 2 * i] & 0xff) >> 4;
            ta[i] = b[p + 2 + 2 * i] & 15;
            if (td[i] > 3 || ta[i] > 3) throw new IllegalArgumentException("Huffman table number above 3");
        }
        int q = p + 1 + 2 * ns;
        int ss = b[q] & 0xff, se = b[q + 1] & 0xff, ah = (b[q + 2] & 0xff) >> 4, al = b[q + 2] & 15;
        if (ss > 63 || se > 63 || ss > se || al > 13) throw new IllegalArgumentException("spectral range " + ss + ".." + se);
        if (coded.truncated()) {
            f.problems.add("the coded data of scan " + (f.scans.size() + 1) + " runs to the end of the file (truncated)");
        }
        f.restartMarkers += coded.restarts();
        if (f.scans.size() < MAX_SCANS) {
            f.scans.add(new JpegFile.Scan(comps, td, ta, ss, se, ah, al, end, coded.end(), dc.clone(), ac.clone(), f.restartInterval));
        } else if (f.scans.size() == MAX_SCANS) {
            f.problems.add("more than " + MAX_SCANS + " scans: the rest are not decoded");
        }
        f.segments.add("SOS scan " + f.scans.size() + " (" + kb(coded.bytes()) + " of coded data)");
    }

    static String name(int m) {
        if (m >= 0xe0 && m <= 0xef) return "APP" + (m - 0xe0);
        return switch (m) {
            case 0xdb -> "DQT";
            case 0xc4 -> "DHT";
            case 0xdd -> "DRI";
            case 0xda -> "SOS";
            case 0xfe -> "COM";
            case 0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf -> String.format("SOF%d", m - 0xc0);
            default -> String.format("marker 0x%02X", m);
        };
    }

    private static String label(byte[] b, int marker, int p, int end) {
        if (marker < 0xe0 || marker > 0xef) return "";
        String s = ascii(b, p, end, 12);
        int nul = s.indexOf('\0');
        s = (nul >= 0 ? s.substring(0, nul) : s).replaceAll("[^\\x20-\\x7e]", "");
        return s.isEmpty() ? "" : " " + s;
    }

    private static String ascii(byte[] b, int p, int end, int n) {
        return new String(b, p, Math.max(0, Math.min(n, end - p)), StandardCharsets.ISO_8859_1);
    }

    private static String kb(int n) {
        return n < 2048 ? n + " bytes" : (n / 1024) + " kB";
    }

    static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }
}
