package org.provenant.report;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.provenant.indicators.Detail;
import org.provenant.indicators.IndicatorResult;
import org.provenant.report.PdfLayout.Cell;

/**
 * The structured details of a result (metadata directories and tags, findings, quantization tables) as an indented
 * two-column table per top-level line, bounded so that a file with thousands of maker-note tags does not make a
 * thousand-page report: at most {@link #MAX_ROWS} lines in all, saying how many were left out (all are in
 * {@code analyze --json}).
 */
final class DetailTables {
    static final int MAX_ROWS = 400;
    private static final Color MUTED = new Color(0x505560);

    private DetailTables() { }

    static void write(PdfLayout l, IndicatorResult r) throws IOException {
        if (r.details().isEmpty()) return;
        int budget = MAX_ROWS, leftOut = 0;
        for (Detail top : r.details()) {
            List<Detail.Row> lines = top.flatten();
            if (budget <= 0) {
                leftOut += lines.size();
                continue;
            }
            l.paragraph(top.label() + (top.value().isEmpty() ? "" : ": " + top.value()), l.bold, 9.5f, colour(top.tone()));
            List<List<Cell>> rows = new ArrayList<>();
            for (Detail.Row row : lines.subList(1, Math.min(lines.size(), budget + 1))) {
                Detail d = row.detail();
                String indent = "  ".repeat(Math.max(0, row.depth() - 1));
                rows.add(List.of(new Cell(indent + d.label(), d.children().isEmpty() ? l.regular : l.bold, null, Color.BLACK),
                        new Cell(d.value(), l.regular, null, colour(d.tone()))));
            }
            if (!rows.isEmpty()) {
                l.table(new float[]{170, PdfLayout.WIDTH - 170}, List.of(new Cell("Item", l.bold), new Cell("Value", l.bold)), rows, 8f);
            }
            int shown = rows.size();
            budget -= shown;
            if (shown < lines.size() - 1) leftOut += lines.size() - 1 - shown;
        }
        if (leftOut > 0) {
            l.paragraph(leftOut + " more lines are left out here; all are in the JSON (provenant analyze --json).",
                    l.oblique, 8f, MUTED);
        }
    }

    private static Color colour(Detail.Tone t) {
        return switch (t) {
            case GOOD -> new Color(0x2e7d32);
            case BAD -> new Color(0xb71c1c);
            case NOTE -> new Color(0x9a6700);
            default -> Color.BLACK;
        };
    }
}
