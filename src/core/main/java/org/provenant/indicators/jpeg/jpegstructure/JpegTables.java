package org.provenant.indicators.jpeg.jpegstructure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provenant.indicators.Detail;

/** The structured details of the JPEG structure result (a {@link Detail} tree for the panel, the JSON and the report). */
final class JpegTables {
    static final String STRUCTURE = "File structure";
    static final String QUALITY = "Estimated quality and known encoders";
    static final String FIRST_QUANTIZATION = "First quantization (luminance, per DCT frequency)";
    static final String PROBLEMS = "Problems";

    private JpegTables() { }

    static Detail structure(JpegFile f) {
        List<Detail> rows = new ArrayList<>();
        rows.add(Detail.of("Coding", f.codingName()));
        rows.add(Detail.of("Size", f.width + " x " + f.height + " pixels, " + f.precision + "-bit samples"));
        rows.add(Detail.of("Components", f.components.size() + " (sampling " + f.factors() + ")"));
        rows.add(Detail.of("Chroma subsampling", f.subsampling()));
        rows.add(Detail.of("Restart interval", f.restartInterval == 0 ? "none" : f.restartInterval + " MCUs, " + f.restartMarkers + " markers"));
        rows.add(Detail.of("Scans", String.valueOf(f.scans.size())));
        rows.add(Detail.of("Headers", (f.jfif ? "JFIF " : "") + (f.adobe ? "Adobe " : "") + (f.jfif || f.adobe ? "" : "neither JFIF nor Adobe")));
        List<Detail> segs = new ArrayList<>();
        for (String s : f.segments.subList(0, Math.min(60, f.segments.size()))) segs.add(Detail.of(s, ""));
        if (f.segments.size() > 60) segs.add(Detail.of("...", (f.segments.size() - 60) + " more"));
        rows.add(Detail.group("Segments", f.segments.size() + " in file order", Detail.Tone.NEUTRAL, segs));
        return Detail.group(STRUCTURE, f.codingName(), Detail.Tone.NEUTRAL, rows);
    }

    /** The quality estimates, then one 8x8 table per defined quantization table (rows as lines). */
    static List<Detail> quantization(JpegFile f) {
        List<Detail> out = new ArrayList<>();
        List<Detail> est = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            if (f.quant[t] == null) continue;
            List<String> users = new ArrayList<>();
            int first = -1;
            for (int c = 0; c < f.components.size(); c++) {
                if (f.components.get(c).tq() == t) {
                    users.add(c == 0 ? "Y" : c == 1 ? "Cb" : c == 2 ? "Cr" : "component " + c);
                    if (first < 0) first = c;
                }
            }
            QuantTables.Estimate e = QuantTables.estimate(f.quant[t], QuantTables.baseFor(Math.max(0, first)));
            String name = "Quantization table " + t + (users.isEmpty() ? " (unused)" : " (" + String.join(", ", users) + ")");
            List<Detail> rows = new ArrayList<>();
            for (int y = 0; y < 8; y++) {
                StringBuilder sb = new StringBuilder();
                for (int x = 0; x < 8; x++) sb.append(String.format(Locale.ROOT, "%4d", f.quant[t][y * 8 + x]));
                rows.add(Detail.of("row " + y, sb.toString().strip()));
            }
            out.add(Detail.group(name, f.quantPrecision[t] + "-bit steps, natural order", Detail.Tone.NEUTRAL, rows));
            est.add(Detail.group(name, e.words(), e.family() ? Detail.Tone.NEUTRAL : Detail.Tone.NOTE,
                    List.of(Detail.of("Known encoders with this table", e.family() ? knownEncoders() : "no documented encoder"))));
        }
        out.add(0, Detail.group(QUALITY, "", Detail.Tone.NEUTRAL, est));
        return out;
    }

    static boolean allInFamily(JpegFile f) {
        boolean any = false;
        for (int c = 0; c < f.components.size(); c++) {
            int[] t = f.quant[f.components.get(c).tq()];
            if (t == null) return false;
            if (!QuantTables.estimate(t, QuantTables.baseFor(c)).family()) return false;
            any = true;
        }
        return any;
    }

    static String knownEncoders() {
        return "IJG family: libjpeg, libjpeg-turbo, Java ImageIO, Pillow, GIMP, ImageMagick, OpenCV (default tables)";
    }

    static Detail frequencies(DoubleQuantization.Result dq) {
        List<Detail> rows = new ArrayList<>();
        for (DoubleQuantization.Frequency q : dq.frequencies()) {
            int nat = JpegParser.ZIGZAG[q.zigzag()];
            rows.add(Detail.group("zig-zag " + q.zigzag() + " (row " + nat / 8 + ", column " + nat % 8 + ")",
                    q.shows() ? "first step " + q.q1() + ", now " + q.q2() : "no trace (step now " + q.q2() + ")",
                    q.shows() ? Detail.Tone.NOTE : Detail.Tone.NEUTRAL, List.of(
                            Detail.of("Step now (Q2)", String.valueOf(q.q2())),
                            Detail.of("Estimated first step (Q1)", q.shows() ? String.valueOf(q.q1()) : "-"),
                            Detail.of("Share fitted", String.format(Locale.ROOT, "%.2f", q.alpha())),
                            Detail.of("Gain (nats per block)", String.format(Locale.ROOT, "%.4f", q.gainPerBlock())))));
        }
        return Detail.group(FIRST_QUANTIZATION, "estimated steps of an earlier compression", Detail.Tone.NEUTRAL, rows);
    }

    static Detail problems(List<String> items) {
        return Detail.group(PROBLEMS, items.size() + " found", Detail.Tone.BAD,
                items.stream().map(s -> Detail.of("", s, Detail.Tone.BAD)).toList());
    }
}
