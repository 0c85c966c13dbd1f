package org.provenant.indicators.jpeg.jpegstructure;

/**
 * Reads the entropy-coded bits of one scan between {@code start} and {@code end}: removes the stuffed zero after
 * 0xFF, stops at a marker (then feeds zero bits, as libjpeg does) and never reads outside the range.
 */
final class BitReader {
    private final byte[] b;
    private final int end;
    private int pos;
    private int acc;
    private int bits;
    private boolean atMarker;
    /** Zero bits fed after the data ran out (a sign of truncation when large). */
    long padded;

    BitReader(byte[] b, int start, int end) {
        this.b = b;
        this.pos = start;
        this.end = end;
    }

    int bit() {
        if (bits == 0) fill();
        bits--;
        return (acc >>> bits) & 1;
    }

    /** {@code n} bits (0..16) as an unsigned number. */
    int bits(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) v = (v << 1) | bit();
        return v;
    }

    /** T.81 EXTEND: {@code n} bits read as a signed magnitude category value. */
    int receiveExtend(int n) {
        if (n == 0) return 0;
        if (n > 16) throw new JpegDecodeException("a coefficient of impossible size (" + n + " bits)");
        int v = bits(n);
        return v < (1 << (n - 1)) ? v - (1 << n) + 1 : v;
    }

    private void fill() {
        int next = 0;
        if (!atMarker && pos < end) {
            int c = b[pos] & 0xff;
            if (c == 0xff) {
                int m = pos + 1 < end ? b[pos + 1] & 0xff : -1;
                if (m == 0) {
                    next = 0xff;
                    pos += 2;
                } else {
                    atMarker = true;
                    padded += 8;
                }
            } else {
                next = c;
                pos++;
            }
        } else {
            padded += 8;
        }
        acc = next;
        bits = 8;
    }

    /**
     * At a restart interval's end: drops the remaining bits and skips the RSTn marker; returns false when no
     * restart marker was found there.
     */
    boolean restart() {
        bits = 0;
        atMarker = false;
        if (pos + 1 < end && (b[pos] & 0xff) == 0xff && (b[pos + 1] & 0xff) >= 0xd0 && (b[pos + 1] & 0xff) <= 0xd7) {
            pos += 2;
            return true;
        }
        // look a little ahead for the marker (libjpeg resynchronises the same way)
        for (int i = pos; i + 1 < end && i < pos + 4096; i++) {
            if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) >= 0xd0 && (b[i + 1] & 0xff) <= 0xd7) {
                pos = i + 2;
                return false;
            }
        }
        return false;
    }
}
