package org.provenant.report;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.provenant.report.PdfLayout.Cell;
import org.provenant.analysis.casefolder.AuditLog;

/** The report's chain-of-custody table: the case folder's audit entries about one evidence file. */
final class CustodyTable {
    private static final Color CHANGED = new Color(0xb71c1c);

    private CustodyTable() { }

    static void write(PdfLayout l, EvidenceAnalysis e) throws IOException {
        String sha = e.image().sha256();
        l.heading("Chain of custody (audit.jsonl of the case folder)", 11);
        boolean changed = e.custody().stream().anyMatch(a -> a.sha256() != null && !a.sha256().equalsIgnoreCase(sha));
        l.body(changed
                ? "At least one earlier read of this path had another SHA-256 (marked in red): the file changed between reads."
                : "Every logged read of this evidence had the SHA-256 above: no change was detected between reads.");
        List<List<Cell>> rows = new ArrayList<>();
        for (AuditLog.Entry a : e.custody()) {
            boolean other = a.sha256() != null && !a.sha256().equalsIgnoreCase(sha);
            String what = a.event() + describe(a);
            rows.add(List.of(new Cell(a.when().replace('T', ' '), l.regular), new Cell(a.who(), l.regular),
                    other ? new Cell(what + "\nSHA-256 " + a.sha256(), l.bold, null, CHANGED) : new Cell(what, l.regular)));
        }
        l.table(new float[]{120, 90, PdfLayout.WIDTH - 210}, List.of(new Cell("When (UTC)", l.bold), new Cell("Who", l.bold),
                new Cell("What", l.bold)), rows, 8f);
    }

    private static String describe(AuditLog.Entry a) {
        String full = AuditLog.describe(a);
        int i = full.indexOf(a.event());
        String rest = i < 0 ? "" : full.substring(i + a.event().length()).strip();
        return rest.isEmpty() ? "" : "\n" + rest;
    }
}
