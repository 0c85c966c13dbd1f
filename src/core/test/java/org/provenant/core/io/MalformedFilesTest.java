package org.provenant.core.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed evidence files made by byte surgery on valid ones: each must give one clear ImageLoadException
 * ("Cannot open NAME: reason"), and none may crash, hang or run out of memory. Every base file is checked to load
 * when intact, so a case fails for its damage alone.
 */
class MalformedFilesTest {
    @TempDir
    static Path dir;

    private static final byte[] PNG = TestFiles.write(TestFiles.rgb8(96, 64, 21), "png");
    private static final byte[] JPEG = TestFiles.write(TestFiles.rgb8(96, 64, 22), "jpeg");
    private static final byte[] TIFF = TestFiles.write(TestFiles.rgb8(96, 64, 23), "tiff");
    private static final byte[] JPEG_PROGRESSIVE = TestFiles.progressiveJpeg(TestFiles.rgb8(96, 64, 25));
    private static final byte[] TIFF_LZW = TestFiles.tiffCompressed(TestFiles.rgb8(96, 64, 26), "LZW");
    private static final byte[] TIFF_DEFLATE = TestFiles.tiffCompressed(TestFiles.rgb8(96, 64, 27), "Deflate");
    private static final byte[] TIFF_16 = TestFiles.write(TestFiles.rgb16(96, 64), "tiff");
    private static final byte[] BMP = TestFiles.write(TestFiles.rgb8(96, 64, 24), "bmp");
    private static final byte[] WEBP_LOSSLESS = TestFiles.resource("pattern-lossless.webp");
    private static final byte[] WEBP_LOSSY = TestFiles.resource("pattern-lossy.webp");

    private record Case(String ext, Supplier<byte[]> bytes, String expected) { }

    private static final List<Arguments> CASES = new ArrayList<>();

    private static void add(String name, String ext, Supplier<byte[]> bytes, String expected) {
        CASES.add(Arguments.of(Named.of(name, new Case(ext, bytes, expected))));
    }

    private static final String TRUNCATED = "the file ends early (truncated)";
    /** What a decoder's failed cast ("class java.io.EOFException cannot be cast to class java.lang.Number") becomes. */
    private static final String IN_WORDS = "the TIFF file is damaged: a value its decoder needs is missing, out of range or of the wrong kind";
    private static final String MEGAPIXELS = "megapixels, more than the limit of 100.0 megapixels";

