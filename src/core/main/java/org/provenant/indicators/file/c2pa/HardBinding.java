package org.provenant.indicators.file.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.provenant.core.io.JpegSegments;

/**
 * The hard binding of the active manifest to the file's bytes: the data hash ({@code c2pa.hash.data}: one hash over
 * the whole file less its exclusion ranges, which cover the manifest store) and the box hash
 * ({@code c2pa.hash.boxes}: one hash per named run of JPEG segments, the manifest's own segments ("C2PA") skipped).
 */
final class HardBinding {
    private HardBinding() { }

    static MessageDigest digest(String alg) throws NoSuchAlgorithmException {
        if (alg == null) throw new NoSuchAlgorithmException("(none named)");
        String a = alg.toLowerCase(Locale.ROOT);
        return switch (a) {
            case "sha256" -> MessageDigest.getInstance("SHA-256");
            case "sha384" -> MessageDigest.getInstance("SHA-384");
            case "sha512" -> MessageDigest.getInstance("SHA-512");
            default -> throw new NoSuchAlgorithmException(alg);
        };
    }

    static StatusCode dataHash(JsonNode a, byte[] file, String claimAlg, String url) {
        try {
            String alg = a.hasNonNull("alg") ? a.get("alg").asText() : claimAlg;
            MessageDigest md = digest(alg);
            byte[] expected = a.path("hash").binaryValue();
            if (expected == null) return StatusCode.failure("assertion.dataHash.malformed", url).detail("no hash value");
            List<long[]> ex = new ArrayList<>();
            for (JsonNode e : a.path("exclusions")) {
                long start = e.path("start").asLong(-1), length = e.path("length").asLong(-1);
                if (start < 0 || length < 0 || start > file.length || length > file.length - start) {
                    return StatusCode.failure("assertion.dataHash.mismatch", url)
                            .detail("an exclusion range lies outside the file");
                }
                ex.add(new long[]{start, length});
                if (ex.size() > 10_000) return StatusCode.failure("assertion.dataHash.malformed", url).detail("too many exclusions");
            }
            ex.sort(Comparator.comparingLong(r -> r[0]));
            long pos = 0;
            for (long[] r : ex) {
                if (r[0] > pos) md.update(file, (int) pos, (int) (r[0] - pos));
                pos = Math.max(pos, r[0] + r[1]);
            }
            if (pos < file.length) md.update(file, (int) pos, (int) (file.length - pos));
            boolean ok = MessageDigest.isEqual(md.digest(), expected);
            return ok ? StatusCode.success("assertion.dataHash.match", url)
                    : StatusCode.failure("assertion.dataHash.mismatch", url);
        } catch (NoSuchAlgorithmException e) {
            return StatusCode.failure("algorithm.unsupported", url).detail("hash algorithm " + e.getMessage());
        } catch (IOException e) {
            return StatusCode.failure("assertion.dataHash.malformed", url).detail(e.getMessage());
        }
    }

    /** One JPEG segment as the box hash names it: "SOI", "APP0".., "DQT", "SOS" (with its entropy-coded data), "C2PA". */
    record Segment(String name, int start, int end) { }

