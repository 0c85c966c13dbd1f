package org.provenant.indicators.file.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.provenant.ml.ModelRegistry;
import org.provenant.core.io.ImageLoadException;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.codec.colourcorr.ColourCorrelation;
import org.provenant.indicators.jpeg.jpegstructure.JpegFixtures;
import org.provenant.indicators.jpeg.jpegstructure.JpegStructure;
import org.provenant.indicators.file.metadata.MetadataFixtures.Entry;

/**
 * Malformed and hostile metadata blocks (the malformed-input cases of the file indicators): cyclic IFD offsets,
 * huge declared counts and lengths, truncated segments, a decompression bomb in a PNG text chunk. None may crash,
 * hang or allocate by the declared size; the metadata result says what is wrong with the block; where the loader
 * accepts the file, the JPEG structure and a pixel indicator run on it as before.
 */
class HostileMetadataTest {
    @TempDir
    static Path dir;

    private static final byte[] JPEG = JpegFixtures.jpeg(JpegFixtures.sample("chelsea.png"), 85);

    record Case(String ext, Supplier<byte[]> bytes, String problem, boolean loads) { }

    static Stream<Arguments> cases() throws Exception {
        byte[] png = MetadataFixtures.png(JpegFixtures.sample("chelsea.png"));
        return Stream.of(
                c("EXIF with a cyclic IFD chain (IFD0 -> IFD0, EXIF pointer -> IFD0)", "jpg", () -> MetadataFixtures.withExif(JPEG, cyclic()), "form a loop", true),
                c("EXIF entry declaring 2^31 values", "jpg", () -> MetadataFixtures.withExif(JPEG, hugeCount()), "Illegal TIFF tag pointer offset", true),
                c("EXIF pointer far outside the block", "jpg", () -> MetadataFixtures.withExif(JPEG, farPointer()), "outside data segment", true),
                c("APP1 EXIF cut short by the end of the file", "jpg", HostileMetadataTest::truncatedApp1, "could not be read", false),
                c("PNG tEXt chunk declaring 2 GB", "png", () -> hugeChunk(png), "declares", false),
                c("PNG zTXt chunk inflating to 64 MB (bomb)", "png", () -> bomb(png), "decompression bomb", true));
    }

