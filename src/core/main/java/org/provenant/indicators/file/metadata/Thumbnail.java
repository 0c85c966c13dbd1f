package org.provenant.indicators.file.metadata;

import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifThumbnailDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.provenant.core.filter.Resample;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.io.Evidence;
import org.provenant.core.io.JpegSegments;

/**
 * The embedded EXIF thumbnail against the picture: the thumbnail is decoded, black bars (letterboxing of a
 * thumbnail whose proportions differ from the picture's) are trimmed, the picture is downscaled to the rest, and
 * the luminance difference gives a map and a mean. A camera writes the thumbnail from the same exposure, so the
 * two agree up to scaling and compression (mean difference of a few hundredths); a thumbnail that shows other
 * content (an editor that kept the old thumbnail) differs far more.
 */
final class Thumbnail {
    /** Largest thumbnail decoded: EXIF thumbnails live in one 64 kB segment. */
    static final int MAX_BYTES = 1 << 16;
    /** Mean luminance difference (0..1) above which the thumbnail is said to show other content. Our choice: a
     *  re-compressed, rescaled copy of the same picture stays below 0.05 in our tests; not measured on a corpus. */
    static final double OTHER_CONTENT = 0.12;

    record Comparison(FloatMap thumbnail, FloatMap difference, double meanDifference, String problem) { }

    private Thumbnail() { }

    /** Null when the file has no EXIF thumbnail. */
    static Comparison compare(Metadata md, Evidence ev, FloatImage image) {
        ExifThumbnailDirectory t = md.getFirstDirectoryOfType(ExifThumbnailDirectory.class);
        if (t == null) return null;
        Integer rel = t.getAdjustedThumbnailOffset();   // relative to the start of the block holding the EXIF
        int base = exifBlockStart(ev);
        Integer off = rel == null || base < 0 ? null : rel + base;
        Integer len = t.getInteger(ExifThumbnailDirectory.TAG_THUMBNAIL_LENGTH);
        if (off == null || len == null) return null;
        if (off < 0 || len <= 0 || len > MAX_BYTES || (long) off + len > ev.size()) {
            return new Comparison(null, null, Double.NaN, "the thumbnail's declared place (" + off + ", " + len
                    + " bytes) lies outside the file or is implausibly large");
        }
        BufferedImage img;
        try {
            byte[] bytes = new byte[len];
            ev.bytes().position(off).get(bytes);
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            return new Comparison(null, null, Double.NaN, "the thumbnail cannot be decoded (" + MetadataTree.message(e) + ")");
        }
        if (img == null || img.getWidth() < 8 || img.getHeight() < 8 || img.getWidth() > 1024 || img.getHeight() > 1024) {
            return new Comparison(null, null, Double.NaN, "the thumbnail cannot be decoded");
        }
        FloatImage th = FloatImage.fromBufferedImage(img).toGrey();
        int tw = th.width(), tht = th.height();
        float[] tp = th.plane(0);
        // trim black bars: rows/columns at the edges that are all near black
        int x0 = 0, x1 = tw, y0 = 0, y1 = tht;
        while (y0 < y1 - 4 && dark(tp, tw, x0, x1, y0, y0 + 1)) y0++;
        while (y1 > y0 + 4 && dark(tp, tw, x0, x1, y1 - 1, y1)) y1--;
        while (x0 < x1 - 4 && dark(tp, tw, x0, x0 + 1, y0, y1)) x0++;
        while (x1 > x0 + 4 && dark(tp, tw, x1 - 1, x1, y0, y1)) x1--;
        int cw = x1 - x0, ch = y1 - y0;
        double aspectThumb = cw / (double) ch, aspectImage = image.width() / (double) image.height();
        if (Math.abs(Math.log(aspectThumb / aspectImage)) > 0.08) {
            return new Comparison(map(tp, tw, tht), null, Double.NaN, String.format(java.util.Locale.ROOT,
                    "the thumbnail's proportions (%d x %d) differ from the picture's (%d x %d): cropped or rotated after the "
                            + "thumbnail was made, or not its thumbnail", cw, ch, image.width(), image.height()));
        }
        float[] small = Resample.resize(image.toGrey().plane(0), image.width(), image.height(), cw, ch);
        float[] diff = new float[cw * ch];
        double sum = 0;
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                float d = Math.abs(tp[(y + y0) * tw + x + x0] - small[y * cw + x]);
                diff[y * cw + x] = d;
                sum += d;
            }
        }
        return new Comparison(map(tp, tw, tht), new FloatMap(cw, ch, diff), sum / diff.length, null);
    }

    /** Where the block that holds the EXIF starts in the file (JPEG APP1 payload, PNG eXIf data, TIFF: 0), or -1. */
    static int exifBlockStart(Evidence ev) {
        java.nio.ByteBuffer b = ev.bytes();
        int n = b.limit();
        if (ev.format() == org.provenant.core.io.ImageFormat.TIFF) return 0;
        if (ev.format() == org.provenant.core.io.ImageFormat.JPEG) {
            JpegSegments walk = JpegSegments.strict(b);
            JpegSegments.Segment s = walk.next();
            for (int seg = 0; seg < 1000 && s != null; seg++, s = walk.next()) {
                int m = s.marker(), p = s.data();
                if (m == JpegSegments.SOS || m == JpegSegments.EOI) return -1;
                if (m == JpegSegments.APP1 && s.dataLength() >= 6 && b.get(p) == 'E' && b.get(p + 1) == 'x'
                        && b.get(p + 2) == 'i' && b.get(p + 3) == 'f') {
                    return p;
                }
            }
            return -1;
        }
        if (ev.format() == org.provenant.core.io.ImageFormat.PNG) {
            long pos = 8;
            for (int c = 0; c < 10_000 && pos + 8 <= n; c++) {
                long len = ((b.get((int) pos) & 0xffL) << 24) | ((b.get((int) pos + 1) & 0xffL) << 16)
                        | ((b.get((int) pos + 2) & 0xffL) << 8) | (b.get((int) pos + 3) & 0xffL);
                if (b.get((int) pos + 4) == 'e' && b.get((int) pos + 5) == 'X' && b.get((int) pos + 6) == 'I' && b.get((int) pos + 7) == 'f') {
                    return (int) pos + 8;
                }
                pos += 12 + len;
            }
        }
        return -1;
    }

    private static boolean dark(float[] p, int w, int xa, int xb, int ya, int yb) {
        for (int y = ya; y < yb; y++) for (int x = xa; x < xb; x++) if (p[y * w + x] > 0.06f) return false;
        return true;
    }

    private static FloatMap map(float[] p, int w, int h) {
        return new FloatMap(w, h, p.clone());
    }
}