    static StatusCode boxHash(JsonNode a, byte[] file, String container, String claimAlg, String url) {
        if (!container.equals("JPEG")) {
            return StatusCode.info("assertion.boxesHash.unknownBox", url).detail("box hashes are checked for JPEG files only");
        }
        List<Segment> segs = jpegSegments(file);
        int cursor = 0;
        try {
            String defaultAlg = a.hasNonNull("alg") ? a.get("alg").asText() : claimAlg;
            for (JsonNode box : a.path("boxes")) {
                List<String> names = new ArrayList<>();
                for (JsonNode n : box.path("names")) names.add(n.asText());
                if (names.isEmpty() || cursor + names.size() > segs.size()) {
                    return StatusCode.failure("assertion.boxesHash.unknownBox", url).detail("the file has fewer segments than listed");
                }
                for (int i = 0; i < names.size(); i++) {
                    if (!segs.get(cursor + i).name().equals(names.get(i))) {
                        return StatusCode.failure("assertion.boxesHash.unknownBox", url).detail("expected " + names.get(i)
                                + " at byte " + segs.get(cursor + i).start() + ", found " + segs.get(cursor + i).name());
                    }
                }
                Segment first = segs.get(cursor), last = segs.get(cursor + names.size() - 1);
                cursor += names.size();
                if (names.get(0).equals("C2PA")) continue;
                MessageDigest md = digest(box.hasNonNull("alg") ? box.get("alg").asText() : defaultAlg);
                md.update(file, first.start(), last.end() - first.start());
                if (!MessageDigest.isEqual(md.digest(), box.path("hash").binaryValue())) {
                    return StatusCode.failure("assertion.boxesHash.mismatch", url).detail(String.join(", ", names)
                            + " at bytes " + first.start() + "-" + last.end());
                }
            }
            if (cursor == 0) return StatusCode.failure("assertion.boxesHash.unknownBox", url).detail("no boxes listed");
            return StatusCode.success("assertion.boxesHash.match", url);
        } catch (NoSuchAlgorithmException e) {
            return StatusCode.failure("algorithm.unsupported", url).detail("hash algorithm " + e.getMessage());
        } catch (IOException e) {
            return StatusCode.failure("assertion.boxesHash.mismatch", url).detail(e.getMessage());
        }
    }

    /**
     * The JPEG's segments in order, as c2pa-rs's box map names them (a scan header with its coded data, the C2PA
     * store's APP11 segments as one); bounded by the file: a segment declared past its end is cut there.
     */
    static List<Segment> jpegSegments(byte[] b) {
        List<Segment> out = new ArrayList<>();
        if (b.length < 2) return out;
        JpegSegments walk = JpegSegments.strict(b);
        byte[] c2paEn = null;
        for (JpegSegments.Segment s = walk.next(); s != null && out.size() < 100_000; s = walk.next()) {
            int m = s.marker(), pos = s.start(), end = s.end();
            if (m == JpegSegments.SOI && pos == 0) { out.add(new Segment("SOI", 0, 2)); continue; }
            if (m == JpegSegments.EOI) { out.add(new Segment("EOI", pos, end)); break; }
            if (m >= 0xd0 && m <= 0xd7) { out.add(new Segment("RST" + (m - 0xd0), pos, end)); continue; }
            String name = name(m);
            if (m == JpegSegments.APP11 && s.length() > 18) {
                byte[] en = Arrays.copyOfRange(b, pos + 6, pos + 8);
                boolean first = end - pos >= 32 && b[pos + 28] == 'c' && b[pos + 29] == '2' && b[pos + 30] == 'p' && b[pos + 31] == 'a';
                Segment prev = out.get(out.size() - 1);
                if (!first && c2paEn != null && Arrays.equals(en, c2paEn) && prev.name().equals("C2PA")) {
                    out.set(out.size() - 1, new Segment("C2PA", prev.start(), end));
                    continue;
                }
                if (first) { name = "C2PA"; c2paEn = en; }
            }
            if (m == JpegSegments.SOS) end = walk.scan().end();   // the scan runs to the next marker that is not a stuffed byte or a restart
            out.add(new Segment(name, pos, end));
        }
        JpegSegments.Segment cut = walk.endSegment();
        if (walk.endedOnBadLength() && out.size() < 100_000) {
            out.add(new Segment(name(cut.marker()), cut.start(), Math.min(b.length, cut.start() + 2 + cut.length())));
        }
        return out;
    }

    private static String name(int m) {
        if (m >= 0xe0 && m <= 0xef) return "APP" + (m - 0xe0);
        if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) return "SOF" + (m - 0xc0);
        if (m >= 0xf0 && m <= 0xfd) return "JPG" + (m - 0xf0);
        return switch (m) {
            case 0xc4 -> "DHT"; case 0xcc -> "DAC"; case 0xdb -> "DQT"; case 0xdd -> "DRI"; case 0xda -> "SOS"; case 0xfe -> "COM";
            default -> String.format(Locale.ROOT, "0x%02X", m);
        };
    }
}
