package org.provenant.indicators.file.metadata;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.provenant.indicators.jpeg.jpegstructure.JpegFixtures;
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

    /** A JPEG as a camera might write it: make, model, dates, pixel size, GPS and a thumbnail of the picture. */
    public static byte[] cameraJpeg(String software, String modified, BufferedImage thumbnailOf) {
        List<Entry> ifd0 = new ArrayList<>(List.of(Entry.ascii(0x010f, "Canon"), Entry.ascii(0x0110, "Canon EOS 5D Mark IV"),
                Entry.ascii(0x0132, modified)));
        if (software != null) ifd0.add(Entry.ascii(0x0131, software));
        List<Entry> exif = List.of(Entry.ascii(0x9003, "2024:05:01 10:00:00"), Entry.ascii(0x9004, "2024:05:01 10:00:00"),
                Entry.longValue(0xa002, JpegFixtures.sample("coffee.png").getWidth()), Entry.longValue(0xa003, JpegFixtures.sample("coffee.png").getHeight()));
        List<Entry> gps = List.of(Entry.ascii(0x0001, "N"), Entry.rationals(0x0002, 48, 1, 51, 1, 2400, 100),
                Entry.ascii(0x0003, "E"), Entry.rationals(0x0004, 2, 1, 21, 1, 0, 1),
                new Entry(0x0005, 1, 1, new byte[]{0}), Entry.rationals(0x0006, 35, 1),
                Entry.rationals(0x0007, 8, 1, 0, 1, 0, 1), Entry.ascii(0x001d, "2024:05:01"));
        byte[] thumb = JpegFixtures.jpeg(scaled(thumbnailOf, 160, 107), 80);
        byte[] tiff = MetadataFixtures.tiff(ifd0, exif, gps, thumb);
        return MetadataFixtures.withExif(JpegFixtures.jpeg(JpegFixtures.sample("coffee.png"), 92), tiff);
    }

    public static BufferedImage scaled(BufferedImage img, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(img.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        return out;
    }

    public static byte[] png(BufferedImage img) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ImageIO.write(img, "png", o);
        return o.toByteArray();
    }

}
