package org.provenant.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.provenant.core.image.FloatImage;

class ImageLoaderTest {
    @TempDir
    Path dir;

    private final ImageLoader loader = new ImageLoader();

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static void assertSameRgb8(BufferedImage expected, FloatImage actual) {
        assertEquals(expected.getWidth(), actual.width());
        assertEquals(expected.getHeight(), actual.height());
        assertEquals(3, actual.channels());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int v = expected.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    int want = (v >> (16 - 8 * c)) & 0xff;
                    assertEquals(want, Math.round(actual.get(c, x, y) * 255f), "channel " + c + " at " + x + "," + y);
                }
            }
        }
    }

    // ------------------------------------------------------------------ pixels round-trip
    @ParameterizedTest(name = "8-bit RGB {0} round-trips exactly")
    @CsvSource({"png, 73, 41", "bmp, 37, 29", "tiff, 64, 48"}) // odd BMP width: rows are padded to 4 bytes
    void rgb8RoundTripsExactly(String format, int w, int h) throws Exception {
        BufferedImage img = TestFiles.rgb8(w, h, w);
        LoadedImage li = loader.load(file("a." + format, TestFiles.write(img, format)));
        assertSameRgb8(img, li.image());
        assertEquals(format, li.metadata().formatName());
        assertEquals(8, li.metadata().bitsPerSample());
        assertEquals(3, li.metadata().channels());
    }

    @ParameterizedTest(name = "16-bit {1} {0} keeps 16-bit precision")
    @CsvSource({"tiff, grey", "tiff, rgb", "png, grey", "png, rgb"})
    void sixteenBitKeepsPrecision(String format, String colour) throws Exception {
        boolean rgb = colour.equals("rgb");
        int w = 33, h = 21;
        LoadedImage li = loader.load(file("16." + format, TestFiles.write(rgb ? TestFiles.rgb16(w, h) : TestFiles.grey16(w, h), format)));
        FloatImage f = li.image();
        assertEquals(rgb ? 3 : 1, f.channels());
        assertEquals(16, li.metadata().bitsPerSample());
        assertEquals(1000, Math.round(f.get(0, 0, 0) * 65535.0), "1000/65535 survives");
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < f.channels(); c++) {
                    int want = rgb ? TestFiles.rgb16Value(c, x, y) : TestFiles.grey16Value(x, y);
                    assertEquals(want, Math.round(f.get(c, x, y) * 65535.0));
                }
            }
        }
    }

    @Test
    void jpegDecodesCloseToTheOriginal() throws Exception {
        BufferedImage img = TestFiles.rgb8(96, 64, 4);
        LoadedImage li = loader.load(file("a.jpg", TestFiles.write(img, "jpeg")));
        assertEquals("jpeg", li.metadata().formatName());
        assertEquals(96, li.image().width());
        assertEquals(64, li.image().height());
        double err = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                int v = img.getRGB(x, y);
                for (int c = 0; c < 3; c++) err += Math.abs(((v >> (16 - 8 * c)) & 0xff) / 255.0 - li.image().get(c, x, y));
            }
        }
        double mae = err / (96 * 64 * 3);
        assertTrue(mae < 0.05, "mean absolute error " + mae); // lossy, but the same picture
        assertTrue(mae > 0, "a JPEG is lossy: identical pixels would mean the decoder was not used");
    }

    @Test
    void webpLosslessDecodesExactly() throws Exception {
        LoadedImage li = loader.load(file("p.webp", TestFiles.resource("pattern-lossless.webp")));
        FloatImage f = li.image();
        assertEquals("webp", li.metadata().formatName());
        assertEquals(64, f.width());
        assertEquals(48, f.height());
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                assertEquals((4 * x) % 256, Math.round(f.get(0, x, y) * 255f));
                assertEquals((5 * y) % 256, Math.round(f.get(1, x, y) * 255f));
                assertEquals((x * y) % 256, Math.round(f.get(2, x, y) * 255f));
            }
        }
    }

    @Test
    void webpLossyDecodesCloseToThePattern() throws Exception {
        FloatImage f = loader.load(file("p.webp", TestFiles.resource("pattern-lossy.webp"))).image();
        assertEquals(64, f.width());
        double err = 0;
        for (int y = 0; y < 48; y++) for (int x = 0; x < 64; x++) err += Math.abs((5 * y) % 256 / 255.0 - f.get(1, x, y));
        assertTrue(err / (64 * 48) < 0.08, "green channel mean error " + err / (64 * 48));
    }

    // ------------------------------------------------------------------ identity and read-only
    @Test
    void sha256IsTheDigestOfTheFileBytes() throws Exception {
        byte[] bytes = TestFiles.write(TestFiles.rgb8(20, 20, 5), "png");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        LoadedImage li = loader.load(file("h.png", bytes));
        assertEquals(expected, li.sha256());
        assertEquals(bytes.length, li.fileSize());
        assertEquals("h.png", li.fileName());
    }

    @Test
    void evidenceFileIsNeverWritten() throws Exception {
        byte[] bytes = TestFiles.write(TestFiles.rgb8(50, 40, 6), "jpeg");
        Path p = file("evidence.jpg", bytes);
        FileTime past = FileTime.fromMillis(1_500_000_000_000L);
        Files.setLastModifiedTime(p, past);
        p.toFile().setReadOnly();
        loader.load(p);
        assertArrayEquals(bytes, Files.readAllBytes(p));
        assertEquals(past, Files.getLastModifiedTime(p));
    }

    @Test
    void symbolicLinkToEvidenceIsFollowedAndHashedAsTheTarget() throws Exception {
        byte[] bytes = TestFiles.write(TestFiles.rgb8(12, 9, 15), "png");
        Path target = file("target.png", bytes);
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("link.png"), target);
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
            return;
        }
        LoadedImage li = loader.load(link);
        assertEquals(ImageLoader.sha256(bytes), li.sha256());
        assertEquals("link.png", li.fileName());
    }

    // ------------------------------------------------------------------ metadata
    @Test
    void jpegExifAndIccAreReadBack() throws Exception {
        byte[] jpeg = TestFiles.write(TestFiles.rgb8(40, 30, 7), "jpeg");
        byte[] exif = TestFiles.exifBlock("Provenant Camera Co.", "PX-1", "Firmware 2.0", "2024:05:06 07:08:09", "50mm f/1.8");
        byte[] app1 = TestFiles.jpegSegment(0xe1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), exif));
        byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        byte[] app2 = TestFiles.jpegSegment(0xe2, concat("ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1), new byte[]{1, 1}, icc));
        byte[] withMeta = TestFiles.insert(jpeg, 2, concat(app1, app2));
        ImageMetadata m = loader.load(file("exif.jpg", withMeta)).metadata();
        assertEquals("Provenant Camera Co.", m.exif().get("Make"));
        assertEquals("PX-1", m.exif().get("Model"));
        assertEquals("Firmware 2.0", m.exif().get("Software"));
        assertEquals("2024:05:06 07:08:09", m.exif().get("DateTimeOriginal"));
        assertEquals("50mm f/1.8", m.exif().get("LensModel"));
        assertTrue(m.exif().get("Orientation").startsWith("6 (rotated 90 clockwise"), m.exif().get("Orientation"));
        assertTrue(m.iccProfile().contains("RGB"), m.iccProfile());
        assertTrue(m.iccProfile().contains(icc.length + " bytes"), m.iccProfile());
    }

    @Test
    void pngTextAndIccAreReadBack() throws Exception {
        BufferedImage img = TestFiles.rgb8(30, 20, 8);
        ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata md = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        IIOMetadataNode text = new IIOMetadataNode("tEXt");
        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", "Software");
        entry.setAttribute("value", "Provenant test writer 1.0");
        text.appendChild(entry);
        root.appendChild(text);
        md.mergeTree("javax_imageio_png_1.0", root);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            w.write(new IIOImage(img, null, md));
        } finally {
            w.dispose();
        }
        byte[] png = out.toByteArray();
        // iCCP by byte surgery: name, NUL, method 0, zlib-compressed profile (JDK's grey profile)
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData();
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(z)) {
            d.write(profile);
        }
        byte[] iccp = concat("test profile\0\0".getBytes(StandardCharsets.ISO_8859_1), z.toByteArray());
        png = TestFiles.insertPngChunk(png, TestFiles.pngChunk(png, "IDAT"), "iCCP", iccp);
        ImageMetadata m = loader.load(file("meta.png", png)).metadata();
        assertEquals("Provenant test writer 1.0", m.exif().get("PNG text Software"));
        assertTrue(m.iccProfile().contains("grey"), m.iccProfile());
        assertTrue(m.iccProfile().contains(profile.length + " bytes"), m.iccProfile());
    }

    @Test
    void tiffTagsAndEmbeddedIccAreReadBack() throws Exception {
        BufferedImage img = TestFiles.rgb8(24, 16, 14);
        ImageWriter w = null;
        for (java.util.Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff"); it.hasNext(); ) {
            ImageWriter c = it.next();
            if (c.getClass().getName().startsWith("com.sun.")) w = c; // the JDK writer takes a TIFFDirectory
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(w != null, "JDK TIFF writer not available");
        javax.imageio.plugins.tiff.BaselineTIFFTagSet base = javax.imageio.plugins.tiff.BaselineTIFFTagSet.getInstance();
        javax.imageio.plugins.tiff.TIFFDirectory d = javax.imageio.plugins.tiff.TIFFDirectory.createFromMetadata(
                w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), w.getDefaultWriteParam()));
        d.addTIFFField(new javax.imageio.plugins.tiff.TIFFField(base.getTag(271), javax.imageio.plugins.tiff.TIFFTag.TIFF_ASCII,
                1, new String[]{"Scanner Works"}));
        d.addTIFFField(new javax.imageio.plugins.tiff.TIFFField(base.getTag(306), javax.imageio.plugins.tiff.TIFFTag.TIFF_ASCII,
                1, new String[]{"2023:01:02 03:04:05"}));
        byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        d.addTIFFField(new javax.imageio.plugins.tiff.TIFFField(base.getTag(34675), javax.imageio.plugins.tiff.TIFFTag.TIFF_UNDEFINED,
                icc.length, icc));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            w.write(null, new IIOImage(img, null, d.getAsMetadata()), w.getDefaultWriteParam());
        } finally {
            w.dispose();
        }
        LoadedImage li = loader.load(file("tags.tif", out.toByteArray()));
        assertSameRgb8(img, li.image());
        assertEquals("Scanner Works", li.metadata().exif().get("Make"));
        assertEquals("2023:01:02 03:04:05", li.metadata().exif().get("DateTime"));
        assertTrue(li.metadata().iccProfile().startsWith("sRGB"), li.metadata().iccProfile());
    }

    @Test
    void alphaIsReportedAndDropped() throws Exception {
        BufferedImage img = new BufferedImage(5, 4, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(1, 1, 0x80ff2010);
        LoadedImage li = loader.load(file("alpha.png", TestFiles.write(img, "png")));
        assertTrue(li.metadata().hasAlpha());
        assertEquals(3, li.image().channels());
        assertEquals(0xff, Math.round(li.image().get(0, 1, 1) * 255f)); // colour kept, alpha dropped (not premultiplied)
        assertEquals(0x20, Math.round(li.image().get(1, 1, 1) * 255f));
    }

    @Test
    void paletteAndGreyImagesRoundTrip() throws Exception {
        BufferedImage indexed = new BufferedImage(19, 7, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.setRGB(3, 2, 0xff0000);
        indexed.setRGB(4, 2, 0x0000ff);
        for (String f : new String[]{"png", "bmp", "tiff"}) {
            LoadedImage li = loader.load(file("indexed." + f, TestFiles.write(indexed, f)));
            assertSameRgb8(indexed, li.image());
        }
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) grey.getRaster().setSample(x, y, 0, x * 16 + y);
        for (String f : new String[]{"png", "tiff"}) {
            LoadedImage li = loader.load(file("grey." + f, TestFiles.write(grey, f)));
            assertEquals(1, li.image().channels(), f);
            assertEquals(8, li.metadata().bitsPerSample(), f);
            assertEquals(5 * 16 + 9, Math.round(li.image().get(0, 5, 9) * 255f), f);
        }
        FloatImage bmp = loader.load(file("grey.bmp", TestFiles.write(grey, "bmp"))).image(); // BMP stores grey as a palette
        for (int c = 0; c < bmp.channels(); c++) assertEquals(5 * 16 + 9, Math.round(bmp.get(c, 5, 9) * 255f));
        LoadedImage jpg = loader.load(file("grey.jpg", TestFiles.write(grey, "jpeg")));
        assertEquals(1, jpg.image().channels());
        assertEquals(16, jpg.image().width());
    }

    @Test
    void plainFileHasNoIccAndNoExif() throws Exception {
        ImageMetadata m = loader.load(file("plain.bmp", TestFiles.write(TestFiles.rgb8(10, 10, 9), "bmp"))).metadata();
        assertNull(m.iccProfile());
        assertTrue(m.exif().isEmpty(), m.exif().toString());
        assertFalse(m.hasAlpha());
    }

    @Test
    void iccDescriptionNamesTheProfile() {
        byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        String d = Metadata.describeIcc(srgb);
        assertTrue(d.startsWith("sRGB"), d);
        assertTrue(d.contains("display profile") || d.contains("colour space profile"), d);
        assertTrue(Metadata.describeIcc(new byte[50]).contains("unreadable"));
    }

    // ------------------------------------------------------------------ limits
    @Test
    void pixelLimitIsConfigurable() throws Exception {
        Path p = file("big.png", TestFiles.write(new BufferedImage(2000, 2000, BufferedImage.TYPE_INT_RGB), "png"));
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> new ImageLoader(1_000_000).load(p));
        assertEquals("Cannot open big.png: the header declares 2000 x 2000 = 4.0 megapixels, more than the limit of 1.0 megapixels",
                e.getMessage());
        assertEquals(2000, loader.load(p).image().width());
    }

    @Test
    void decodingThatNeedsMoreMemoryThanFreeIsRefusedFromTheHeader() throws Exception {
        Path p = file("mem.png", TestFiles.write(TestFiles.rgb8(1000, 1000, 10), "png"));
        // 1 MP RGB: about 3 MB raw + 12 MB float planes; pretend only 8 MB are free
        ImageLoadException e = assertThrows(ImageLoadException.class,
                () -> new ImageLoader(ImageLoader.DEFAULT_MAX_PIXELS, () -> 8L << 20).load(p));
        assertTrue(e.getMessage().startsWith("Cannot open mem.png: decoding 1000 x 1000 pixels needs about "), e.getMessage());
        assertTrue(e.getMessage().endsWith("only 8 MB are available to Java"), e.getMessage());
        assertEquals(1000, new ImageLoader(ImageLoader.DEFAULT_MAX_PIXELS, () -> 512L << 20).load(p).image().width());
    }

    /** Issue 14: an image whose analysis cannot fit is refused at once, in one line; a one-colour one needs no analysis memory. */
    @Test
    void analysisThatCannotFitIsRefusedAtOnceUnlessTheImageIsOneColour() throws Exception {
        Path p = file("big-photo.png", TestFiles.write(TestFiles.rgb8(1000, 1000, 12), "png"));
        // decoding fits in 64 MB, the analysis (about 60 bytes per pixel + 256 MB) does not
        ImageLoadException e = assertThrows(ImageLoadException.class,
                () -> new ImageLoader(ImageLoader.DEFAULT_MAX_PIXELS, () -> 64L << 20).load(p));
        assertTrue(e.getMessage().startsWith("Cannot open big-photo.png: analysing 1000 x 1000 pixels needs about 0.3 GB of memory,"
                + " but only 0.1 GB are available to Java; start Provenant with more memory"), e.getMessage());
        BufferedImage flat = new BufferedImage(1000, 1000, BufferedImage.TYPE_INT_RGB);
        Path u = file("uniform.png", TestFiles.write(flat, "png"));
        assertEquals(1000, new ImageLoader(ImageLoader.DEFAULT_MAX_PIXELS, () -> 64L << 20).load(u).image().width());
    }

    @Test
    void hugeDeclaredSizeWithoutPixelLimitIsRefusedBeforeDecoding() throws Exception {
        byte[] png = TestFiles.write(TestFiles.rgb8(64, 64, 13), "png");
        int ihdr = TestFiles.pngChunk(png, "IHDR");
        byte[] lie = TestFiles.fixPngCrc(TestFiles.u32be(TestFiles.u32be(png, ihdr + 8, 60_000), ihdr + 12, 60_000), ihdr);
        Path p = file("lie.png", lie);
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> new ImageLoader(Long.MAX_VALUE).load(p));
        // 12 KB of deflate data cannot hold 60000 x 60000 x 3 bytes (10.8 GB; deflate packs at most about 1032:1)
        assertTrue(e.getMessage().startsWith("Cannot open lie.png: the header declares 60000 x 60000 pixels, but the file holds"
                + " only 12 KB of PNG image data, and even a one-colour picture of that size needs at least 10 MB"), e.getMessage());
    }

    @Test
    void missingEmptyFolderAndUnsupportedAreRefusedPlainly() throws Exception {
        assertEquals("Cannot open nope.png: the file does not exist",
                assertThrows(ImageLoadException.class, () -> loader.load(dir.resolve("nope.png"))).getMessage());
        assertEquals("Cannot open empty.png: the file is empty (0 bytes)",
                assertThrows(ImageLoadException.class, () -> loader.load(file("empty.png", new byte[0]))).getMessage());
        Path sub = Files.createDirectory(dir.resolve("folder.png"));
        assertEquals("Cannot open folder.png: it is a folder, not an image file",
                assertThrows(ImageLoadException.class, () -> loader.load(sub)).getMessage());
        byte[] gif = TestFiles.write(TestFiles.rgb8(8, 8, 11), "gif");
        assertEquals("Cannot open x.gif: the format GIF is not supported (supported: PNG, JPEG, TIFF, WebP, BMP)",
                assertThrows(ImageLoadException.class, () -> loader.load(file("x.gif", gif))).getMessage());
    }

    @Test
    void unreadableFileIsRefused() throws Exception {
        Path p = file("locked.png", TestFiles.write(TestFiles.rgb8(8, 8, 12), "png"));
        boolean locked = p.toFile().setReadable(false, false);
        org.junit.jupiter.api.Assumptions.assumeTrue(locked && !Files.isReadable(p), "running as root: permissions not enforced");
        assertEquals("Cannot open locked.png: the file is not readable (permission denied)",
                assertThrows(ImageLoadException.class, () -> loader.load(p)).getMessage());
    }

    @Test
    void samplePhotographsLoad() throws Exception {
        Path samples = Path.of("assets", "samples");
        LoadedImage a = loader.load(samples.resolve("astronaut.png"));
        assertEquals(512, a.image().width());
        assertEquals(512, a.image().height());
        assertEquals("88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5", a.sha256());
        assertEquals(600, loader.load(samples.resolve("coffee.png")).image().width());
        assertEquals(451, loader.load(samples.resolve("chelsea.png")).image().width());
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