    static List<Arguments> cases() {
        if (!CASES.isEmpty()) return CASES;
        // ---------------- PNG
        int ihdr = TestFiles.pngChunk(PNG, "IHDR");
        int idat = TestFiles.pngChunk(PNG, "IDAT");
        int iend = TestFiles.pngChunk(PNG, "IEND");
        for (int cut : new int[]{1, 7, 8, 12, 20, 33, idat + 4, idat + 20, PNG.length / 2, iend, PNG.length - 4, PNG.length - 1}) {
            add("png truncated to " + cut + " bytes", "png", () -> TestFiles.truncate(PNG, cut), cut < 8 ? "not an image" : TRUNCATED);
        }
        add("png signature bit flip", "png", () -> TestFiles.flip(PNG, 1, 0x01), "not an image");
        add("png IHDR width bit flip (checksum)", "png", () -> TestFiles.flip(PNG, ihdr + 10, 0x10), "checksum mismatch");
        add("png IDAT data bit flip (checksum)", "png", () -> TestFiles.flip(PNG, idat + 40, 0x04), "checksum mismatch");
        add("png IHDR lies 100000 x 100000 (CRC recomputed)", "png",
                () -> TestFiles.fixPngCrc(TestFiles.u32be(TestFiles.u32be(PNG, ihdr + 8, 100_000), ihdr + 12, 100_000), ihdr),
                "100000 x 100000 = 10000.0 " + MEGAPIXELS);
        add("png IHDR lies 2^31-1 x 1 (CRC recomputed)", "png",
                () -> TestFiles.fixPngCrc(TestFiles.u32be(TestFiles.u32be(PNG, ihdr + 8, Integer.MAX_VALUE), ihdr + 12, 1), ihdr), MEGAPIXELS);
        add("png IHDR width 0 (CRC recomputed)", "png",
                () -> TestFiles.fixPngCrc(TestFiles.u32be(PNG, ihdr + 8, 0), ihdr), "empty image (0 x 64");
        add("png IHDR larger than the data (CRC recomputed)", "png",
                () -> TestFiles.fixPngCrc(TestFiles.u32be(PNG, ihdr + 12, 640), ihdr), TRUNCATED);
        add("png IHDR bit depth 7 (CRC recomputed)", "png",
                () -> TestFiles.fixPngCrc(TestFiles.set(PNG, ihdr + 16, 7), ihdr), "damaged");
        add("png IDAT zlib stream garbage (CRC recomputed)", "png",
                () -> TestFiles.fixPngCrc(TestFiles.set(PNG, idat + 8, 0x78, 0x9c, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), idat), "damaged");
        add("png chunk length 0xFFFFFFF0", "png", () -> TestFiles.u32be(PNG, idat, 0xFFFFFFF0L), "impossible length");
        add("png without IHDR first", "png", () -> TestFiles.set(PNG, ihdr + 4, 'i', 'H', 'D', 'R'), "damaged");
        // ---------------- JPEG
        int sof = TestFiles.jpegMarker(JPEG, 0xc0);
        int dqt = TestFiles.jpegMarker(JPEG, 0xdb);
        int dht = TestFiles.jpegMarker(JPEG, 0xc4);
        for (int cut : new int[]{2, 3, 10, sof + 5, JPEG.length / 4, JPEG.length / 2, JPEG.length * 3 / 4, JPEG.length - 2}) {
            add("jpeg truncated to " + cut + " bytes", "jpg", () -> TestFiles.truncate(JPEG, cut), cut < 3 ? "not an image" : TRUNCATED);
        }
        add("jpeg SOI bit flip", "jpg", () -> TestFiles.flip(JPEG, 1, 0x02), "not an image");
        add("jpeg SOF lies 65000 x 65000", "jpg", () -> TestFiles.u16be(TestFiles.u16be(JPEG, sof + 5, 65000), sof + 7, 65000),
                "65000 x 65000 = 4225.0 " + MEGAPIXELS);
        add("jpeg SOF height 0", "jpg", () -> TestFiles.u16be(JPEG, sof + 5, 0), "empty image");
        add("jpeg SOF lies 20000 x 3000 (within the limit, data for 96 x 64)", "jpg",
                () -> TestFiles.u16be(TestFiles.u16be(JPEG, sof + 5, 3000), sof + 7, 20000),
                "the file holds only 838 bytes of JPEG image data, and even a one-colour picture of that size needs at least 114 KB");
        add("jpeg segment length 1", "jpg", () -> TestFiles.u16be(JPEG, dqt + 2, 1), "impossible length");
        add("jpeg segment length past the end", "jpg", () -> TestFiles.u16be(JPEG, dqt + 2, 0xfff0), TRUNCATED);
        add("jpeg DHT table class bit flip", "jpg", () -> TestFiles.flip(JPEG, dht + 4, 0x20), "damaged");
        add("jpeg SOF component count 7", "jpg", () -> TestFiles.set(JPEG, sof + 9, 7), "damaged");
        add("jpeg SOF precision 3", "jpg", () -> TestFiles.set(JPEG, sof + 4, 3), "damaged");
        add("jpeg scan data overwritten by a marker", "jpg", () -> TestFiles.set(JPEG, JPEG.length / 2, 0xff, 0xd9), TRUNCATED);
        for (int cut : new int[]{JPEG_PROGRESSIVE.length / 3, JPEG_PROGRESSIVE.length * 2 / 3, JPEG_PROGRESSIVE.length - 2}) {
            add("progressive jpeg truncated to " + cut + " bytes", "jpg", () -> TestFiles.truncate(JPEG_PROGRESSIVE, cut), TRUNCATED);
        }
        // ---------------- TIFF
        for (int cut : new int[]{TIFF_LZW.length / 2, TIFF_LZW.length - 200}) {
            add("lzw tiff truncated to " + cut + " bytes", "tif", () -> TestFiles.truncate(TIFF_LZW, cut), "truncated");
        }
        for (int cut : new int[]{TIFF_DEFLATE.length / 2, TIFF_DEFLATE.length - 200}) {
            add("deflate tiff truncated to " + cut + " bytes", "tif", () -> TestFiles.truncate(TIFF_DEFLATE, cut), "truncated");
        }
        for (int cut : new int[]{TIFF_16.length / 2, TIFF_16.length - 7}) {
            add("16-bit tiff truncated to " + cut + " bytes", "tif", () -> TestFiles.truncate(TIFF_16, cut), "truncated");
        }
        boolean le = TIFF[0] == 'I';
        long ifd = le ? TestFiles.readU32le(TIFF, 4) : TestFiles.readU32be(TIFF, 4);
        for (int cut : new int[]{3, 7, 20, TIFF.length / 3, TIFF.length / 2, TIFF.length - 10}) {
            add("tiff truncated to " + cut + " bytes", "tif", () -> TestFiles.truncate(TIFF, cut), cut < 4 ? "not an image" : "truncated");
        }
        add("tiff wrong magic", "tif", () -> TestFiles.set(TIFF, 2, le ? 41 : 0, le ? 0 : 41), "not an image");
        add("tiff first directory past the end", "tif",
                () -> le ? TestFiles.u32le(TIFF, 4, TIFF.length + 1000L) : TestFiles.u32be(TIFF, 4, TIFF.length + 1000L), "past the end");
        add("tiff first directory offset 0", "tif", () -> le ? TestFiles.u32le(TIFF, 4, 0) : TestFiles.u32be(TIFF, 4, 0), "invalid first directory");
        add("tiff strip offset points past the end", "tif", () -> tiffTag(TIFF, 273, TIFF.length + 5000L), TRUNCATED);
        add("tiff width and height tags lie 60000 x 60000", "tif", () -> tiffTag(tiffTag(TIFF, 256, 60_000), 257, 60_000),
                "60000 x 60000 = 3600.0 " + MEGAPIXELS);
        add("tiff width tag lies 0", "tif", () -> tiffTag(TIFF, 256, 0), "empty image");
        add("tiff compression 12345", "tif", () -> tiffTag(TIFF, 259, 12345), "damaged");
        add("tiff bits per sample 0", "tif", () -> tiffTag(TIFF, 258, 0), "damaged");
        add("tiff directory entry count huge", "tif", () -> le ? TestFiles.u16le(TIFF, (int) ifd, 0xfff0) : TestFiles.u16be(TIFF, (int) ifd, 0xfff0), TRUNCATED);
        // ---------------- BMP
        for (int cut : new int[]{1, 10, 20, 40, 60, BMP.length / 2, BMP.length - 5}) {
            add("bmp truncated to " + cut + " bytes", "bmp", () -> TestFiles.truncate(BMP, cut), cut < 2 ? "not an image" : "truncated");
        }
        add("bmp wrong magic", "bmp", () -> TestFiles.set(BMP, 1, 'X'), "not an image");
        add("bmp negative width", "bmp", () -> TestFiles.u32le(BMP, 18, -96L & 0xffffffffL), "negative width");
        add("bmp lies 20000 x 20000", "bmp", () -> TestFiles.u32le(TestFiles.u32le(BMP, 18, 20_000), 22, 20_000),
                "20000 x 20000 = 400.0 " + MEGAPIXELS);
        add("bmp lies 96 x 6000 (within the limit, data for 96 x 64)", "bmp", () -> TestFiles.u32le(BMP, 22, 6000), TRUNCATED);
        add("bmp huge height", "bmp", () -> TestFiles.u32le(BMP, 22, 2_000_000_000L), MEGAPIXELS);
        add("bmp height Integer.MIN_VALUE", "bmp", () -> TestFiles.u32le(BMP, 22, 0x80000000L), "impossible height");
        add("bmp 7 bits per pixel", "bmp", () -> TestFiles.u16le(BMP, 28, 7), "damaged");
        add("bmp pixel offset past the end", "bmp", () -> TestFiles.u32le(BMP, 10, BMP.length + 100L), "past the end");
        add("bmp header size 99", "bmp", () -> TestFiles.u32le(BMP, 14, 99), "unknown size");
        add("bmp width 0", "bmp", () -> TestFiles.u32le(BMP, 18, 0), "empty image");
        // ---------------- WebP
        for (int cut : new int[]{4, 12, 19, 30, WEBP_LOSSLESS.length / 2, WEBP_LOSSLESS.length - 3}) {
            add("webp lossless truncated to " + cut + " bytes", "webp", () -> TestFiles.truncate(WEBP_LOSSLESS, cut), cut < 12 ? "not" : TRUNCATED);
        }
        for (int cut : new int[]{40, WEBP_LOSSY.length / 2, WEBP_LOSSY.length - 1}) {
            add("webp lossy truncated to " + cut + " bytes", "webp", () -> TestFiles.truncate(WEBP_LOSSY, cut), TRUNCATED);
        }
        add("webp wrong form type", "webp", () -> TestFiles.set(WEBP_LOSSLESS, 8, 'W', 'A', 'V', 'E'), "RIFF (not WebP)");
        add("webp VP8L signature bit flip", "webp", () -> TestFiles.flip(WEBP_LOSSLESS, 20, 0x01), "VP8L signature");
        add("webp VP8 start code bit flip", "webp", () -> TestFiles.flip(WEBP_LOSSY, 23, 0x01), "VP8 start code");
        add("webp VP8L lies 16384 x 16384", "webp", () -> TestFiles.u32le(WEBP_LOSSLESS, 21, (TestFiles.readU32le(WEBP_LOSSLESS, 21) & ~0x0fffffffL) | 0x0fffffffL),
                "16384 x 16384 = 268.4 " + MEGAPIXELS);
        add("webp VP8 lies 16383 x 16383", "webp", () -> TestFiles.u16le(TestFiles.u16le(WEBP_LOSSY, 26, 0x3fff), 28, 0x3fff), MEGAPIXELS);
        add("webp VP8L data garbage", "webp", () -> garbage(WEBP_LOSSLESS, 25, 99), "damaged");
        add("webp chunk size past the end", "webp", () -> TestFiles.u32le(WEBP_LOSSLESS, 16, 100_000), TRUNCATED);
        // ---------------- issue 14: memory follows the file, messages in words
        add("jpeg of 19 KB declaring 9000 x 9000", "jpg",
                () -> TestFiles.u16be(TestFiles.u16be(JPEG_19K, TestFiles.jpegMarker(JPEG_19K, 0xc0) + 5, 9000),
                        TestFiles.jpegMarker(JPEG_19K, 0xc0) + 7, 9000),
                "the header declares 9000 x 9000 pixels, but the file holds only");
        add("png with 200,000 empty IDAT chunks", "png", () -> emptyIdats(PNG, 200_000), "more than 1000 empty image-data chunks");
        add("png without IDAT", "png", () -> withoutIdat(PNG), "no image data");
        add("tiff declaring 0xFFFFFFFF rows", "tif", () -> tiffLong(TIFF, 257, 0xFFFFFFFFL), "96 x 4294967295 = ");
        add("tiff width entry of 2 values pointing past the end", "tif", () -> tiffOffsetPastEnd(TIFF, 256), IN_WORDS);
        add("tiff height entry of 2 values pointing past the end", "tif", () -> tiffOffsetPastEnd(TIFF, 257), IN_WORDS);
        add("tiff strip byte counts pointing past the end", "tif", () -> tiffOffsetPastEnd(TIFF, 279), IN_WORDS);
        add("png chunk name of control bytes", "png", () -> TestFiles.set(PNG, TestFiles.pngChunk(PNG, "IDAT") + 4, 0x1b, 0x07, 0xff, 0x00),
                "the PNG chunk '????' at byte");
        // ---------------- not images at all
        add("random bytes", "png", () -> garbage(new byte[4096], 0, 7), "not an image");
        add("a text file named .jpg", "jpg", () -> "this is not a picture\n".getBytes(StandardCharsets.US_ASCII), "not an image");
        add("a PDF named .png", "png", () -> "%PDF-1.7\n%...".getBytes(StandardCharsets.US_ASCII), "format PDF is not supported");
        add("one byte", "bmp", () -> new byte[]{'B'}, "not an image");
        return CASES;
    }

