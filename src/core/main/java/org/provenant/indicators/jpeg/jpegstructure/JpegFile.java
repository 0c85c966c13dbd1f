package org.provenant.indicators.jpeg.jpegstructure;

import java.util.ArrayList;
import java.util.List;

/**
 * The structure of a JPEG file as {@link JpegParser} found it: frame, components, quantization and Huffman tables,
 * scans with the byte range of their entropy-coded data, restart markers and every problem met on the way.
 */
final class JpegFile {
    /** One colour component of the frame. */
    record Component(int id, int h, int v, int tq) { }

    /** One scan: its components (indexes into {@link #components}), spectral range, approximation bits, data range
     *  and the Huffman tables in force when it started. */
    record Scan(int[] components, int[] dcTable, int[] acTable, int ss, int se, int ah, int al, int start, int end,
                Huffman[] dc, Huffman[] ac, int restartInterval) { }

    int sofMarker = -1;
    int precision;
    int width;
    int height;
    final List<Component> components = new ArrayList<>();
    /** Quantization tables in natural (row-major) order, null where not defined. */
    final int[][] quant = new int[4][];
    final int[] quantPrecision = new int[4];
    int restartInterval;
    int restartMarkers;
    boolean adobe;
    boolean jfif;
    final List<Scan> scans = new ArrayList<>();
    /** Segment summary in file order, e.g. "APP1 Exif (6 kB)". */
    final List<String> segments = new ArrayList<>();
    /** What is wrong with the file's structure, in plain words. */
    final List<String> problems = new ArrayList<>();

    boolean progressive() { return sofMarker == 0xc2 || sofMarker == 0xc6 || sofMarker == 0xca || sofMarker == 0xce; }

    boolean arithmetic() { return sofMarker >= 0xc9 && sofMarker <= 0xcf; }

    boolean lossless() { return sofMarker == 0xc3 || sofMarker == 0xc7 || sofMarker == 0xcb || sofMarker == 0xcf; }

    /** Whether the coefficient decoder supports this frame: Huffman-coded baseline, extended or progressive DCT. */
    boolean decodable() {
        return (sofMarker == 0xc0 || sofMarker == 0xc1 || sofMarker == 0xc2) && precision == 8 && !components.isEmpty()
                && width > 0 && height > 0;
    }

    String codingName() {
        return switch (sofMarker) {
            case 0xc0 -> "baseline DCT, Huffman";
            case 0xc1 -> "extended sequential DCT, Huffman";
            case 0xc2 -> "progressive DCT, Huffman";
            case 0xc3 -> "lossless, Huffman";
            case 0xc9 -> "extended sequential DCT, arithmetic";
            case 0xca -> "progressive DCT, arithmetic";
            case 0xcb -> "lossless, arithmetic";
            case -1 -> "no frame header";
            default -> String.format("frame type 0x%02X (hierarchical or rare)", sofMarker);
        };
    }

    int maxH() {
        int m = 1;
        for (Component c : components) m = Math.max(m, c.h());
        return m;
    }

    int maxV() {
        int m = 1;
        for (Component c : components) m = Math.max(m, c.v());
        return m;
    }

    /** Chroma subsampling in the usual J:a:b words, e.g. "4:2:0"; "grey" for one component. */
    String subsampling() {
        if (components.size() == 1) return "grey (one component)";
        if (components.size() < 3) return components.size() + " components";
        Component y = components.get(0), cb = components.get(1), cr = components.get(2);
        if (cb.h() != cr.h() || cb.v() != cr.v()) return "unusual (" + factors() + ")";
        int fh = y.h() / Math.max(1, cb.h()), fv = y.v() / Math.max(1, cb.v());
        if (y.h() % Math.max(1, cb.h()) != 0 || y.v() % Math.max(1, cb.v()) != 0) return "unusual (" + factors() + ")";
        if (fh == 1 && fv == 1) return "4:4:4 (no chroma subsampling)";
        if (fh == 2 && fv == 1) return "4:2:2";
        if (fh == 2 && fv == 2) return "4:2:0";
        if (fh == 1 && fv == 2) return "4:4:0";
        if (fh == 4 && fv == 1) return "4:1:1";
        return "unusual (" + factors() + ")";
    }

    String factors() {
        StringBuilder sb = new StringBuilder();
        for (Component c : components) sb.append(sb.length() == 0 ? "" : ", ").append(c.h()).append('x').append(c.v());
        return sb.toString();
    }
}
