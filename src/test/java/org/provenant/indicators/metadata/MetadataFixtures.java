package org.provenant.indicators.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Files with metadata written by the test: a small big-endian TIFF (EXIF) writer for APP1 blocks, and PNG text
 * chunks. Hand-made so that the tests know exactly what each file says (and can write hostile blocks too).
 */
public final class MetadataFixtures {
    private MetadataFixtures() { }

    /** One IFD entry: tag, TIFF type (2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL), count, value bytes. */
    public record Entry(int tag, int type, int count, byte[] value) {
        public static Entry ascii(int tag, String s) {
            byte[] b = (s + "\0").getBytes(StandardCharsets.ISO_8859_1);
            return new Entry(tag, 2, b.length, b);
        }

        public static Entry shortValue(int tag, int v) {
            return new Entry(tag, 3, 1, new byte[]{(byte) (v >> 8), (byte) v});
        }

        public static Entry longValue(int tag, long v) {
            return new Entry(tag, 4, 1, ByteBuffer.allocate(4).putInt((int) v).array());
        }

        public static Entry rationals(int tag, long... nd) {
            ByteBuffer b = ByteBuffer.allocate(4 * nd.length);
            for (long v : nd) b.putInt((int) v);
            return new Entry(tag, 5, nd.length / 2, b.array());
        }
    }

    /**
     * A TIFF structure: IFD0 (with pointers to the EXIF and GPS IFDs when given) and optionally IFD1 with a JPEG
     * thumbnail. Offsets are computed here.
     */
    public static byte[] tiff(List<Entry> ifd0, List<Entry> exif, List<Entry> gps, byte[] thumbnail) {
        // layout: header 8 | IFD0 | EXIF IFD | GPS IFD | IFD1 | values | thumbnail
        List<List<Entry>> ifds = new ArrayList<>();
        List<Entry> main = new ArrayList<>(ifd0);
        if (exif != null) main.add(Entry.longValue(0x8769, 0));
        if (gps != null) main.add(Entry.longValue(0x8825, 0));
        ifds.add(main);
        if (exif != null) ifds.add(exif);
        if (gps != null) ifds.add(gps);
        List<Entry> ifd1 = thumbnail == null ? null : new ArrayList<>(List.of(Entry.shortValue(0x0103, 6),
                Entry.longValue(0x0201, 0), Entry.longValue(0x0202, thumbnail.length)));
        if (ifd1 != null) ifds.add(ifd1);
        int pos = 8;
        int[] ifdAt = new int[ifds.size()];
        for (int i = 0; i < ifds.size(); i++) {
            ifdAt[i] = pos;
            pos += 2 + 12 * ifds.get(i).size() + 4;
        }
        int valuesAt = pos;
        for (List<Entry> l : ifds) for (Entry e : l) if (e.value().length > 4) pos += e.value().length + (e.value().length & 1);
        int thumbAt = pos;
        // fill pointers
        int k = 1;
        if (exif != null) set(main, 0x8769, ifdAt[k++]);
        if (gps != null) set(main, 0x8825, ifdAt[k++]);
        if (ifd1 != null) set(ifd1, 0x0201, thumbAt);
        ByteBuffer out = ByteBuffer.allocate(thumbAt + (thumbnail == null ? 0 : thumbnail.length));
        out.put(new byte[]{'M', 'M', 0, 42}).putInt(8);
        int values = valuesAt;
        for (int i = 0; i < ifds.size(); i++) {
            out.position(ifdAt[i]);
            List<Entry> l = ifds.get(i);
            out.putShort((short) l.size());
            for (Entry e : l) {
                out.putShort((short) e.tag()).putShort((short) e.type()).putInt(e.count());
                if (e.value().length <= 4) {
                    byte[] v = new byte[4];
                    System.arraycopy(e.value(), 0, v, 0, e.value().length);
                    out.put(v);
                } else {
                    out.putInt(values);
                    int here = out.position();
                    out.position(values).put(e.value());
                    values += e.value().length + (e.value().length & 1);
                    out.position(here);
                }
            }
            boolean thumbNext = ifd1 != null && i == 0;
            out.putInt(thumbNext ? ifdAt[ifds.size() - 1] : 0);
        }
        if (thumbnail != null) out.position(thumbAt).put(thumbnail);
        return out.array();
    }

    private static void set(List<Entry> l, int tag, long v) {
        for (int i = 0; i < l.size(); i++) if (l.get(i).tag() == tag) l.set(i, Entry.longValue(tag, v));
    }

    /** The JPEG with an APP1 Exif segment holding {@code tiff} inserted after SOI. */
    public static byte[] withExif(byte[] jpeg, byte[] tiff) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(jpeg, 0, 2);
        int len = 2 + 6 + tiff.length;
        o.write(0xff);
        o.write(0xe1);
        o.write(len >> 8);
        o.write(len);
        o.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        o.writeBytes(tiff);
        o.write(jpeg, 2, jpeg.length - 2);
        return o.toByteArray();
    }

    /** The PNG with a tEXt chunk inserted after IHDR. */
    public static byte[] withText(byte[] png, String keyword, String text) {
        return withChunk(png, "tEXt", (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1));
    }

    public static byte[] withChunk(byte[] png, String type, byte[] data) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(png, 0, 33);   // signature + IHDR
        o.writeBytes(chunk(type, data));
        o.write(png, 33, png.length - 33);
        return o.toByteArray();
    }

    public static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 4, 4 + data.length);
        b.putInt((int) crc.getValue());
        return b.array();
    }
}
