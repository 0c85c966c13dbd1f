package org.provenant.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A pure-Java walk over the container structure of an evidence file, done before any decoder sees it: it finds
 * truncation and damage that decoders tend to hide, the dimensions the header declares (so that the pixel limit
 * is enforced before decompression) and the raw metadata blocks (EXIF, ICC profile, PNG text). It only reads the
 * byte array and never allocates in proportion to declared sizes.
 */
final class Container {
    /** Largest metadata block kept (EXIF, ICC, text): far above any real one, small against memory. */
    static final int MAX_METADATA_BYTES = 16 << 20;
    static final String TRUNCATED = "the file ends early (truncated)";

    /** What the walk found. {@code problem} is a plain-words reason to refuse the file, or null. */
    static final class Info {
        final ImageFormat format;
        /** As declared, unsigned where the format stores them so (-1: not known from the walk). */
        long width = -1;
        long height = -1;
        String problem;
        /** The pixel data the header declares does not fit in the file; judged after the pixel limit. */
        boolean pixelDataMissing;
        /**
         * Why the file cannot hold the pixels its header declares even at the best compression its format allows
         * (so decoding would only allocate for data that is not there), or null; judged after the pixel limit.
         */
        String implausible;
        /** Compressed image data found by the walk: PNG IDAT bytes, JPEG entropy-coded scan bytes; -1 when not counted. */
        long imageDataBytes = -1;
        byte[] icc;
        byte[] exif;
        final Map<String, String> text = new LinkedHashMap<>();

        Info(ImageFormat format) {
            this.format = format;
        }

        boolean hasDimensions() {
            return width != -1 || height != -1;
        }
    }

    private Container() { }

    static Info inspect(ImageFormat format, byte[] b) {
        Info info = new Info(format);
        switch (format) {
            case PNG -> png(b, info);
            case JPEG -> jpeg(b, info);
            case TIFF -> tiff(b, info);
            case WEBP -> webp(b, info);
            case BMP -> bmp(b, info);
        }
        return info;
    }

    // ---------------------------------------------------------------- PNG: chunk walk with CRC check
    private static void png(byte[] b, Info info) {
        int pos = 8;
        boolean first = true;
        List<byte[]> iccParts = new ArrayList<>();
        long idat = 0, emptyIdat = 0;
        int channels = 0, bitDepth = 0;
        while (true) {
            if (pos + 12 > b.length) {
                info.problem = TRUNCATED;
                return;
            }
            long len = u32be(b, pos);
            String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (len > Integer.MAX_VALUE) {
                info.problem = "the PNG chunk at byte " + pos + " declares an impossible length (" + len + " bytes)";
                return;
            }
            if (pos + 12 + len > b.length) {
                info.problem = TRUNCATED;
                return;
            }
            CRC32 crc = new CRC32();
            crc.update(b, pos + 4, 4 + (int) len);
            if (crc.getValue() != u32be(b, pos + 8 + (int) len)) {
                info.problem = "the PNG chunk '" + printable(type) + "' at byte " + pos + " is damaged (checksum mismatch)";
                return;
            }
            int data = pos + 8;
            if (first) {
                if (!type.equals("IHDR") || len != 13) {
                    info.problem = "the PNG file does not start with a valid header chunk (IHDR)";
                    return;
                }
                info.width = u32be(b, data);
                info.height = u32be(b, data + 4);
                bitDepth = b[data + 8] & 0xff;
                channels = switch (b[data + 9] & 0xff) { case 0, 3 -> 1; case 2 -> 3; case 4 -> 2; case 6 -> 4; default -> 0; };
                first = false;
            }
            if (type.equals("IDAT")) {
                idat += len;
                if (len == 0 && ++emptyIdat > MAX_EMPTY_CHUNKS) {
                    info.problem = "the PNG file holds more than " + MAX_EMPTY_CHUNKS + " empty image-data chunks (IDAT):"
                            + " it is damaged or built to exhaust the decoder";
                    return;
                }
            }
            switch (type) {
                case "iCCP" -> iccParts.add(pngIcc(b, data, (int) len));
                case "eXIf" -> info.exif = copy(b, data, (int) len);
                case "tEXt" -> pngText(b, data, (int) len, false, info);
                case "zTXt" -> pngText(b, data, (int) len, true, info);
                case "iTXt" -> pngIText(b, data, (int) len, info);
                default -> { }
            }
            if (type.equals("IEND")) break;
            pos += 12 + (int) len;
        }
        if (!iccParts.isEmpty()) info.icc = iccParts.get(0);
        info.imageDataBytes = idat;
        if (idat == 0) {
            info.problem = "the PNG file has no image data (no IDAT chunk, or only empty ones)";
        } else if (channels > 0 && bitDepth > 0 && info.width > 0 && info.height > 0) {
            long raw = (long) info.height * (1 + ((long) info.width * channels * bitDepth + 7) / 8);
            long least = raw / DEFLATE_MAX_RATIO;
            if (idat < least) info.implausible = implausible(info, "PNG", idat, least);
        }
    }

