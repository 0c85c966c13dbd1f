package org.provenant.indicators.file.metadata;

import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.KeyValuePair;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.Tag;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.provenant.core.io.Evidence;
import org.provenant.core.io.ImageFormat;
import org.provenant.indicators.Detail;

/**
 * Every metadata directory and tag of the evidence file, read with metadata-extractor (EXIF, XMP, IPTC, ICC,
 * maker notes, PNG chunks, JFIF, ...), as a {@link Detail} per directory with one line per tag (name, value).
 * Before the library sees the bytes, {@link Precheck} walks the container and refuses blocks whose declared
 * length runs past the file, so nothing is allocated by a declared size; the library's own complaints about a
 * directory (cyclic IFD offsets, bad counts) are kept as problems.
 */
final class MetadataTree {
    static final int MAX_TAGS_PER_DIRECTORY = 2000;
    static final int MAX_VALUE_CHARS = 2000;

    final List<Detail> directories = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    /** Every text field, "directory / tag" -> full value (bounded), for the trace and consistency checks. */
    final Map<String, String> fields = new LinkedHashMap<>();
    Metadata metadata;
    int tags;

    static MetadataTree read(Evidence ev) {
        MetadataTree t = new MetadataTree();
        String refused = Precheck.problem(ev);
        if (refused != null) {
            t.problems.add(refused);
            return t;
        }
        try {
            String loop = IfdLoops.find(ev);
            if (loop != null) t.problems.add(loop);
        } catch (RuntimeException e) {   // a damaged block the offset walk cannot follow: the library's view decides
            t.problems.add("the EXIF directory offsets cannot be followed (" + message(e) + ")");
        }
        try {
            t.metadata = ImageMetadataReader.readMetadata(ev.openStream(), ev.size());
        } catch (Exception | StackOverflowError e) {
            t.problems.add("the metadata could not be read: " + message(e));
            return t;
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Directory d : t.metadata.getDirectories()) {
            String name = d.getName();
            int k = seen.merge(name, 1, Integer::sum);
            String title = k == 1 ? name : name + " (" + k + ")";
            for (String err : d.getErrors()) t.problems.add(title + ": " + err);
            List<Detail> rows = new ArrayList<>();
            for (Tag tag : d.getTags()) {
                if (rows.size() >= MAX_TAGS_PER_DIRECTORY) {
                    t.problems.add(title + ": more than " + MAX_TAGS_PER_DIRECTORY + " tags; the rest are not listed");
                    break;
                }
                String value = describe(d, tag);
                if (d instanceof PngDirectory && tag.getTagType() == PngDirectory.TAG_TEXTUAL_DATA
                        && d.getObject(tag.getTagType()) instanceof List<?> pairs) {
                    for (Object o : pairs) {
                        if (o instanceof KeyValuePair kv) {
                            String v = cut(String.valueOf(kv.getValue()));
                            rows.add(Detail.of(kv.getKey(), v));
                            t.fields.put(title + " / " + kv.getKey(), v);
                        }
                    }
                    continue;
                }
                rows.add(Detail.of(tag.getTagName(), value));
                t.fields.put(title + " / " + tag.getTagName(), value);
            }
            if (d instanceof XmpDirectory x) {
                try {
                    for (Map.Entry<String, String> p : x.getXmpProperties().entrySet()) {
                        if (rows.size() >= MAX_TAGS_PER_DIRECTORY) break;
                        String v = cut(p.getValue());
                        rows.add(Detail.of(p.getKey(), v));
                        t.fields.put(title + " / " + p.getKey(), v);
                    }
                } catch (RuntimeException e) {
                    t.problems.add(title + ": XMP properties unreadable (" + message(e) + ")");
                }
            }
            t.tags += rows.size();
            t.directories.add(Detail.group(title, rows.size() + (rows.size() == 1 ? " tag" : " tags")
                    + (d.hasErrors() ? ", with errors" : ""), d.hasErrors() ? Detail.Tone.BAD : Detail.Tone.NEUTRAL, rows));
        }
        return t;
    }

    private static String describe(Directory d, Tag tag) {
        try {
            String s = tag.getDescription();
            if (s == null) s = raw(d.getObject(tag.getTagType()));
            return cut(s);
        } catch (RuntimeException e) {
            return "(unreadable: " + message(e) + ")";
        }
    }