    /** A JPEG of about 19 KB (noise compresses badly), as in the issue. */
    private static final byte[] JPEG_19K = TestFiles.write(TestFiles.rgb8(150, 112, 29), "jpeg");

    /** The PNG with {@code n} empty IDAT chunks inserted before its real one (12 bytes each). */
    static byte[] emptyIdats(byte[] png, int n) {
        int idat = TestFiles.pngChunk(png, "IDAT");
        byte[] one = {0, 0, 0, 0, 'I', 'D', 'A', 'T', 0x35, (byte) 0xaf, 0x06, 0x1e}; // CRC-32 of "IDAT"
        byte[] all = new byte[12 * n];
        for (int i = 0; i < n; i++) System.arraycopy(one, 0, all, 12 * i, 12);
        return TestFiles.insert(png, idat, all);
    }

    /** The PNG with its IDAT chunk cut out (IHDR and IEND intact). */
    static byte[] withoutIdat(byte[] png) {
        int idat = TestFiles.pngChunk(png, "IDAT");
        int len = (int) TestFiles.readU32be(png, idat);
        byte[] out = new byte[png.length - 12 - len];
        System.arraycopy(png, 0, out, 0, idat);
        System.arraycopy(png, idat + 12 + len, out, idat, png.length - idat - 12 - len);
        return out;
    }