    /**
     * Deflate's best case: a 258-byte match in 2 bits (1-bit length and distance codes), about 1032:1; no PNG
     * encoder can store more pixels in fewer bytes.
     */
    static final long DEFLATE_MAX_RATIO = 1032;
    /** More empty IDAT chunks than any encoder writes (they carry nothing; 0 in every real file we know). */
    static final int MAX_EMPTY_CHUNKS = 1000;

    private static String implausible(Info info, String format, long have, long least) {
        return String.format(java.util.Locale.ROOT, "the header declares %d x %d pixels, but the file holds only %s of %s"
                + " image data, and even a one-colour picture of that size needs at least %s: the data is missing"
                + " (truncated file or forged header)", info.width, info.height, size(have), format, size(least));
    }

    static String size(long bytes) {
        if (bytes < 10_000) return bytes + " bytes";
        if (bytes < 10_000_000) return (bytes + 512) / 1024 + " KB";
        return (bytes + (1 << 19)) / (1 << 20) + " MB";
    }

    private static byte[] pngIcc(byte[] b, int data, int len) {
        int nul = indexOf0(b, data, data + Math.min(len, 80));
        if (nul < 0 || nul + 2 > data + len) return null;
        return inflate(b, nul + 2, data + len - nul - 2);
    }

    private static void pngText(byte[] b, int data, int len, boolean compressed, Info info) {
        int nul = indexOf0(b, data, data + Math.min(len, 80));
        if (nul < 0) return;
        String key = new String(b, data, nul - data, StandardCharsets.ISO_8859_1);
        byte[] value = compressed ? (nul + 2 <= data + len ? inflate(b, nul + 2, data + len - nul - 2) : null)
                : copy(b, nul + 1, data + len - nul - 1);
        if (value != null) putText(info, key, new String(value, StandardCharsets.ISO_8859_1));
    }

    private static void pngIText(byte[] b, int data, int len, Info info) {
        int end = data + len;
        int nul = indexOf0(b, data, Math.min(end, data + 80));
        if (nul < 0 || nul + 3 > end) return;
        String key = new String(b, data, nul - data, StandardCharsets.ISO_8859_1);
        boolean compressed = b[nul + 1] != 0;
        int lang = indexOf0(b, nul + 3, end);
        if (lang < 0) return;
        int translated = indexOf0(b, lang + 1, end);
        if (translated < 0) return;
        byte[] value = compressed ? inflate(b, translated + 1, end - translated - 1) : copy(b, translated + 1, end - translated - 1);
        if (value != null) putText(info, key, new String(value, StandardCharsets.UTF_8));
    }

    private static void putText(Info info, String key, String value) {
        if (info.text.size() < 64) info.text.putIfAbsent(printable(key), value.length() > 2000 ? value.substring(0, 2000) + "..." : value);
    }

