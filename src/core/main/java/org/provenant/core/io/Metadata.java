package org.provenant.core.io;

import com.drew.lang.ByteArrayReader;
import com.drew.metadata.icc.IccDirectory;
import com.drew.metadata.icc.IccReader;
import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the raw metadata blocks of an evidence file into the text kept in {@link ImageMetadata}: selected EXIF/TIFF
 * tags (read with TwelveMonkeys' TIFF directory reader) and a short description of the ICC profile (read with
 * metadata-extractor's ICC reader, without handing untrusted bytes to the native colour engine). The metadata
 * indicator reads every tag with metadata-extractor; this class keeps the few the loader reports.
 * Damaged metadata never stops a load: what cannot be read is reported as unreadable.
 */
final class Metadata {
    private Metadata() { }

    /** EXIF and TIFF tags kept, in report order: tag number -> name. */
    private static final Map<Integer, String> MAIN_TAGS = new LinkedHashMap<>();
    private static final Map<Integer, String> EXIF_TAGS = new LinkedHashMap<>();

    static {
        MAIN_TAGS.put(271, "Make");
        MAIN_TAGS.put(272, "Model");
        MAIN_TAGS.put(305, "Software");
        MAIN_TAGS.put(306, "DateTime");
        MAIN_TAGS.put(274, "Orientation");
        MAIN_TAGS.put(270, "ImageDescription");
        MAIN_TAGS.put(315, "Artist");
        MAIN_TAGS.put(33432, "Copyright");
        MAIN_TAGS.put(11, "ProcessingSoftware");
        EXIF_TAGS.put(36867, "DateTimeOriginal");
        EXIF_TAGS.put(36868, "DateTimeDigitized");
        EXIF_TAGS.put(36881, "OffsetTimeOriginal");
        EXIF_TAGS.put(42035, "LensMake");
        EXIF_TAGS.put(42036, "LensModel");
        EXIF_TAGS.put(42033, "BodySerialNumber");
        EXIF_TAGS.put(33434, "ExposureTime");
        EXIF_TAGS.put(33437, "FNumber");
        EXIF_TAGS.put(34855, "ISOSpeedRatings");
        EXIF_TAGS.put(37386, "FocalLength");
        EXIF_TAGS.put(40962, "PixelXDimension");
        EXIF_TAGS.put(40963, "PixelYDimension");
        EXIF_TAGS.put(42016, "ImageUniqueID");
    }

    private static final int TAG_EXIF_IFD = 34665;
    private static final int TAG_GPS_IFD = 34853;
    private static final int TAG_ICC = 34675;
    private static final int TAG_BITS_PER_SAMPLE = 258;

    /** Tags from a TIFF structure (a TIFF file, or an EXIF block, which is one). Never throws. */
    static void readTiffTags(byte[] tiff, Map<String, String> out, Container.Info info) {
        if (tiff == null) return;
        int start = ImageFormat.startsWith(tiff, 0, 'E', 'x', 'i', 'f', 0, 0) ? 6 : 0;
        try (EvidenceStream in = new EvidenceStream(start == 0 ? tiff : java.util.Arrays.copyOfRange(tiff, start, tiff.length))) {
            Directory dir = new TIFFReader().read(in);
            if (dir instanceof CompoundDirectory c && c.directoryCount() > 0) dir = c.getDirectory(0);
            copyTags(dir, MAIN_TAGS, out);
            Directory exif = subDirectory(dir, TAG_EXIF_IFD);
            if (exif != null) copyTags(exif, EXIF_TAGS, out);
            if (dir.getEntryById(TAG_GPS_IFD) != null) out.put("GPS", "present (location tags in the file)");
            if (info != null && info.icc == null) {
                Entry icc = dir.getEntryById(TAG_ICC);
                if (icc != null && icc.getValue() instanceof byte[] bytes) info.icc = bytes;
            }
        } catch (Exception | StackOverflowError e) {
            out.put("EXIF", "present but unreadable (" + ImageLoader.safeMessage(e) + ")");
        }
    }

    /** BitsPerSample of a TIFF file's first directory, or -1. */
    static int tiffBitsPerSample(byte[] tiff) {
        try (EvidenceStream in = new EvidenceStream(tiff)) {
            Directory dir = new TIFFReader().read(in);
            if (dir instanceof CompoundDirectory c && c.directoryCount() > 0) dir = c.getDirectory(0);
            Entry e = dir.getEntryById(TAG_BITS_PER_SAMPLE);
            if (e == null) return 1;
            Object v = e.getValue();
            if (v instanceof Number n) return n.intValue();
            if (v instanceof short[] s && s.length > 0) return s[0];
            if (v instanceof int[] i && i.length > 0) return i[0];
            return -1;
        } catch (Exception | StackOverflowError e) {
            return -1;
        }
    }

    private static Directory subDirectory(Directory dir, int tag) {
        Entry e = dir.getEntryById(tag);
        if (e == null) return null;
        Object v = e.getValue();
        if (v instanceof Directory d) return d;
        if (v instanceof Directory[] ds && ds.length > 0) return ds[0];
        return null;
    }

    private static void copyTags(Directory dir, Map<Integer, String> tags, Map<String, String> out) {
        for (Map.Entry<Integer, String> t : tags.entrySet()) {
            Entry e = dir.getEntryById(t.getKey());
            if (e == null) continue;
            String v = e.getValueAsString();
            if (v == null) continue;
            v = Container.printable(v.strip());
            if (v.isEmpty()) continue;
            if (t.getKey() == 274) v = orientation(v);
            out.put(t.getValue(), v.length() > 300 ? v.substring(0, 300) + "..." : v);
        }
    }

    private static String orientation(String v) {
        String meaning = switch (v) {
            case "1" -> "normal";
            case "2" -> "mirrored";
            case "3" -> "rotated 180";
            case "4" -> "mirrored vertically";
            case "5" -> "mirrored and rotated 90 counter-clockwise";
            case "6" -> "rotated 90 clockwise";
            case "7" -> "mirrored and rotated 90 clockwise";
            case "8" -> "rotated 90 counter-clockwise";
            default -> "unknown value";
        };
        return v + " (" + meaning + ")";
    }

    /**
     * A short description of an ICC profile: its description tag, class, colour space, version and size,
     * e.g. "sRGB IEC61966-2.1 (display profile, RGB, ICC v2.1, 3144 bytes)". Null for null input. The profile is
     * read with metadata-extractor's ICC reader (header fields and the 'desc'/'mluc' description tag), never by
     * the native colour engine; only the header signature is checked here first.
     */
    static String describeIcc(byte[] p) {
        if (p == null) return null;
        if (p.length < 132 || !ImageFormat.startsWith(p, 36, 'a', 'c', 's', 'p')) {
            return "embedded ICC profile, unreadable (" + p.length + " bytes)";
        }
        com.drew.metadata.Metadata md = new com.drew.metadata.Metadata();
        new IccReader().extract(new ByteArrayReader(p), md);
        IccDirectory d = md.getFirstDirectoryOfType(IccDirectory.class);
        if (d == null) return "embedded ICC profile, unreadable (" + p.length + " bytes)";
        String clsSig = orEmpty(d.getString(IccDirectory.TAG_PROFILE_CLASS));
        String cls = switch (clsSig) {
            case "scnr" -> "input device profile";
            case "mntr" -> "display profile";
            case "prtr" -> "output device profile";
            case "link" -> "device link profile";
            case "spac" -> "colour space profile";
            case "abst" -> "abstract profile";
            case "nmcl" -> "named colour profile";
            default -> "profile of class '" + Container.printable(clsSig) + "'";
        };
        String spaceSig = orEmpty(d.getString(IccDirectory.TAG_COLOR_SPACE));
        String space = switch (spaceSig) {
            case "RGB " -> "RGB";
            case "GRAY" -> "grey";
            case "CMYK" -> "CMYK";
            case "YCbr" -> "YCbCr";
            case "Lab " -> "Lab";
            case "XYZ " -> "XYZ";
            default -> Container.printable(spaceSig).strip();
        };
        Integer v = d.getInteger(IccDirectory.TAG_PROFILE_VERSION);
        String version = v == null ? "?" : ((v >>> 24) & 0xff) + "." + ((v >>> 20) & 0xf);
        String desc = null;
        try {
            desc = clean(d.getDescription(IccDirectory.TAG_TAG_desc));
        } catch (RuntimeException e) { // a damaged description tag: the header facts suffice
            desc = null;
        }
        String facts = cls + ", " + space + ", ICC v" + version + ", " + p.length + " bytes";
        return desc == null ? "ICC profile (" + facts + ")" : desc + " (" + facts + ")";
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String clean(String s) {
        if (s == null) return null;
        String t = Container.printable(s.replace("\0", "")).strip();
        return t.isEmpty() ? null : (t.length() > 120 ? t.substring(0, 120) + "..." : t);
    }
}