    /** The TIFF with first-IFD entry {@code tag} made 2 LONGs stored past the end of the file (unreadable values). */
    static byte[] tiffOffsetPastEnd(byte[] t, int tag) {
        byte[] c = tiffEntry(t, tag, t.length + 100L, true);
        int e = tiffEntryAt(c, tag);
        return c[0] == 'I' ? TestFiles.u32le(c, e + 4, 2) : TestFiles.u32be(c, e + 4, 2);
    }

    /** Byte position of first-IFD entry {@code tag}. */
    private static int tiffEntryAt(byte[] t, int tag) {
        boolean le = t[0] == 'I';
        int ifd = (int) (le ? TestFiles.readU32le(t, 4) : TestFiles.readU32be(t, 4));
        int n = le ? (t[ifd] & 0xff) | (t[ifd + 1] & 0xff) << 8 : TestFiles.readU16be(t, ifd);
        for (int i = 0; i < n; i++) {
            int e = ifd + 2 + 12 * i;
            int id = le ? (t[e] & 0xff) | (t[e + 1] & 0xff) << 8 : TestFiles.readU16be(t, e);
            if (id == tag) return e;
        }
        throw new IllegalStateException("tag " + tag + " not in the test TIFF");
    }

    /** The TIFF with first-IFD entry {@code tag} made a LONG holding {@code value} (e.g. 0xFFFFFFFF rows). */
    static byte[] tiffLong(byte[] t, int tag, long value) {
        return tiffEntry(t, tag, value, true);
    }