    // ---------------------------------------------------------------- JPEG: marker walk over every segment and scan
    private static void jpeg(byte[] b, Info info) {
        JpegSegments walk = JpegSegments.tolerant(b);   // tolerates junk between segments like libjpeg
        Map<Integer, byte[]> iccChunks = new java.util.TreeMap<>();
        long scanBytes = 0;
        boolean huffman = true, afterScan = false;
        for (JpegSegments.Segment s = walk.next(); ; s = walk.next()) {
            if (s == null) {
                JpegSegments.Segment bad = walk.endSegment();
                info.problem = walk.end() == JpegSegments.End.BAD_LENGTH
                        ? "the JPEG segment at byte " + bad.start() + " declares an impossible length (" + bad.length() + ")"
                        : TRUNCATED;
                return;
            }
            int marker = s.marker();
            if (marker == JpegSegments.EOI) {
                if (afterScan) break; // end of image after a scan: the structure is complete
                info.problem = "the JPEG file has no image data (end marker before any scan)";
                return;
            }
            afterScan = false;
            if (s.standalone()) continue;
            int data = s.data(), dlen = s.dataLength();
            if (s.frame() && dlen >= 5 && !info.hasDimensions()) {
                info.height = u16be(b, data + 1);
                info.width = u16be(b, data + 3);
                huffman = marker < 0xc9; // SOF9 and above: arithmetic coding, which has no per-block minimum
            } else if (marker == 0xe1 && dlen > 6 && ImageFormat.startsWith(b, data, 'E', 'x', 'i', 'f', 0, 0) && info.exif == null) {
                info.exif = copy(b, data + 6, dlen - 6);
            } else if (marker == 0xe2 && dlen > 14 && new String(b, data, 12, StandardCharsets.ISO_8859_1).equals("ICC_PROFILE\0")) {
                iccChunks.putIfAbsent(b[data + 12] & 0xff, copy(b, data + 14, dlen - 14));
            } else if (marker == 0xfe && dlen > 0) {
                putText(info, "Comment", new String(b, data, dlen, StandardCharsets.ISO_8859_1).strip());
            }
            if (marker == JpegSegments.SOS) {
                JpegSegments.Scan scan = walk.scan();
                if (scan.truncated()) {
                    info.problem = TRUNCATED; // the scan runs to the end of the file: no end-of-image marker
                    return;
                }
                scanBytes += scan.bytes();
                afterScan = true;
            }
        }
        if (!iccChunks.isEmpty()) {
            ByteArrayOutputStream icc = new ByteArrayOutputStream();
            iccChunks.values().forEach(icc::writeBytes);
            info.icc = icc.toByteArray();
        }
        info.imageDataBytes = scanBytes;
        if (huffman && info.width > 0 && info.height > 0) {
            // Huffman coding spends at least one bit on every 8x8 block of the first component (its DC code)
            long least = ((info.width + 7L) / 8) * ((info.height + 7L) / 8) / 8;
            if (scanBytes < least) info.implausible = implausible(info, "JPEG", scanBytes, least);
        }
    }

    // ---------------------------------------------------------------- TIFF: header and first directory in bounds
    private static void tiff(byte[] b, Info info) {
        if (b.length < 8) {
            info.problem = TRUNCATED;
            return;
        }
        boolean le = b[0] == 'I';
        long ifd = le ? u32le(b, 4) : u32be(b, 4);
        if (ifd < 8) {
            info.problem = "the TIFF header points to an invalid first directory (offset " + ifd + ")";
            return;
        }
        if (ifd + 2 > b.length) {
            info.problem = "the TIFF header points past the end of the file (offset " + ifd + " in a file of "
                    + b.length + " bytes): the file is truncated or damaged";
            return;
        }
        int n = le ? u16le(b, (int) ifd) : u16be(b, (int) ifd);
        if (ifd + 2 + 12L * n > b.length) {
            info.problem = TRUNCATED;
            return;
        }
        // the declared size, read unsigned here (decoders turn 0xFFFFFFFF rows into -1)
        long w = -1, h = -1;
        for (int i = 0; i < n; i++) {
            int e = (int) ifd + 2 + 12 * i;
            int tag = le ? u16le(b, e) : u16be(b, e), type = le ? u16le(b, e + 2) : u16be(b, e + 2);
            long count = le ? u32le(b, e + 4) : u32be(b, e + 4);
            if ((tag != 256 && tag != 257) || count != 1) continue;   // a count above 1 makes the field an offset
            long v = type == 3 ? (le ? u16le(b, e + 8) : u16be(b, e + 8)) : type == 4 ? (le ? u32le(b, e + 8) : u32be(b, e + 8)) : -1;
            if (tag == 256) w = v;
            else h = v;
        }
        if (w >= 0 && h >= 0) {
            info.width = w;
            info.height = h;
        }
        // dimensions, EXIF and ICC come from the TIFF directory itself, read in Metadata (TwelveMonkeys)
    }

