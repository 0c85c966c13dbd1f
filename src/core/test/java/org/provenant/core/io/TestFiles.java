package org.provenant.core.io;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Test images made in Java (ImageIO writers) and the byte surgery used to damage them. */
final class TestFiles {
    private TestFiles() { }

    /** A photo-like 8-bit RGB image: smooth gradients plus seeded noise, so that no format compresses it to nothing. */
    static BufferedImage rgb8(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random rnd = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = clamp(x * 255 / Math.max(1, w - 1) + rnd.nextInt(21) - 10);
                int g = clamp(y * 255 / Math.max(1, h - 1) + rnd.nextInt(21) - 10);
                int b = clamp(128 + (int) (60 * Math.sin(x * 0.2) * Math.cos(y * 0.15)) + rnd.nextInt(21) - 10);
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    static byte[] tiffCompressed(BufferedImage img, String compression) {
        return write(img, "tiff", p -> {
            p.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionType(compression);
        });
    }

    static byte[] progressiveJpeg(BufferedImage img) {
        return write(img, "jpeg", p -> p.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT));
    }

    static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** 16-bit grey image whose sample at (x, y) is {@link #grey16Value(int, int)}. */
    static BufferedImage grey16(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) r.setSample(x, y, 0, grey16Value(x, y));
        return img;
    }

    static int grey16Value(int x, int y) {
        return x == 0 && y == 0 ? 1000 : (x * 977 + y * 3011 + 1) % 65536; // odd values: not on the 8-bit grid
    }

