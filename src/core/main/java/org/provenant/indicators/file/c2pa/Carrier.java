package org.provenant.indicators.file.c2pa;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.provenant.core.io.JpegSegments;

/**
 * Where a file carries its C2PA manifest store: JPEG APP11 JUMBF segments (JPEG XT: CI "JP", box instance En,
 * sequence Z; the store's segments reassembled in Z order), a PNG {@code caBX} chunk, a WebP {@code C2PA} chunk; and
 * a remote-manifest reference in the XMP ({@code dcterms:provenance}). Reads only the byte array, bounded by it.
 *
 * @param container  "JPEG", "PNG", "WebP" or "unknown"
 * @param store      the reassembled JUMBF manifest store, or null when the file embeds none
 * @param storeStart offset in the file of the first byte of the carrier (segment marker, chunk length), or -1
 * @param storeEnd   offset just past the last carrier byte, or -1
 * @param remoteUrl  the remote manifest reference found in XMP, or null
 * @param problem    what is wrong with the carrier in words (a store that could not be reassembled), or null
 */
public record Carrier(String container, byte[] store, int storeStart, int storeEnd, String remoteUrl, String problem) {
    private static final byte[] XMP_ID = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final Pattern PROVENANCE = Pattern.compile(
            "dcterms:provenance\\s*(?:=\\s*[\"']([^\"']{1,2048})[\"']|>\\s*([^<]{1,2048})<)");

    public static Carrier find(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) return jpeg(b);
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return png(b);
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
                && b[10] == 'B' && b[11] == 'P') return webp(b);
        return new Carrier("unknown", null, -1, -1, null, null);
    }

    public boolean embedded() { return store != null; }

    // ---------------------------------------------------------------- JPEG: APP11 segments before the scan
    private static Carrier jpeg(byte[] b) {
        Map<Integer, TreeMap<Long, byte[]>> byInstance = new TreeMap<>();
        Map<Integer, int[]> span = new TreeMap<>();
        Integer c2paInstance = null;
        String remote = null, problem = null;
        JpegSegments walk = JpegSegments.strict(b);
        for (JpegSegments.Segment s = walk.next(); s != null; s = walk.next()) {
            int marker = s.marker();
            if (marker == JpegSegments.EOI || marker == JpegSegments.SOS) break;   // end of image, start of scan
            if (s.standalone()) continue;
            int c = s.data(), n = s.dataLength();
            if (marker == JpegSegments.APP11 && n > 16 && b[c] == 'J' && b[c + 1] == 'P') {
                int en = (b[c + 2] & 0xff) << 8 | (b[c + 3] & 0xff);
                long z = u32(b, c + 4);
                boolean first = n >= 28 && b[c + 24] == 'c' && b[c + 25] == '2' && b[c + 26] == 'p' && b[c + 27] == 'a';
                if (first && c2paInstance == null) c2paInstance = en;
                TreeMap<Long, byte[]> parts = byInstance.computeIfAbsent(en, k -> new TreeMap<>());
                // the first packet carries the box from its LBox on; later ones repeat LBox/TBox, which are dropped
                int skip = first ? 8 : 16;
                if (parts.size() < 65_536) parts.putIfAbsent(z, slice(b, c + skip, n - skip));
                int segStart = s.start();
                span.computeIfAbsent(en, k -> new int[]{segStart, 0})[1] = s.end();
            } else if (marker == JpegSegments.APP1 && remote == null && startsWith(b, c, n, XMP_ID)) {
                remote = provenance(new String(b, c + XMP_ID.length, n - XMP_ID.length, StandardCharsets.UTF_8));
            }
        }
        if (walk.endedOnBadLength()) {
            problem = "the JPEG segment at byte " + walk.endSegment().start() + " runs past the end of the file";
        }
        if (c2paInstance == null) return new Carrier("JPEG", null, -1, -1, remote, problem);
        ByteArrayOutputStream store = new ByteArrayOutputStream();
        long expected = 1;
        for (Map.Entry<Long, byte[]> e : byInstance.get(c2paInstance).entrySet()) {
            if (e.getKey() != expected && problem == null) {
                problem = "JUMBF packet " + expected + " of the manifest store is missing (found " + e.getKey() + ")";
            }
            expected = e.getKey() + 1;
            store.writeBytes(e.getValue());
        }
        int[] s = span.get(c2paInstance);
        return new Carrier("JPEG", store.toByteArray(), s[0], s[1], remote, problem);
    }

    // ---------------------------------------------------------------- PNG: caBX chunk (and iTXt XMP for a remote reference)
    private static Carrier png(byte[] b) {
        int pos = 8;
        String remote = null;
        while (pos + 12 <= b.length) {
            long len = u32(b, pos);
            if (len > b.length - pos - 12) {
                return new Carrier("PNG", null, -1, -1, remote, "the PNG chunk at byte " + pos + " runs past the end of the file");
            }
            String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
            int data = pos + 8, n = (int) len;
            if (type.equals("caBX")) return new Carrier("PNG", slice(b, data, n), pos, data + n + 4, remote, null);
            if (type.equals("iTXt") && remote == null && startsWith(b, data, n, "XML:com.adobe.xmp\0".getBytes(StandardCharsets.ISO_8859_1))) {
                remote = provenance(new String(b, data, n, StandardCharsets.UTF_8));
            }
            if (type.equals("IEND")) break;
            pos = data + n + 4;
        }
        return new Carrier("PNG", null, -1, -1, remote, null);
    }

    // ---------------------------------------------------------------- WebP: RIFF chunk C2PA (and XMP chunk)
    private static Carrier webp(byte[] b) {
        int pos = 12;
        String remote = null;
        while (pos + 8 <= b.length) {
            String type = new String(b, pos, 4, StandardCharsets.ISO_8859_1);
            long len = (b[pos + 4] & 0xffL) | (b[pos + 5] & 0xffL) << 8 | (b[pos + 6] & 0xffL) << 16 | (b[pos + 7] & 0xffL) << 24;
            if (len > b.length - pos - 8) {
                return new Carrier("WebP", null, -1, -1, remote, "the WebP chunk at byte " + pos + " runs past the end of the file");
            }
            int data = pos + 8, n = (int) len, next = data + n + (n & 1);
            if (type.equals("C2PA")) return new Carrier("WebP", slice(b, data, n), pos, Math.min(next, b.length), remote, null);
            if (type.equals("XMP ") && remote == null) remote = provenance(new String(b, data, n, StandardCharsets.UTF_8));
            pos = next;
        }
        return new Carrier("WebP", null, -1, -1, remote, null);
    }

    static String provenance(String xmp) {
        Matcher m = PROVENANCE.matcher(xmp);
        if (!m.find()) return null;
        return (m.group(1) != null ? m.group(1) : m.group(2)).trim();
    }

    private static boolean startsWith(byte[] b, int at, int n, byte[] prefix) {
        if (n < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[at + i] != prefix[i]) return false;
        return true;
    }

    static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) << 24 | (b[at + 1] & 0xffL) << 16 | (b[at + 2] & 0xffL) << 8 | (b[at + 3] & 0xffL);
    }

    static byte[] slice(byte[] b, int from, int n) {
        byte[] out = new byte[n];
        System.arraycopy(b, from, out, 0, n);
        return out;
    }
}