    // ---------------------------------------------------------------- WebP: RIFF size and chunk walk
    private static void webp(byte[] b, Info info) {
        if (b.length < 20) {
            info.problem = TRUNCATED;
            return;
        }
        long riff = u32le(b, 4) + 8;
        if (riff > b.length) {
            info.problem = TRUNCATED;
            return;
        }
        int pos = 12;
        while (pos + 8 <= riff) {
            String type = new String(b, pos, 4, StandardCharsets.ISO_8859_1);
            long len = u32le(b, pos + 4);
            int data = pos + 8;
            if (data + len > riff) {
                info.problem = TRUNCATED;
                return;
            }
            int l = (int) len;
            switch (type) {
                case "VP8 " -> {
                    if (l >= 10 && !info.hasDimensions()) {
                        if (!ImageFormat.startsWith(b, data + 3, 0x9d, 0x01, 0x2a)) {
                            info.problem = "the WebP image data has no valid VP8 start code";
                            return;
                        }
                        info.width = u16le(b, data + 6) & 0x3fff;
                        info.height = u16le(b, data + 8) & 0x3fff;
                    }
                }
                case "VP8L" -> {
                    if (l >= 5 && !info.hasDimensions()) {
                        if ((b[data] & 0xff) != 0x2f) {
                            info.problem = "the WebP image data has no valid VP8L signature";
                            return;
                        }
                        long bits = u32le(b, data + 1);
                        info.width = (int) (bits & 0x3fff) + 1;
                        info.height = (int) ((bits >> 14) & 0x3fff) + 1;
                    }
                }
                case "VP8X" -> {
                    if (l >= 10) {
                        info.width = (int) (u24le(b, data + 4) + 1);
                        info.height = (int) (u24le(b, data + 7) + 1);
                    }
                }
                case "ICCP" -> info.icc = copy(b, data, l);
                case "EXIF" -> info.exif = copy(b, data, l);
                default -> { }
            }
            pos = data + l + (l & 1);
        }
    }

    // ---------------------------------------------------------------- BMP: header fields and pixel-array bounds
    private static void bmp(byte[] b, Info info) {
        if (b.length < 26) {
            info.problem = TRUNCATED;
            return;
        }
        long offset = u32le(b, 10);
        long dib = u32le(b, 14);
        int bpp;
        long compression = 0;
        if (dib == 12) {
            info.width = u16le(b, 18);
            info.height = u16le(b, 20);
            bpp = u16le(b, 24);
        } else if (java.util.Set.of(16L, 40L, 52L, 56L, 64L, 108L, 124L).contains(dib) && b.length >= 34) {
            info.width = (int) u32le(b, 18);
            int h = (int) u32le(b, 22);
            if (h == Integer.MIN_VALUE) {
                info.problem = "the BMP header declares an impossible height";
                return;
            }
            info.height = Math.abs(h); // negative height = rows stored top-down, a legal variant
            bpp = u16le(b, 28);
            compression = dib == 16 ? 0 : u32le(b, 30);
        } else {
            info.problem = b.length < 34 ? TRUNCATED : "the BMP header has an unknown size (" + dib + " bytes)";
            return;
        }
        if (info.width < 0) {
            info.problem = "the BMP header declares a negative width (" + info.width + ")";
            return;
        }
        if (offset > b.length) {
            info.problem = "the BMP header points past the end of the file for its pixel data (offset " + offset
                    + " in a file of " + b.length + " bytes): the file is truncated or damaged";
            return;
        }
        boolean uncompressed = compression == 0 || compression == 3 || compression == 6;
        if (uncompressed && bpp > 0 && bpp <= 64) {
            long row = ((long) bpp * info.width + 31) / 32 * 4;
            if (offset + row * info.height > b.length) info.pixelDataMissing = true;
        }
    }

    // ---------------------------------------------------------------- helpers
    static byte[] inflate(byte[] b, int off, int len) {
        if (off < 0 || len <= 0 || off + len > b.length) return null;
        Inflater inf = new Inflater();
        try {
            inf.setInput(b, off, len);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) return null;
                out.write(buf, 0, n);
                if (out.size() > MAX_METADATA_BYTES) return null;
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return null;
        } finally {
            inf.end();
        }
    }

    static byte[] copy(byte[] b, int off, int len) {
        if (off < 0 || len <= 0 || len > MAX_METADATA_BYTES || off + len > b.length) return null;
        return java.util.Arrays.copyOfRange(b, off, off + len);
    }

    private static int indexOf0(byte[] b, int from, int to) {
        for (int i = from; i < Math.min(to, b.length); i++) if (b[i] == 0) return i;
        return -1;
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        return sb.toString();
    }

    static long u32be(byte[] b, int p) {
        return ((long) (b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    static long u32le(byte[] b, int p) {
        return ((long) (b[p + 3] & 0xff) << 24) | ((b[p + 2] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
    }

    static long u24le(byte[] b, int p) {
        return ((b[p + 2] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
    }

    static int u16be(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    static int u16le(byte[] b, int p) {
        return ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
    }
}
