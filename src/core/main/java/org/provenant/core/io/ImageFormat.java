package org.provenant.core.io;

import java.util.Locale;

/** The evidence formats the loader accepts, recognised by their magic bytes (never by the file name). */
public enum ImageFormat {
    PNG("png"), JPEG("jpeg"), TIFF("tiff"), WEBP("webp"), BMP("bmp");

    /** The list shown to users in "unsupported format" messages. */
    public static final String SUPPORTED = "PNG, JPEG, TIFF, WebP, BMP";

    private final String imageIoName;

    ImageFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    /** The ImageIO format name (lower case), also used as {@link ImageMetadata#formatName()}. */
    public String imageIoName() {
        return imageIoName;
    }

    /** The supported format these bytes start with, or null. */
    static ImageFormat sniff(byte[] b) {
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) return PNG;
        if (startsWith(b, 0, 0xff, 0xd8, 0xff)) return JPEG;
        if (startsWith(b, 0, 'I', 'I', 42, 0) || startsWith(b, 0, 'M', 'M', 0, 42)) return TIFF;
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) return WEBP;
        if (startsWith(b, 0, 'B', 'M')) return BMP;
        return null;
    }

    /** A plain name for a recognised but unsupported format, or null when the bytes mean nothing known. */
    static String describeUnsupported(byte[] b) {
        if (startsWith(b, 0, 'G', 'I', 'F', '8')) return "GIF";
        if (startsWith(b, 0, 'I', 'I', 43, 0) || startsWith(b, 0, 'M', 'M', 0, 43)) return "BigTIFF";
        if (startsWith(b, 0, '%', 'P', 'D', 'F')) return "PDF";
        if (startsWith(b, 0, 'P', 'K', 3, 4)) return "ZIP";
        if (startsWith(b, 0, '8', 'B', 'P', 'S')) return "Photoshop (PSD)";
        if (startsWith(b, 4, 'f', 't', 'y', 'p')) return "HEIF/AVIF or another ISO media";
        if (startsWith(b, 0, 0, 0, 0, 0x0c, 'j', 'P', ' ', ' ') || startsWith(b, 0, 0xff, 0x4f, 0xff, 0x51)) return "JPEG 2000";
        if (startsWith(b, 0, 0xff, 0x0a) || startsWith(b, 4, 'J', 'X', 'L', ' ')) return "JPEG XL";
        if (startsWith(b, 0, 'R', 'I', 'F', 'F')) return "RIFF (not WebP)";
        return null;
    }

    static boolean startsWith(byte[] b, int at, int... magic) {
        if (b.length < at + magic.length) return false;
        for (int i = 0; i < magic.length; i++) {
            if ((b[at + i] & 0xff) != magic[i]) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return this == WEBP ? "WebP" : name().toUpperCase(Locale.ROOT);
    }
}
