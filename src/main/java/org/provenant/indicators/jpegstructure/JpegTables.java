package org.provenant.indicators.jpegstructure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provenant.indicators.ResultDetails;

/** The tables of the JPEG structure result (group "Structure"), for the panel, the JSON and the report. */
final class JpegTables {
    static final String GROUP = "Structure";

    private JpegTables() { }

    static ResultDetails.Table structure(JpegFile f) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Coding", f.codingName()));
        rows.add(List.of("Size", f.width + " x " + f.height + " pixels, " + f.precision + "-bit samples"));
        rows.add(List.of("Components", f.components.size() + " (sampling " + f.factors() + ")"));
        rows.add(List.of("Chroma subsampling", f.subsampling()));
        rows.add(List.of("Restart interval", f.restartInterval == 0 ? "none" : f.restartInterval + " MCUs, " + f.restartMarkers + " markers"));
        rows.add(List.of("Scans", String.valueOf(f.scans.size())));
        rows.add(List.of("Headers", (f.jfif ? "JFIF " : "") + (f.adobe ? "Adobe " : "") + (f.jfif || f.adobe ? "" : "neither JFIF nor Adobe")));
        rows.add(List.of("Segments", String.join("; ", f.segments.subList(0, Math.min(40, f.segments.size())))
                + (f.segments.size() > 40 ? "; ... " + (f.segments.size() - 40) + " more" : "")));
        return new ResultDetails.Table(GROUP, "File structure", List.of("Property", "Value"), rows);
    }

    /** One 8x8 table per defined quantization table, plus the quality estimates. */
    static List<ResultDetails.Table> quantization(JpegFile f) {
        List<ResultDetails.Table> out = new ArrayList<>();
        List<List<String>> est = new ArrayList<>();
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
            int[] base = QuantTables.baseFor(Math.max(0, first));
            QuantTables.Estimate e = QuantTables.estimate(f.quant[t], base);
            String name = "Quantization table " + t + (users.isEmpty() ? " (unused)" : " (" + String.join(", ", users) + ")");
            List<List<String>> rows = new ArrayList<>();
            for (int y = 0; y < 8; y++) {
                List<String> row = new ArrayList<>();
                for (int x = 0; x < 8; x++) row.add(String.valueOf(f.quant[t][y * 8 + x]));
                rows.add(row);
            }
            out.add(new ResultDetails.Table(GROUP, name, List.of("0", "1", "2", "3", "4", "5", "6", "7"), rows));
            est.add(List.of(name, f.quantPrecision[t] + "-bit", e.words(), e.family() ? knownEncoders() : "no documented encoder"));
        }
        out.add(0, new ResultDetails.Table(GROUP, "Estimated quality and known encoders",
                List.of("Table", "Precision", "Estimate", "Known encoders with this table"), est));
        return out;
    }

    static boolean allExact(JpegFile f) {
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

    static ResultDetails.Table frequencies(DoubleQuantization.Result dq) {
        List<List<String>> rows = new ArrayList<>();
        for (DoubleQuantization.Frequency q : dq.frequencies()) {
            int nat = JpegParser.ZIGZAG[q.zigzag()];
            rows.add(List.of(q.zigzag() + " (" + nat / 8 + "," + nat % 8 + ")", String.valueOf(q.q2()),
                    q.shows() ? String.valueOf(q.q1()) : "-", String.format(Locale.ROOT, "%.2f", q.alpha()),
                    String.format(Locale.ROOT, "%.4f", q.gainPerBlock()), q.shows() ? "yes" : "no"));
        }
        return new ResultDetails.Table(GROUP, "First quantization (luminance, per DCT frequency)",
                List.of("Frequency (zig-zag, row,col)", "Step now (Q2)", "Estimated first step (Q1)", "Share fitted",
                        "Gain (nats/block)", "Shows the artefact"), rows);
    }

    static ResultDetails.Table list(String title, String column, List<String> items) {
        return new ResultDetails.Table(GROUP, title, List.of(column), items.stream().map(List::of).toList());
    }
}