    /** The TIFF with the value of the first IFD entry {@code tag} replaced (SHORT or LONG, value in the entry). */
    static byte[] tiffTag(byte[] t, int tag, long value) {
        return tiffEntry(t, tag, value, false);
    }

    private static byte[] tiffEntry(byte[] t, int tag, long value, boolean asLong) {
        boolean le = t[0] == 'I';
        int e = tiffEntryAt(t, tag);
        int type = le ? (t[e + 2] & 0xff) | (t[e + 3] & 0xff) << 8 : TestFiles.readU16be(t, e + 2);
        byte[] c = le ? TestFiles.u32le(t, e + 4, 1) : TestFiles.u32be(t, e + 4, 1); // count 1: value inline
        if (type == 3 && !asLong) return le ? TestFiles.u16le(c, e + 8, (int) value) : TestFiles.u16be(c, e + 8, (int) value);
        c = le ? TestFiles.u16le(c, e + 2, 4) : TestFiles.u16be(c, e + 2, 4);
        return le ? TestFiles.u32le(c, e + 8, value) : TestFiles.u32be(c, e + 8, value);
    }

    static byte[] garbage(byte[] base, int from, long seed) {
        byte[] c = base.clone();
        Random r = new Random(seed);
        for (int i = from; i < c.length; i++) c[i] = (byte) r.nextInt(256);
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedFileGivesOneClearError(Case c) throws Exception {
        String name = "case." + c.ext;
        byte[] bytes = c.bytes.get();
        Path p = Files.write(Files.createTempFile(dir, "malformed-", "-" + name), bytes);
        String fileName = p.getFileName().toString();
        ImageLoader loader = new ImageLoader();
        ImageLoadException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(ImageLoadException.class, () -> loader.load(p)));
        String m = e.getMessage();
        assertTrue(m.startsWith("Cannot open " + fileName + ": "), m);
        assertFalse(m.contains("\n"), "one line: " + m);
        assertFalse(m.contains("Exception") || m.contains("java.") || m.contains("class "), "plain words, no exception class: " + m);
        assertFalse(m.chars().anyMatch(ch -> Character.isISOControl(ch) || ch == 0xFFFD), "no raw bytes: " + m);
        assertFalse(m.contains("-1 pixels") || m.contains("x -1"), "sizes unsigned: " + m);
        assertTrue(m.contains(c.expected), "expected '" + c.expected + "' in: " + m);
    }

    @ParameterizedTest(name = "intact {0} loads")
    @MethodSource("intact")
    void intactBaseFilesLoad(String ext, byte[] bytes) throws Exception {
        Path p = Files.write(Files.createTempFile(dir, "intact-", "." + ext), bytes);
        assertTrue(new ImageLoader().load(p).image().pixels() > 0);
    }

    static List<Arguments> intact() {
        return List.of(Arguments.of("png", PNG), Arguments.of("jpg", JPEG), Arguments.of("tif", TIFF), Arguments.of("tif", TIFF_LZW), Arguments.of("tif", TIFF_DEFLATE),
                Arguments.of("tif", TIFF_16), Arguments.of("jpg", JPEG_PROGRESSIVE), Arguments.of("bmp", BMP),
                Arguments.of("webp", WEBP_LOSSLESS), Arguments.of("webp", WEBP_LOSSY));
    }

    @org.junit.jupiter.api.Test
    void thereAreAtLeastFiftyCases() {
        assertTrue(cases().size() >= 50, "cases: " + cases().size());
    }
}
