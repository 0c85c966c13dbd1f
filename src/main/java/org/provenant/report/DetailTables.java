package org.provenant.report;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.ResultDetails;
import org.provenant.report.PdfLayout.Cell;

/**
 * The structured details of a result ({@link ResultDetails}: metadata directories, findings, quantization
 * tables) as tables in the report, bounded so that a file with thousands of maker-note tags does not make a
 * thousand-page report: each table is cut after {@link #MAX_ROWS_PER_TABLE} rows and all of them after
 * {@link #MAX_ROWS}, saying how many rows were left out (all are in {@code analyze --json}).
 */
final class DetailTables {
    static final int MAX_ROWS_PER_TABLE = 60;
    static final int MAX_ROWS = 400;
    private static final Color MUTED = new Color(0x505560);

    private DetailTables() { }

    static void write(PdfLayout l, IndicatorResult r) throws IOException {
        var details = ResultDetails.of(r);
        if (details.isEmpty()) return;
        int budget = MAX_ROWS, leftOut = 0;
        for (ResultDetails.Table t : details.get().tables()) {
            if (t.columns().isEmpty()) continue;
            if (budget <= 0) {
                leftOut += t.rows().size();
                continue;
            }
            l.paragraph(t.title() + (t.group().equals("Metadata") ? " (metadata directory)" : ""), l.bold, 9.5f, Color.BLACK);
            if (t.rows().isEmpty()) {
                l.paragraph("(empty)", l.oblique, 8.5f, MUTED);
                continue;
            }
            int n = Math.min(t.rows().size(), Math.min(MAX_ROWS_PER_TABLE, budget));
            List<List<Cell>> rows = new ArrayList<>();
            for (List<String> row : t.rows().subList(0, n)) {
                List<Cell> cells = new ArrayList<>();
                for (int c = 0; c < t.columns().size(); c++) cells.add(new Cell(c < row.size() ? row.get(c) : "", l.regular));
                rows.add(cells);
            }
            List<Cell> header = t.columns().stream().map(c -> new Cell(c, l.bold)).toList();
            l.table(widths(t.columns().size(), t.group()), header, rows, 8f);
            budget -= n;
            if (n < t.rows().size()) {
                l.paragraph((t.rows().size() - n) + " more rows of this table are left out here; all are in the JSON "
                        + "(provenant analyze --json).", l.oblique, 8f, MUTED);
            }
        }
        if (leftOut > 0) {
            l.paragraph(leftOut + " more rows in further tables are left out here; all are in the JSON (provenant analyze --json).",
                    l.oblique, 8f, MUTED);
        }
    }

    private static float[] widths(int n, String group) {
        float w = PdfLayout.WIDTH;
        if (n == 2) return new float[]{Math.min(150, w / 3), w - Math.min(150, w / 3)};
        if (n == 3 && group.equals("Metadata")) return new float[]{140, w - 200, 60};
        float[] out = new float[n];
        java.util.Arrays.fill(out, w / n);
        return out;
    }
}
