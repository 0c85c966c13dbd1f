package org.provenant.core.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import org.provenant.core.image.FloatImage;

/**
 * Opens evidence files (PNG, JPEG, TIFF 8/16 bit, WebP, BMP) through ImageIO with the TwelveMonkeys plug-ins.
 *
 * <p>The file is opened once, read-only, and its bytes are hashed (SHA-256) before anything else happens; it is
 * never written. Before any pixel is decoded, the container structure is walked in plain Java ({@link Container}):
 * truncation, damaged chunks and the declared dimensions are known at that point, so the pixel limit and the memory
 * estimate refuse decompression bombs without decoding them. During decoding, decoder warnings and reads past the
 * last byte are watched, because ImageIO decodes many truncated files "successfully" with grey or black filler.
 *
 * <p>Pixels are returned as stored: the EXIF orientation and the ICC profile are reported in the metadata, never
 * applied, so that every indicator sees the samples the file holds.
 *
 * <p>Every refusal is one {@link ImageLoadException} whose message is "Cannot open NAME: reason in plain words".
 */
public final class ImageLoader {
    /** Default limit on width x height: 100 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /**
     * Safety margin on the memory estimate: decoders keep intermediate rows, colour conversion copies and the
     * JVM needs head-room. The exact factor is our choice (not from any method description).
     */
    static final double MEMORY_SAFETY_FACTOR = 1.25;

    /**
     * Java heap the full analysis takes per pixel on top of the decoded image, and its fixed part (models, buffers):
     * {@code provenant bench memory} measured 78 MB per megapixel for 8 MP in a 1 GB heap and 49 MB per megapixel for
     * 24 MP in a 2.5 GB heap, both including the models (docs/evidence-safety.md); rounded up. A one-colour image
     * needs none of it (every indicator stops at its content check).
     */
    public static final long ANALYSIS_BYTES_PER_PIXEL = 60;
    public static final long ANALYSIS_FIXED_BYTES = 256L << 20;
    /** Spread within which an image is one flat colour (the indicators' content check uses the same). */
    public static final double UNIFORM_SPREAD = 2.0 / 255 + 1e-6;

    /**
     * Formats whose decoders never read beyond the last byte of a complete file, so that any such read means the
     * file is truncated. The JPEG and WebP decoders read ahead in blocks; for them truncation is judged from the
     * container walk, the decoder's warnings and its end-of-file exceptions.
     */
    private static final java.util.Set<ImageFormat> READ_PAST_END_MEANS_TRUNCATED =
            java.util.EnumSet.of(ImageFormat.PNG, ImageFormat.TIFF, ImageFormat.BMP);

    static {
        ImageIO.scanForPlugins(); // registers the TwelveMonkeys readers also under class loaders that ImageIO did not scan
    }

    private final long maxPixels;
    private final LongSupplier availableMemory;

    public ImageLoader() {
        this(DEFAULT_MAX_PIXELS);
    }

    /** A loader that refuses images of more than {@code maxPixels} pixels (width x height as the header declares). */
    public ImageLoader(long maxPixels) {
        this(maxPixels, ImageLoader::freeHeap);
    }

    /** For tests: a loader that believes {@code availableMemory} bytes are free for decoding. */
    ImageLoader(long maxPixels, LongSupplier availableMemory) {
        if (maxPixels <= 0) throw new IllegalArgumentException("maxPixels must be positive");
        this.maxPixels = maxPixels;
        this.availableMemory = availableMemory;
        ImageIO.setUseCache(false);
    }

    public long maxPixels() {
        return maxPixels;
    }

    /** Heap that the JVM can still give: maximum heap minus what is in use now. */
    static long freeHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    public LoadedImage load(Path path) throws ImageLoadException {
        if (path == null) throw new ImageLoadException(null, "no file given");
        return load(path, readBytes(path));
    }