    /**
     * A tag value the library cannot describe, in words that do not change between runs: bytes in hex
     * ("hex 01 02"), other arrays as their elements, anything else as its text (never an array's identity hash).
     */
    static String raw(Object v) {
        if (v instanceof byte[] b) {
            StringBuilder sb = new StringBuilder("hex");
            for (int i = 0; i < Math.min(b.length, MAX_VALUE_CHARS / 3); i++) sb.append(String.format(" %02x", b[i] & 0xff));
            return sb.toString();
        }
        if (v != null && v.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            int n = Math.min(java.lang.reflect.Array.getLength(v), MAX_VALUE_CHARS / 2);
            for (int i = 0; i < n; i++) items.add(String.valueOf(java.lang.reflect.Array.get(v, i)));
            return String.join(" ", items);
        }
        return String.valueOf(v);
    }

    static String cut(String s) {
        if (s == null) return "";
        String p = s.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", " ").strip();
        return p.length() > MAX_VALUE_CHARS ? p.substring(0, MAX_VALUE_CHARS) + "..." : p;
    }


    static String message(Throwable e) {
        String m = e.getMessage() == null ? null : e.getMessage().strip().replaceAll("[.]+$", "");
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : (m.length() > 200 ? m.substring(0, 200) + "..." : m);
    }

    /** The container walk done before the library: blocks whose declared length cannot be true are refused. */
    static final class Precheck {
        private Precheck() { }

        static String problem(Evidence ev) {
            byte[] b = ev.copyOfBytes();
            ImageFormat f = ev.format();
            if (f == ImageFormat.PNG) return png(b);
            if (f == ImageFormat.WEBP) return riff(b);
            return null;   // JPEG segments are at most 64 kB; TIFF and EXIF are read by offset with bounds checks
        }

        private static String png(byte[] b) {
            long pos = 8;
            for (int n = 0; n < 100_000 && pos + 8 <= b.length; n++) {
                long len = u32be(b, (int) pos);
                String type = new String(b, (int) pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (len > b.length - pos - 12) {
                    return "the PNG chunk '" + type.replaceAll("[^\\x20-\\x7e]", "?") + "' at byte " + pos + " declares "
                            + len + " bytes, but only " + Math.max(0, b.length - pos - 12) + " remain: the metadata was not read";
                }
                if (type.equals("IEND")) return null;
                if ((type.equals("zTXt") || type.equals("iTXt") || type.equals("iCCP"))
                        && inflatesBeyond(b, (int) pos + 8, (int) len, MAX_INFLATED)) {
                    return "the compressed PNG chunk '" + type + "' at byte " + pos + " inflates to more than "
                            + (MAX_INFLATED >> 20) + " MB (a decompression bomb): the metadata was not read";
                }
                pos += 12 + len;
            }
            return null;
        }

        private static String riff(byte[] b) {
            long pos = 12;
            for (int n = 0; n < 100_000 && pos + 8 <= b.length; n++) {
                long len = (b[(int) pos + 4] & 0xffL) | (b[(int) pos + 5] & 0xffL) << 8 | (b[(int) pos + 6] & 0xffL) << 16
                        | (b[(int) pos + 7] & 0xffL) << 24;
                if (len > b.length - pos - 8) {
                    return "the WebP chunk at byte " + pos + " declares " + len + " bytes, but only " + (b.length - pos - 8)
                            + " remain: the metadata was not read";
                }
                pos += 8 + len + (len & 1);
            }
            return null;
        }

        /** Largest inflated text or profile chunk handed to the library. */
        static final int MAX_INFLATED = 16 << 20;

        /** Whether the zlib stream somewhere in the chunk inflates past {@code limit}; counts without keeping. */
        private static boolean inflatesBeyond(byte[] b, int data, int len, int limit) {
            int nul = -1;
            for (int i = data; i < data + Math.min(len, 80); i++) if (b[i] == 0) { nul = i; break; }
            if (nul < 0) return false;
            java.util.zip.Inflater inf = new java.util.zip.Inflater();
            byte[] buf = new byte[65536];
            // zTXt/iCCP: keyword NUL method; iTXt: keyword NUL flag method lang NUL translated NUL: try every start
            try {
                for (int start = nul + 2; start < Math.min(data + len, nul + 400); start++) {
                    if ((b[start] & 0x0f) != 8) continue;
                    inf.reset();
                    inf.setInput(b, start, data + len - start);
                    long total = 0;
                    try {
                        while (!inf.finished() && !inf.needsInput()) {
                            int n = inf.inflate(buf);
                            total += n;
                            if (total > limit) return true;
                            if (n == 0 && inf.needsDictionary()) break;
                        }
                    } catch (java.util.zip.DataFormatException e) {
                        continue;
                    }
                    return false;
                }
                return false;
            } finally {
                inf.end();
            }
        }

        private static long u32be(byte[] b, int p) {
            return (b[p] & 0xffL) << 24 | (b[p + 1] & 0xffL) << 16 | (b[p + 2] & 0xffL) << 8 | (b[p + 3] & 0xffL);
        }
    }
}
