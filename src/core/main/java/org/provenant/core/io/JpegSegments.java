package org.provenant.core.io;

import java.nio.ByteBuffer;

/**
 * The one walk over a JPEG file's markers (ITU-T T.81 Annex B), shared by everything that reads JPEG structure: the
 * loader's container check, the compression summary ({@link JpegStructure}), the JPEG-structure indicator, the C2PA
 * carrier and box hashes, and the EXIF thumbnail. It reads from the first byte, returns each marker in file order
 * (markers without a length, such as SOI, RSTn and EOI, too), steps over the entropy-coded data after a scan header
 * ({@link #scan()} measures it), and ends at the end-of-image marker or where the file stops making sense.
 *
 * <p>Hostile input is safe: every declared length is checked against what is left before it is used, nothing is
 * allocated by a declared size, and each call advances by at least one byte, so a walk is bounded by the file size.
 * Why it ended is {@link #end()}; callers word the problem for their own readers.
 *
 * <pre>{@code
 * JpegSegments walk = JpegSegments.strict(bytes);
 * for (JpegSegments.Segment s = walk.next(); s != null; s = walk.next()) {
 *     if (s.marker() == JpegSegments.SOS) break;               // headers only
 *     if (s.marker() == JpegSegments.DQT) readTables(bytes, s.data(), s.end());
 * }
 * }</pre>
 */
public final class JpegSegments {
    public static final int SOI = 0xd8, EOI = 0xd9, SOS = 0xda, DQT = 0xdb, DHT = 0xc4, DRI = 0xdd, COM = 0xfe;
    public static final int APP0 = 0xe0, APP1 = 0xe1, APP2 = 0xe2, APP11 = 0xeb, APP14 = 0xee;

    /** Why a walk ended; {@link #GOING} while it has not. */
    public enum End {
        GOING,
        /** the end-of-image marker was read */
        END_OF_IMAGE,
        /** the file ends where a marker should come (truncated) */
        NO_MARKER,
        /** a strict walk met a byte that is not a marker where one should be */
        JUNK,
        /** the file ends inside a segment's length field */
        CUT_HEADER,
        /** a segment declares a length below 2 */
        BAD_LENGTH,
        /** a segment declares more bytes than the file has left */
        PAST_END
    }

    /**
     * One marker and its segment.
     *
     * @param marker the marker code (0xC0..0xFE)
     * @param start  offset of the 0xFF just before the marker code
     * @param length the declared length (it counts its own two bytes); 0 for a marker that has none
     */
    public record Segment(int marker, int start, int length) {
        /** Whether the marker stands alone (SOI, EOI, RSTn, TEM): no length, no data. */
        public boolean standalone() { return length == 0; }
        /** Offset of the segment's first data byte (after marker and length). */
        public int data() { return start + 4; }
        /** Bytes of data after the length field. */
        public int dataLength() { return Math.max(0, length - 2); }
        /** Offset just past the segment (for a scan header: where its entropy-coded data begins). */
        public int end() { return standalone() ? start + 2 : start + 2 + length; }
        /** A frame header SOFn (any coding process). */
        public boolean frame() { return isFrame(marker); }
    }

    /**
     * The entropy-coded data of one scan.
     *
     * @param start     offset of its first byte (just past the scan header)
     * @param end       offset of the marker that ends it, or the file size when it runs to the end
     * @param restarts  restart markers (RSTn) inside it
     * @param truncated whether it runs to the end of the file with no marker after it
     */
    public record Scan(int start, int end, int restarts, boolean truncated) {
        public int bytes() { return end - start; }
    }

    private final ByteBuffer b;
    private final int n;
    private final boolean strict;
    private int pos;
    private Segment pendingScan;
    private End end = End.GOING;
    private Segment endSegment;

    private JpegSegments(ByteBuffer b, boolean strict) {
        this.b = b;
        this.n = b.limit();
        this.strict = strict;
    }

    /** A walk that skips bytes that are not markers between segments, as libjpeg does (with a warning). */
    public static JpegSegments tolerant(byte[] bytes) {
        return new JpegSegments(ByteBuffer.wrap(bytes), false);
    }