    /**
     * Decodes bytes already read from {@code path} (a batch hashes them first; a cluster job gets them from its
     * file system): the same checks and messages as {@link #load(Path)}; the file is not read again.
     */
    public LoadedImage load(Path path, byte[] bytes) throws ImageLoadException {
        if (path == null) throw new ImageLoadException(null, "no file given");
        if (bytes.length == 0) throw new ImageLoadException(path, "the file is empty (0 bytes)");
        String sha = sha256(bytes);
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == null) {
            String other = ImageFormat.describeUnsupported(bytes);
            throw new ImageLoadException(path, other != null
                    ? "the format " + other + " is not supported (supported: " + ImageFormat.SUPPORTED + ")"
                    : "the file is not an image in a supported format (supported: " + ImageFormat.SUPPORTED + ")");
        }
        Container.Info info;
        try {
            info = Container.inspect(format, bytes);
        } catch (RuntimeException e) { // a structure the walk did not foresee: refuse plainly rather than crash
            throw new ImageLoadException(path, "the " + format + " file structure is damaged (" + safeMessage(e) + ")", e);
        }
        if (info.problem != null) throw new ImageLoadException(path, info.problem);
        if (info.hasDimensions()) checkDimensions(path, info.width, info.height);
        if (info.pixelDataMissing) throw new ImageLoadException(path, Container.TRUNCATED);
        if (info.implausible != null) throw new ImageLoadException(path, info.implausible);
        Decoded d = decode(path, format, bytes, info);
        checkAnalysisMemory(path, d.image);
        return new LoadedImage(path, bytes.length, sha, d.image, d.metadata, new Evidence(path, sha, format, bytes));
    }

    private static byte[] readBytes(Path path) throws ImageLoadException {
        if (!Files.exists(path)) throw new ImageLoadException(path, "the file does not exist");
        if (Files.isDirectory(path)) throw new ImageLoadException(path, "it is a folder, not an image file");
        if (!Files.isRegularFile(path)) throw new ImageLoadException(path, "it is not a regular file");
        if (!Files.isReadable(path)) throw new ImageLoadException(path, "the file is not readable (permission denied)");
        try {
            long size = Files.size(path);
            if (size == 0) throw new ImageLoadException(path, "the file is empty (0 bytes)");
            if (size > Integer.MAX_VALUE - 16) throw new ImageLoadException(path, "the file is larger than 2 GB");
            // READ only: the evidence file is never opened for writing; reading does not change its modification time
            try (InputStream in = Files.newInputStream(path, StandardOpenOption.READ)) {
                byte[] bytes = in.readAllBytes();
                if (bytes.length == 0) throw new ImageLoadException(path, "the file is empty (0 bytes)");
                return bytes;
            }
        } catch (AccessDeniedException e) {
            throw new ImageLoadException(path, "the file is not readable (permission denied)", e);
        } catch (IOException e) {
            throw new ImageLoadException(path, "the file could not be read (" + safeMessage(e) + ")", e);
        }
    }

    /** Width and height as declared, unsigned (a TIFF's 0xFFFFFFFF rows is 4294967295, never -1). */
    private void checkDimensions(Path path, long w, long h) throws ImageLoadException {
        if (w <= 0 || h <= 0) {
            throw new ImageLoadException(path, "the header declares an empty image (" + w + " x " + h + " pixels)");
        }
        double px = (double) w * h; // two unsigned 32-bit sides can overflow a long
        if (px > maxPixels) {
            throw new ImageLoadException(path, String.format(Locale.ROOT,
                    "the header declares %d x %d = %.1f megapixels, more than the limit of %.1f megapixels",
                    w, h, px / 1e6, maxPixels / 1e6));
        }
    }

    private record Decoded(FloatImage image, ImageMetadata metadata) { }

    private Decoded decode(Path path, ImageFormat format, byte[] bytes, Container.Info info) throws ImageLoadException {
        EvidenceStream stream = new EvidenceStream(bytes);
        ImageReader reader = readerFor(format);
        if (reader == null) {
            throw new ImageLoadException(path, "no decoder for " + format + " is installed (TwelveMonkeys ImageIO missing?)");
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((IIOReadWarningListener) (source, warning) -> warnings.add(warning));
        try {
            reader.setInput(stream, true, true);
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            checkDimensions(path, w, h);
            checkMemory(path, reader, w, h);
            BufferedImage img = reader.read(0, reader.getDefaultReadParam());
            if (img == null) throw new ImageLoadException(path, "the decoder returned no image");
            String damage = judge(warnings, READ_PAST_END_MEANS_TRUNCATED.contains(format) ? stream.readsPastEnd() : 0);
            if (damage != null) throw new ImageLoadException(path, damage);
            FloatImage fi = FloatImage.fromBufferedImage(img);
            return new Decoded(fi, metadata(format, bytes, info, img, fi, warnings));
        } catch (ImageLoadException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new ImageLoadException(path, "there is not enough memory to decode the image", e);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            if (isTruncation(e) || (READ_PAST_END_MEANS_TRUNCATED.contains(format) && stream.readsPastEnd() > 0)) {
                throw new ImageLoadException(path, Container.TRUNCATED, e);
            }
            String words = decoderMessage(e);
            throw new ImageLoadException(path, words == null
                    ? "the " + format + " file is damaged: a value its decoder needs is missing, out of range or of the wrong kind"
                    : "the image data is damaged (the " + format + " decoder reports: " + words + ")", e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader readerFor(ImageFormat format) {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format.imageIoName());
        return it.hasNext() ? it.next() : null;
    }

    /** Refuses, from the header alone, an image whose decoding needs more heap than the JVM can give. */
    private void checkMemory(Path path, ImageReader reader, int w, int h) throws IOException, ImageLoadException {
        long bytesPerPixel = 8; // fallback: 4 samples of 16 bits
        int floatPlanes = 3;
        try {
            ImageTypeSpecifier type = reader.getRawImageType(0);
            if (type == null) {
                Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
                type = types.hasNext() ? types.next() : null;
            }
            if (type != null) {
                SampleModel sm = type.getSampleModel(1, 1);
                bytesPerPixel = Math.max(1, (long) sm.getNumDataElements() * DataBuffer.getDataTypeSize(sm.getDataType()) / 8);
                if (type.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY) floatPlanes = 1;
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // keep the conservative fallback estimate
        }
        long px = (long) w * h;
        long need = (long) (MEMORY_SAFETY_FACTOR * (px * bytesPerPixel + px * floatPlanes * 4L));
        long free = availableMemory.getAsLong();
        if (need > free) {
            throw new ImageLoadException(path, String.format(Locale.ROOT,
                    "decoding %d x %d pixels needs about %d MB of memory, but only %d MB are available to Java",
                    w, h, need >> 20, Math.max(0, free) >> 20));
        }
    }

    /**
     * Refuses at once, before any indicator starts, an image whose analysis would need more heap than Java may use
     * (the installer's launcher gives 60 % of the machine's memory): the examiner learns it in one line instead of
     * after minutes of swapping or an out-of-memory error half-way.
     */
    private void checkAnalysisMemory(Path path, FloatImage img) throws ImageLoadException {
        long need = ANALYSIS_FIXED_BYTES + (long) img.pixels() * ANALYSIS_BYTES_PER_PIXEL;
        long free = availableMemory.getAsLong();
        if (need <= free || img.isUniform(UNIFORM_SPREAD)) return;
        throw new ImageLoadException(path, String.format(Locale.ROOT,
                "analysing %d x %d pixels needs about %.1f GB of memory, but only %.1f GB are available to Java; start"
                        + " Provenant with more memory (e.g. JAVA_TOOL_OPTIONS=-Xmx%dg) or analyse a smaller image",
                img.width(), img.height(), need / 1e9, Math.max(0, free) / 1e9,
                (long) Math.ceil((need + Runtime.getRuntime().totalMemory()) / 1e9) + 1));
    }

    /** Decoder warnings (and reads past the end) that mean the pixels are not all in the file. */
    private static String judge(List<String> warnings, int readsPastEnd) {
        for (String w : warnings) {
            String l = w.toLowerCase(Locale.ROOT);
            if (l.contains("premature end") || l.contains("truncat") || l.contains("unexpected end") || l.contains("end of file")) {
                return Container.TRUNCATED;
            }
        }
        if (readsPastEnd > 0) return Container.TRUNCATED;
        for (String w : warnings) {
            String l = w.toLowerCase(Locale.ROOT);
            if (l.contains("corrupt")) return "the image data is damaged (decoder warning: " + shorten(w) + ")";
        }
        return null;
    }

    private static boolean isTruncation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EOFException) return true;
            String m = t.getMessage();
            if (m != null) {
                String l = m.toLowerCase(Locale.ROOT);
                if (l.contains("unexpected end") || l.contains("premature end") || l.contains("end of stream")
                        || l.contains("end of file") || l.contains("truncated")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ImageMetadata metadata(ImageFormat format, byte[] bytes, Container.Info info, BufferedImage img,
                                          FloatImage fi, List<String> warnings) {
        Map<String, String> exif = new LinkedHashMap<>();
        Metadata.readTiffTags(format == ImageFormat.TIFF ? bytes : info.exif, exif, info);
        info.text.forEach((k, v) -> exif.putIfAbsent(format == ImageFormat.PNG ? "PNG text " + k : k, v));
        if (!warnings.isEmpty()) exif.put("Decoder warnings", shorten(String.join("; ", warnings)));
        int[] sizes = img.getSampleModel().getSampleSize();
        int bits = 0;
        for (int s : sizes) bits = Math.max(bits, s);
        if (format == ImageFormat.TIFF) {
            int declared = Metadata.tiffBitsPerSample(bytes);
            if (declared > 0) bits = declared;
        }
        String icc;
        try {
            icc = Metadata.describeIcc(info.icc);
        } catch (RuntimeException e) { // damaged metadata never stops a load
            icc = "embedded ICC profile, unreadable (" + info.icc.length + " bytes)";
        }
        return new ImageMetadata(format.imageIoName(), img.getWidth(), img.getHeight(), bits, fi.channels(),
                img.getColorModel().hasAlpha(), icc, exif);
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /**
     * The decoder's own words, when they are words: the message of an I/O error (and its cause's where that says
     * more). A programming error inside the decoder (a failed cast, a null, an index out of range, as damaged TIFF
     * directories provoke) or a message naming Java classes says nothing to an examiner: then null, and the caller
     * says it in words.
     */
    static String decoderMessage(Throwable e) {
        String m = safeMessage(e);
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null && !m.contains(cause.getMessage().strip())) {
            m = m.replaceAll("[.!]+$", "") + ": " + safeMessage(cause);
        }
        if (!(e instanceof IOException) || internals(m) || cause != null && !(cause instanceof IOException) && internals(safeMessage(cause))) {
            return null;
        }
        m = Container.printable(m);
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    private static boolean internals(String m) {
        return m.matches("(?s).*(\\bclass \\S|java\\.|javax\\.|Exception|Error\\b|\\bnull\\b|\\$|\\bat [a-z]+\\.).*");
    }

    static String safeMessage(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
        m = m.replaceAll("\\s+", " ").strip();
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }

    /** Lower-case hex SHA-256 of the bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
