package org.provenant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.core.io.ImageLoader;
import org.provenant.analysis.casefolder.AuditLog;
import org.provenant.analysis.casefolder.CaseFolder;

/** provenant batch and report with a case folder: the audit trail, the PDF's custody table, refusals. */
class CaseFolderCommandsTest {
    private static CliRun main(String... args) {
        return CliRun.of(args);
    }

    @Test
    void batchThenReportLeaveAnAuditTrailThatThePdfLists(@TempDir Path dir) throws Exception {
        Path ev = Files.createDirectories(dir.resolve("evidence"));
        Path img = ev.resolve("suspect.png");
        ImageIO.write(BenchCommand.photoLike(160, 120, 3).toBufferedImage(), "png", img.toFile());
        Files.writeString(ev.resolve("readme.txt"), "not an image");
        Path caseDir = dir.resolve("case");

        CliRun b = main("batch", ev.toString(), "--out", dir.resolve("out").toString(), "--case", caseDir.toString(),
                "--only", "colour-correlation,residual-spectrum", "--threads", "1");
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().contains("SKIPPED  readme.txt"), b.out());
        assertTrue(Files.isRegularFile(dir.resolve("out/json/suspect.png.json")));

        Path pdf = dir.resolve("reports/suspect.pdf");
        CliRun r = main("report", img.toString(), "--out", pdf.toString(), "--case", caseDir.toString(), "--examiner", "E. Xaminer");
        assertEquals(0, r.code(), r.err());
        String sha = ImageLoader.sha256(Files.readAllBytes(img));
        String pdfSha = ImageLoader.sha256(Files.readAllBytes(pdf));
        assertTrue(r.out().contains(pdfSha), r.out());

        CaseFolder cf = CaseFolder.open(caseDir);
        List<AuditLog.Entry> mine = cf.audit().entriesFor(img, sha);
        assertEquals(List.of("evidence-read", "analysed", "evidence-read", "results-reused", "analysed", "report-exported"),
                mine.stream().map(AuditLog.Entry::event).toList(), "batch ran two indicators, the report reused them and ran the rest");
        assertEquals("[\"colour-correlation\",\"residual-spectrum\"]", mine.get(3).details().path("indicators").toString());
        assertTrue(r.out().contains("(2 stored)"), r.out());
        AuditLog.Entry exported = mine.get(mine.size() - 1);
        assertEquals(pdfSha, exported.detail("reportSha256"));
        assertEquals(pdf.toAbsolutePath().toString(), exported.detail("report"));

        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc);
        }
        assertTrue(text.contains("Chain of custody"), "custody table");
        assertTrue(text.contains("evidence-read") && text.contains("analysed"), "audit entries listed");
        assertTrue(text.contains("no change was detected"), "no change between reads");

        // the evidence changes: the next read reports and logs it
        ImageIO.write(BenchCommand.photoLike(160, 120, 4).toBufferedImage(), "png", img.toFile());
        CliRun again = main("report", img.toString(), "--out", dir.resolve("reports/again.pdf").toString(), "--case", caseDir.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("changed since it was last read"), again.err());
        assertTrue(cf.audit().entries().stream().anyMatch(e -> e.event().equals("evidence-changed")
                && sha.equals(e.detail("previousSha256"))));
        try (PDDocument doc = Loader.loadPDF(dir.resolve("reports/again.pdf").toFile())) {
            assertTrue(new PDFTextStripper().getText(doc).contains("the file changed between reads"));
        }
    }

    @Test
    void batchRefusesAnOutputInsideTheEvidenceAndUnknownIndicators(@TempDir Path dir) throws Exception {
        Path ev = Files.createDirectories(dir.resolve("evidence"));
        ImageIO.write(BenchCommand.photoLike(64, 64, 3).toBufferedImage(), "png", ev.resolve("a.png").toFile());
        CliRun r = main("batch", ev.toString(), "--out", ev.resolve("results").toString(), "--case", dir.resolve("case").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("lies in the evidence"), r.err());
        assertTrue(!Files.exists(ev.resolve("results")));
        r = main("batch", ev.toString(), "--out", dir.resolve("out").toString(), "--only", "no-such-indicator");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("no indicator 'no-such-indicator'"), r.err());
    }

    @Test
    void benchAnalyzeAndBenchBatchPrintTheirFigures(@TempDir Path dir) throws Exception {
        CliRun a = main("bench", "analyze", "--mp", "0.1", "--only", "colour-correlation,residual-spectrum", "--threads", "1");
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().contains("colour-correlation") && a.out().contains("residual-spectrum"), a.out());
        assertTrue(a.out().matches("(?s).*first result \\d+ ms, total wall \\d+ ms, process CPU \\d+ ms, peak heap \\d+ MB.*"), a.out());

        Path ev = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < 3; i++) ImageIO.write(BenchCommand.photoLike(96, 64, i).toBufferedImage(), "png", ev.resolve(i + ".png").toFile());
        CliRun b = main("bench", "batch", ev.toString(), "--only", "colour-correlation", "--threads", "1");
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().matches("(?s).*3 files, 3 images analysed in [0-9.]+ s: [0-9.]+ images/min.*"), b.out());
        try (var s = Files.list(ev)) {
            assertEquals(3, s.count(), "nothing written beside the photos");
        }
    }
}