    private static Arguments c(String name, String ext, Supplier<byte[]> bytes, String problem, boolean loads) {
        return Arguments.of(Named.of(name, new Case(ext, bytes, problem, loads)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileBlocksAreDescribedAndTheRestRuns(Case c) throws Exception {
        byte[] bytes = c.bytes().get();
        IndicatorResult r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> MetadataIndicatorTest.run(bytes));
        String said = r.explanation();
        if (!c.problem().isEmpty()) {
            assertTrue(r.score("problems").value() >= 1 && said.contains(c.problem()), said);
        }
        if (!c.loads()) return;
        Path f = dir.resolve("hostile-" + Math.abs(c.hashCode()) + "." + c.ext());
        Files.write(f, bytes);
        LoadedImage img;
        try {
            img = new ImageLoader().load(f);
        } catch (ImageLoadException e) {
            throw new AssertionError("the loader refused a file whose pixels are intact: " + e.getMessage(), e);
        }
        IndicatorContext ctx = IndicatorContext.of(null).withEvidence(img.evidence());
        IndicatorResult viaLoader = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> new MetadataIndicator().analyze(img.image(), ctx));
        assertEquals(r.score("problems").value(), viaLoader.score("problems").value());
        IndicatorResult colour = new ColourCorrelation().analyze(img.image(),
                IndicatorContext.of(ModelRegistry.load(Path.of("models"))).withEvidence(img.evidence()));
        assertTrue(Double.isFinite(colour.headline().value()), "the pixel indicator runs as before");
        if (c.ext().equals("jpg")) {
            IndicatorResult j = new JpegStructure().analyze(img.image(), ctx);
            assertEquals(85, j.score("quality_luma").value());
        }
    }

    /** Random byte mutations of a camera JPEG with EXIF and thumbnail: both file indicators always answer. */
    @org.junit.jupiter.api.Test
    void mutatedFilesNeverCrashTheFileIndicators() {
        byte[] base = MetadataFixtures.cameraJpeg("Adobe Photoshop 25.0 (Windows)", "2024:06:01 18:30:00", JpegFixtures.sample("chelsea.png"));
        java.util.Random rnd = new java.util.Random(11);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < 60; i++) {
                byte[] m = base.clone();
                int n = 1 + rnd.nextInt(8);
                for (int k = 0; k < n; k++) {
                    // most hits in the headers and the EXIF block, where structure lives
                    int at = rnd.nextInt(4) == 0 ? rnd.nextInt(m.length) : rnd.nextInt(Math.min(m.length, 2000));
                    m[at] = (byte) (rnd.nextBoolean() ? 0xff : rnd.nextInt(256));
                }
                if (rnd.nextInt(5) == 0) m = java.util.Arrays.copyOf(m, 100 + rnd.nextInt(m.length - 100));
                IndicatorResult meta = MetadataIndicatorTest.run(m);
                assertTrue(meta.explanation() != null && !meta.explanation().isBlank());
                IndicatorResult j = JpegFixtures.run(m);
                assertTrue(j.explanation() != null && !j.explanation().isBlank());
            }
        });
    }

    /** IFD0 whose next-IFD offset and EXIF pointer both point back at IFD0. */
    static byte[] cyclic() {
        byte[] t = MetadataFixtures.tiff(List.of(Entry.ascii(0x010f, "Loop")), List.of(Entry.ascii(0x9003, "2024:01:01 00:00:00")), null, null);
        ByteBuffer b = ByteBuffer.wrap(t);
        int n = b.getShort(8);
        for (int i = 0; i < n; i++) if (b.getShort(10 + 12 * i) == (short) 0x8769) b.putInt(10 + 12 * i + 8, 8);
        b.putInt(10 + 12 * n, 8);
        return t;
    }

    static byte[] hugeCount() {
        byte[] t = MetadataFixtures.tiff(List.of(Entry.ascii(0x010f, "Canon"), Entry.ascii(0x0110, "Huge")), null, null, null);
        ByteBuffer.wrap(t).putInt(10 + 12 + 4, 0x7fffffff);   // the Model entry's count
        return t;
    }

    static byte[] farPointer() {
        byte[] t = MetadataFixtures.tiff(List.of(Entry.ascii(0x010f, "Canon")), List.of(Entry.ascii(0x9003, "2024:01:01 00:00:00")), null, null);
        ByteBuffer b = ByteBuffer.wrap(t);
        int n = b.getShort(8);
        for (int i = 0; i < n; i++) if (b.getShort(10 + 12 * i) == (short) 0x8769) b.putInt(10 + 12 * i + 8, 0x7ffffff0);
        return t;
    }

    static byte[] truncatedApp1() {
        byte[] withExif = MetadataFixtures.withExif(JPEG, MetadataFixtures.tiff(List.of(Entry.ascii(0x010f, "Canon"),
                Entry.ascii(0x0131, "x".repeat(400))), null, null, null));
        return java.util.Arrays.copyOf(withExif, 200);
    }

    static byte[] hugeChunk(byte[] png) {
        byte[] chunk = MetadataFixtures.chunk("tEXt", "Comment\0hello".getBytes());
        ByteBuffer.wrap(chunk).putInt(0, 0x7ffffff0);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(png, 0, 33);
        o.writeBytes(chunk);
        o.write(png, 33, png.length - 33);
        return o.toByteArray();
    }

    static byte[] bomb(byte[] png) {
        Deflater d = new Deflater(9);
        d.setInput(new byte[64 << 20]);
        d.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) z.write(buf, 0, d.deflate(buf));
        d.end();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes("Comment\0\0".getBytes());
        data.writeBytes(z.toByteArray());
        return MetadataFixtures.withChunk(png, "zTXt", data.toByteArray());
    }
}
