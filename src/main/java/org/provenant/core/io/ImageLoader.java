package org.provenant.core.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.provenant.core.image.FloatImage;

/**
 * Opens evidence files read-only through ImageIO with the TwelveMonkeys plug-ins.
 * The pixel count is checked from the header before any pixel is decoded (no decompression bomb).
 */
public final class ImageLoader {
    /** Default limit on width x height: 100 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    private final long maxPixels;

    public ImageLoader() {
        this(DEFAULT_MAX_PIXELS);
    }

    public ImageLoader(long maxPixels) {
        if (maxPixels <= 0) throw new IllegalArgumentException("maxPixels must be positive");
        this.maxPixels = maxPixels;
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    public long maxPixels() {
        return maxPixels;
    }

    public LoadedImage load(Path path) throws ImageLoadException {
        if (path == null) throw new ImageLoadException(null, "no file given");
        if (!Files.exists(path)) throw new ImageLoadException(path, "the file does not exist");
        if (Files.isDirectory(path)) throw new ImageLoadException(path, "it is a folder, not an image file");
        if (!Files.isReadable(path)) throw new ImageLoadException(path, "the file is not readable (permissions)");
        long size;
        byte[] bytes;
        try {
            size = Files.size(path);
            if (size == 0) throw new ImageLoadException(path, "the file is empty (0 bytes)");
            if (size > Integer.MAX_VALUE - 16) throw new ImageLoadException(path, "the file is larger than 2 GB");
            try (InputStream in = Files.newInputStream(path, StandardOpenOption.READ)) {
                bytes = in.readAllBytes();
            }
        } catch (IOException e) {
            throw new ImageLoadException(path, "the file could not be read (" + e.getMessage() + ")", e);
        }
        String sha = sha256(bytes);
        Decoded d = decode(path, bytes);
        return new LoadedImage(path, size, sha, d.image, d.metadata);
    }

    private record Decoded(FloatImage image, ImageMetadata metadata) { }

    private Decoded decode(Path path, byte[] bytes) throws ImageLoadException {
        try (ImageInputStream iis = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new ImageLoadException(path, "unsupported or unrecognised format (supported: PNG, JPEG, TIFF, WebP, BMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, false);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0) throw new ImageLoadException(path, "the header declares an empty image (" + w + "x" + h + ")");
                long px = (long) w * h;
                if (px > maxPixels) {
                    throw new ImageLoadException(path, String.format("the image declares %d x %d = %.1f megapixels, more than the limit of %.1f megapixels",
                            w, h, px / 1e6, maxPixels / 1e6));
                }
                ImageReadParam param = reader.getDefaultReadParam();
                BufferedImage img = reader.read(0, param);
                if (img == null) throw new ImageLoadException(path, "the decoder returned no image");
                FloatImage fi = FloatImage.fromBufferedImage(img);
                int bits = img.getColorModel().getComponentSize(0);
                ImageMetadata meta = new ImageMetadata(reader.getFormatName().toLowerCase(java.util.Locale.ROOT), w, h, bits,
                        fi.channels(), img.getColorModel().hasAlpha(), null, Map.of());
                return new Decoded(fi, meta);
            } finally {
                reader.dispose();
            }
        } catch (ImageLoadException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new ImageLoadException(path, "not enough memory to decode the image", e);
        } catch (IOException | RuntimeException e) {
            throw new ImageLoadException(path, "the file is damaged or truncated (" + safeMessage(e) + ")", e);
        }
    }

    static String safeMessage(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