    /** 16-bit RGB image (interleaved unsigned shorts) with channel c at (x, y) = {@link #rgb16Value}. */
    static BufferedImage rgb16(int w, int h) {
        java.awt.color.ColorSpace cs = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB);
        java.awt.image.ComponentColorModel cm = new java.awt.image.ComponentColorModel(cs, false, false,
                java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(w, h);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) for (int c = 0; c < 3; c++) r.setSample(x, y, c, rgb16Value(c, x, y));
        return new BufferedImage(cm, r, false, null);
    }

    static int rgb16Value(int c, int x, int y) {
        return x == 0 && y == 0 ? 1000 + c : (x * 1237 + y * 2113 + c * 7919 + 3) % 65536;
    }

    /** The image written by the first ImageIO writer of this format that accepts it (JDK or TwelveMonkeys). */
    static byte[] write(BufferedImage img, String format) {
        return write(img, format, null);
    }

    /**
     * As {@link #write(BufferedImage, String)}, with the write parameters set up by {@code setup} (compression,
     * progressive mode...); a writer that rejects the setting is skipped.
     */
    static byte[] write(BufferedImage img, String format, java.util.function.Consumer<javax.imageio.ImageWriteParam> setup) {
        RuntimeException last = null;
        for (java.util.Iterator<javax.imageio.ImageWriter> it = ImageIO.getImageWritersByFormatName(format); it.hasNext(); ) {
            javax.imageio.ImageWriter w = it.next();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (javax.imageio.stream.ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                w.setOutput(ios);
                javax.imageio.ImageWriteParam param = w.getDefaultWriteParam();
                if (setup != null) setup.accept(param);
                w.write(null, new javax.imageio.IIOImage(img, null, null), param);
            } catch (IOException e) {
                last = new UncheckedIOException(e);
                continue;
            } catch (RuntimeException e) {
                last = e;
                continue;
            } finally {
                w.dispose();
            }
            return out.toByteArray();
        }
        throw last != null ? last : new IllegalStateException("no ImageIO writer for " + format);
    }

    static byte[] resource(String name) {
        try (InputStream in = TestFiles.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ byte surgery
    static byte[] truncate(byte[] b, int length) {
        return Arrays.copyOf(b, length);
    }

    static byte[] flip(byte[] b, int offset, int mask) {
        byte[] c = b.clone();
        c[offset] ^= (byte) mask;
        return c;
    }

    static byte[] set(byte[] b, int offset, int... values) {
        byte[] c = b.clone();
        for (int i = 0; i < values.length; i++) c[offset + i] = (byte) values[i];
        return c;
    }

    static byte[] u32be(byte[] b, int offset, long v) {
        return set(b, offset, (int) (v >>> 24) & 0xff, (int) (v >>> 16) & 0xff, (int) (v >>> 8) & 0xff, (int) v & 0xff);
    }

    static byte[] u32le(byte[] b, int offset, long v) {
        return set(b, offset, (int) v & 0xff, (int) (v >>> 8) & 0xff, (int) (v >>> 16) & 0xff, (int) (v >>> 24) & 0xff);
    }

    static byte[] u16be(byte[] b, int offset, int v) {
        return set(b, offset, (v >>> 8) & 0xff, v & 0xff);
    }

    static byte[] u16le(byte[] b, int offset, int v) {
        return set(b, offset, v & 0xff, (v >>> 8) & 0xff);
    }

    static int readU16be(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    static long readU32be(byte[] b, int p) {
        return ((long) (b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    static long readU32le(byte[] b, int p) {
        return ((long) (b[p + 3] & 0xff) << 24) | ((b[p + 2] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
    }

    // ------------------------------------------------------------------ PNG
    /** Offset of the first PNG chunk of this type (its length field), or -1. */
    static int pngChunk(byte[] b, String type) {
        int pos = 8;
        while (pos + 8 <= b.length) {
            long len = readU32be(b, pos);
            if (new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1).equals(type)) return pos;
            pos += 12 + (int) len;
        }
        return -1;
    }

    /** Recomputes the CRC of the PNG chunk starting at {@code pos}, so that a lie in its data looks intact. */
    static byte[] fixPngCrc(byte[] b, int pos) {
        int len = (int) readU32be(b, pos);
        CRC32 crc = new CRC32();
        crc.update(b, pos + 4, 4 + len);
        return u32be(b, pos + 8 + len, crc.getValue());
    }

    /** Inserts a PNG chunk before the chunk at {@code pos}. */
    static byte[] insertPngChunk(byte[] b, int pos, String type, byte[] data) {
        byte[] chunk = new byte[12 + data.length];
        byte[] head = u32be(new byte[4], 0, data.length);
        System.arraycopy(head, 0, chunk, 0, 4);
        System.arraycopy(type.getBytes(StandardCharsets.ISO_8859_1), 0, chunk, 4, 4);
        System.arraycopy(data, 0, chunk, 8, data.length);
        chunk = fixPngCrc(chunk, 0);
        return insert(b, pos, chunk);
    }

    static byte[] insert(byte[] b, int pos, byte[] what) {
        byte[] c = new byte[b.length + what.length];
        System.arraycopy(b, 0, c, 0, pos);
        System.arraycopy(what, 0, c, pos, what.length);
        System.arraycopy(b, pos, c, pos + what.length, b.length - pos);
        return c;
    }

    // ------------------------------------------------------------------ JPEG
    /** Offset of the first JPEG marker {@code FF marker} before the scan data (the FF byte), or -1. */
    static int jpegMarker(byte[] b, int marker) {
        int pos = 2;
        while (pos + 4 <= b.length) {
            if ((b[pos] & 0xff) != 0xff) return -1;
            int m = b[pos + 1] & 0xff;
            if (m == marker) return pos;
            if (m == 0xda) return -1;
            pos += 2 + readU16be(b, pos + 2);
        }
        return -1;
    }

    /** A JPEG APPn segment with the given payload. */
    static byte[] jpegSegment(int marker, byte[] payload) {
        byte[] s = new byte[4 + payload.length];
        s[0] = (byte) 0xff;
        s[1] = (byte) marker;
        s[2] = (byte) ((payload.length + 2) >> 8);
        s[3] = (byte) (payload.length + 2);
        System.arraycopy(payload, 0, s, 4, payload.length);
        return s;
    }

    // ------------------------------------------------------------------ EXIF (a little-endian TIFF structure)
    /**
     * An EXIF block (after "Exif\0\0"): IFD0 with Make, Model, Software, Orientation = 6 and a pointer to an
     * Exif IFD holding DateTimeOriginal and LensModel. Laid out by hand, independently of the reader under test.
     */
    static byte[] exifBlock(String make, String model, String software, String dateTimeOriginal, String lensModel) {
        // IFD0 at 8 with 5 entries (2 + 5*12 + 4 bytes), then the Exif IFD with 2 entries (2 + 2*12 + 4), then the strings
        int ifd0 = 8, exifIfd = ifd0 + 2 + 5 * 12 + 4, data = exifIfd + 2 + 2 * 12 + 4;
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1024).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd0);
        buf.position(ifd0);
        buf.putShort((short) 5);
        data = asciiEntries(buf, data, new int[]{271, 272, 305}, make, model, software);
        buf.putShort((short) 274).putShort((short) 3).putInt(1).putInt(6); // Orientation SHORT 6, value in the entry
        buf.putShort((short) 34665).putShort((short) 4).putInt(1).putInt(exifIfd); // pointer to the Exif IFD
        buf.putInt(0); // no next IFD
        buf.putShort((short) 2);
        data = asciiEntries(buf, data, new int[]{36867, 42036}, dateTimeOriginal, lensModel);
        buf.putInt(0);
        return Arrays.copyOf(buf.array(), data);
    }

    /** Writes one ASCII entry per tag at the buffer's position, its string at {@code data}; returns the next data offset. */
    private static int asciiEntries(java.nio.ByteBuffer buf, int data, int[] tags, String... values) {
        for (int i = 0; i < tags.length; i++) {
            byte[] s = (values[i] + "\0").getBytes(StandardCharsets.US_ASCII);
            buf.putShort((short) tags[i]).putShort((short) 2).putInt(s.length).putInt(data);
            buf.put(data, s);
            data += s.length + (s.length & 1);
        }
        return data;
    }
}
