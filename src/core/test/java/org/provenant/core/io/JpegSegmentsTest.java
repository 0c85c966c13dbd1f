package org.provenant.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one JPEG segment reader: markers in order, scans stepped over, and every way a walk ends. */
class JpegSegmentsTest {
    /** SOI, APP0 (3 data bytes), fill bytes, DQT (1), SOS (1) + coded data with a stuffed byte and a restart, EOI. */
    private static byte[] file() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(bytes(0xff, 0xd8));
        o.writeBytes(bytes(0xff, 0xe0, 0x00, 0x05, 'a', 'b', 'c'));
        o.writeBytes(bytes(0xff, 0xff, 0xff, 0xdb, 0x00, 0x03, 0x07));
        o.writeBytes(bytes(0xff, 0xda, 0x00, 0x03, 0x01));
        o.writeBytes(bytes(0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0x78));
        o.writeBytes(bytes(0xff, 0xd9));
        return o.toByteArray();
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    private static List<String> walk(JpegSegments w) {
        List<String> out = new ArrayList<>();
        for (JpegSegments.Segment s = w.next(); s != null; s = w.next()) {
            out.add(Integer.toHexString(s.marker()) + "@" + s.start() + "+" + s.length());
        }
        return out;
    }

    @Test
    void returnsEveryMarkerInOrderAndStepsOverTheScan() {
        byte[] b = file();
        JpegSegments w = JpegSegments.strict(b);
        List<JpegSegments.Segment> segs = new ArrayList<>();
        JpegSegments.Scan scan = null;
        for (JpegSegments.Segment s = w.next(); s != null; s = w.next()) {
            segs.add(s);
            if (s.marker() == JpegSegments.SOS) scan = w.scan();
        }
        assertEquals(List.of(0xd8, 0xe0, 0xdb, 0xda, 0xd9), segs.stream().map(JpegSegments.Segment::marker).toList());
        JpegSegments.Segment app0 = segs.get(1);
        assertEquals(6, app0.data());
        assertEquals(3, app0.dataLength());
        assertEquals(9, app0.end());
        assertEquals(11, segs.get(2).start(), "the 0xFF just before the marker, after the fill bytes");
        assertEquals(21, scan.start());
        assertEquals(29, scan.end(), "the coded data ends at the end-of-image marker");
        assertEquals(1, scan.restarts());
        assertFalse(scan.truncated());
        assertEquals(JpegSegments.End.END_OF_IMAGE, w.end());
        assertNull(w.scan(), "no scan header pending");
    }

    @Test
    void aWalkThatDoesNotAskForTheScanStillStepsOverIt() {
        List<String> markers = walk(JpegSegments.strict(file()));
        assertEquals(List.of("d8@0+0", "e0@2+5", "db@11+3", "da@16+3", "d9@29+0"), markers);
    }

    @Test
    void junkBetweenSegmentsEndsAStrictWalkAndIsSkippedByATolerantOne() {
        byte[] b = file();
        byte[] junk = new byte[b.length + 2];
        System.arraycopy(b, 0, junk, 0, 9);
        junk[9] = 0x11;
        junk[10] = 0x22;
        System.arraycopy(b, 9, junk, 11, b.length - 9);
        JpegSegments strict = JpegSegments.strict(junk);
        assertEquals(2, walk(strict).size());
        assertEquals(JpegSegments.End.JUNK, strict.end());
        JpegSegments tolerant = JpegSegments.tolerant(junk);
        assertEquals(5, walk(tolerant).size());
        assertEquals(JpegSegments.End.END_OF_IMAGE, tolerant.end());
    }

    @Test
    void everyWayAWalkEndsEarly() {
        byte[] b = file();
        JpegSegments cut = JpegSegments.strict(Arrays.copyOf(b, 5));   // the APP0 length field is cut in half
        assertEquals(1, walk(cut).size());
        assertEquals(JpegSegments.End.CUT_HEADER, cut.end());
        assertEquals(0xe0, cut.endSegment().marker());

        byte[] longer = b.clone();
        longer[5] = 0x7f;                                                 // APP0 declares 127 bytes
        JpegSegments past = JpegSegments.strict(longer);
        walk(past);
        assertEquals(JpegSegments.End.PAST_END, past.end());
        assertEquals(127, past.endSegment().length());
        assertTrue(past.endedOnBadLength());

        byte[] one = b.clone();
        one[5] = 0x01;
        JpegSegments bad = JpegSegments.strict(one);
        walk(bad);
        assertEquals(JpegSegments.End.BAD_LENGTH, bad.end());
        assertEquals(2, bad.endSegment().start());

        JpegSegments truncated = JpegSegments.strict(Arrays.copyOf(b, 26));   // inside the coded data
        JpegSegments.Scan scan = null;
        for (JpegSegments.Segment s = truncated.next(); s != null; s = truncated.next()) {
            if (s.marker() == JpegSegments.SOS) scan = truncated.scan();
        }
        assertTrue(scan.truncated());
        assertEquals(26, scan.end());
        assertEquals(JpegSegments.End.NO_MARKER, truncated.end());
    }

    @Test
    void aRealEncoderOutputWalksToItsEndWithOneFrameAndOneScan() throws Exception {
        BufferedImage img = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) for (int x = 0; x < 48; x++) img.setRGB(x, y, (x * 5) << 16 | (y * 6) << 8 | (x * y & 0xff));
        byte[] jpeg = TestJpeg.encode(img, 0.9f);
        JpegSegments w = JpegSegments.tolerant(jpeg);
        int frames = 0, scans = 0;
        for (JpegSegments.Segment s = w.next(); s != null; s = w.next()) {
            if (s.frame()) frames++;
            if (s.marker() == JpegSegments.SOS) {
                scans++;
                assertTrue(w.scan().bytes() > 0);
            }
        }
        assertEquals(1, frames);
        assertEquals(1, scans);
        assertEquals(JpegSegments.End.END_OF_IMAGE, w.end());
        assertEquals(jpeg.length, w.position());
    }
}