    /** A walk that ends ({@link End#JUNK}) at a byte that is not a marker where a marker should be. */
    public static JpegSegments strict(byte[] bytes) {
        return new JpegSegments(ByteBuffer.wrap(bytes), true);
    }

    /** A strict walk over a buffer's bytes from index 0 to its limit (absolute reads: its position is left alone). */
    public static JpegSegments strict(ByteBuffer bytes) {
        return new JpegSegments(bytes, true);
    }

    /** Whether the bytes start with the start-of-image marker. */
    public static boolean startsJpeg(ByteBuffer bytes) {
        return bytes.limit() >= 2 && (bytes.get(0) & 0xff) == 0xff && (bytes.get(1) & 0xff) == SOI;
    }

    /** Whether a marker code is a frame header SOFn. */
    public static boolean isFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != DHT && marker != 0xc8 && marker != 0xcc;
    }

    /**
     * The next marker, or null when the walk has ended ({@link #end()} says why). After a scan header the next call
     * first steps over the scan's entropy-coded data (see {@link #scan()}).
     */
    public Segment next() {
        if (pendingScan != null) scan();
        if (end != End.GOING) return null;
        if (strict && pos < n && u8(pos) != 0xff) return stop(End.JUNK, null);
        while (pos < n && u8(pos) != 0xff) pos++;   // bytes that are not markers (tolerant walk only)
        while (pos < n && u8(pos) == 0xff) pos++;   // fill bytes
        if (pos >= n) return stop(End.NO_MARKER, null);
        int marker = u8(pos), start = pos - 1;
        pos++;
        if (marker == SOI || marker == EOI || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
            if (marker == EOI) end = End.END_OF_IMAGE;
            return new Segment(marker, start, 0);
        }
        if (pos + 2 > n) return stop(End.CUT_HEADER, new Segment(marker, start, 0));
        int length = (u8(pos) << 8) | u8(pos + 1);
        Segment s = new Segment(marker, start, length);
        if (length < 2) return stop(End.BAD_LENGTH, s);
        if (pos + length > n) return stop(End.PAST_END, s);
        pos += length;
        if (marker == SOS) pendingScan = s;
        return s;
    }

    /**
     * Steps over the entropy-coded data of the scan whose header {@link #next()} just returned: to the first marker
     * that is neither a stuffed zero (FF 00), a fill byte nor a restart marker. Null when the last segment was not a
     * scan header (or its data was already stepped over).
     */
    public Scan scan() {
        if (pendingScan == null) return null;
        int i = pendingScan.end(), first = i, restarts = 0;
        pendingScan = null;
        while (i + 1 < n) {
            if (u8(i) == 0xff) {
                int m = u8(i + 1);
                if (m == 0 || m == 0xff) {
                    i += m == 0 ? 2 : 1;
                    continue;
                }
                if (m >= 0xd0 && m <= 0xd7) {
                    restarts++;
                    i += 2;
                    continue;
                }
                break;
            }
            i++;
        }
        boolean truncated = i + 1 >= n;
        pos = truncated ? n : i;
        return new Scan(first, pos, restarts, truncated);
    }

    /** Why the walk ended, or {@link End#GOING}. */
    public End end() { return end; }

    /**
     * The segment whose header ended the walk ({@link End#CUT_HEADER}: its length 0; {@link End#BAD_LENGTH},
     * {@link End#PAST_END}: its declared length), or null.
     */
    public Segment endSegment() { return endSegment; }

    /** Whether the walk ended on a segment whose declared length is impossible or runs past the file. */
    public boolean endedOnBadLength() {
        return end == End.BAD_LENGTH || end == End.PAST_END;
    }

    /** Where the walk stands: the offset the next call reads from. */
    public int position() { return pos; }

    /** Bytes in the file. */
    public int size() { return n; }

    private Segment stop(End why, Segment at) {
        end = why;
        endSegment = at;
        return null;
    }

    private int u8(int i) {
        return b.get(i) & 0xff;
    }
}
