package org.provenant.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.analysis.ScoreFormat;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.ml.ModelEntry;
import org.provenant.analysis.casefolder.Annotation;

class PdfReportTest {
    static final Instant CREATED = Instant.parse("2026-11-23T11:00:00Z");

    static ReportRequest request(List<EvidenceAnalysis> ev, String notes) {
        return new ReportRequest("2026-0415", "A. Examiner", notes, ev,
                List.of(new ModelEntry("irs-reference", "calibration/irs-reference.json", "0f".repeat(32), "calibration.irs",
                        List.of(), List.of(), "test", null)), "0.1.0-test", CREATED);
    }

    /** With -Dprovenant.sampleDir=DIR the reports are also copied there, to look at them (see assets/screenshots). */
    static void keep(Path pdf) throws IOException {
        String d = System.getProperty("provenant.sampleDir");
        if (d != null) Files.copy(pdf, Path.of(d).resolve(pdf.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static String text(PDDocument doc) throws IOException {
        return new PDFTextStripper().getText(doc);
    }

    @Test
    void singleImageReportCarriesHashScoresErrorsAndPageNumbers(@TempDir Path dir) throws Exception {
        List<Annotation> anns = List.of(
                Annotation.rectangle(20, 30, 140, 120, "bright disc edge looks soft", "A. Examiner", "2026-11-23T10:40:00Z", "#e53935"),
                Annotation.note(250, 200, "compare with second photo", "A. Examiner", "2026-11-23T10:41:00Z", "#1e88e5"));
        EvidenceAnalysis ev = ReportFixtures.evidence(dir, "suspect.png", 1, anns);
        Path out = dir.resolve("reports/case.pdf");
        PdfReport.write(request(List.of(ev), "Received by e-mail on 2026-11-20."), out);
        assertTrue(Files.size(out) > 10_000);
        keep(out);
        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            String t = text(doc);
            assertTrue(t.contains(ev.image().sha256()), "hash on one line somewhere");
            int done = 0;
            for (IndicatorOutcome o : ev.analysis().outcomes()) {
                assertTrue(t.contains(o.displayName()), o.displayName());
                assertTrue(t.contains(o.methodReference()), o.methodReference());
                if (o.ok()) {
                    done++;
                    String v = ScoreFormat.number(o.result().headline().value());
                    assertTrue(t.contains(o.result().headline().label() + " = " + v), "headline of " + o.indicatorId() + ": " + v);
                    assertTrue(t.contains(o.result().supports().phrase()));
                }
            }
            assertEquals(2, done);
            assertTrue(t.contains("Failed: " + ReportFixtures.Failing.MESSAGE), "failed indicator listed with its error");
            assertTrue(t.contains("2026-0415") && t.contains("A. Examiner") && t.contains("Received by e-mail"));
            assertTrue(t.contains("bright disc edge looks soft") && t.contains("[2]"), "annotation table");
            assertTrue(t.contains("0f".repeat(32)), "model hash");
            assertTrue(t.contains("Provenant 0.1.0-test"));
            assertPagesNumberedAndRendered(doc, t);
            // cover, evidence + indicators, tool page
            assertTrue(doc.getNumberOfPages() >= 3, "pages: " + doc.getNumberOfPages());
        }
    }

    @Test
    void theEvidenceTableListsTheSettingsThatDifferFromTheDefaults(@TempDir Path dir) throws Exception {
        EvidenceAnalysis plain = ReportFixtures.evidence(dir, "plain.png", 1, List.of());
        EvidenceAnalysis set = new EvidenceAnalysis(plain.image(), new org.provenant.analysis.AnalysisReport(
                plain.analysis().outcomes(), false, java.util.Map.of("ela.quality", "75")), CREATED, List.of());
        Path out = dir.resolve("reports/settings.pdf");
        PdfReport.write(request(List.of(plain, set), ""), out);
        keep(out);
        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            String t = text(doc).replaceAll("\\s+", " ");
            assertTrue(t.contains("Settings the indicators' defaults"), "the defaults said as such");
            assertTrue(t.contains("Settings ela.quality = 75 (default 90): JPEG quality of the re-save"), "the setting, its default, its meaning");
        }
    }

    @Test
    void comparisonReportHasBothHashesAndHighlightsDifferences(@TempDir Path dir) throws Exception {
        EvidenceAnalysis a = ReportFixtures.evidence(dir, "first.png", 1, List.of());
        // a darker image: its brightness differs by far more than 10 %
        var darkImg = ReportFixtures.image(320, 240, 2);
        for (int c = 0; c < 3; c++) {
            float[] p = darkImg.plane(c);
            for (int i = 0; i < p.length; i++) p[i] *= 0.4f;
        }
        var darkLoaded = ReportFixtures.write(dir.resolve("second.png"), darkImg);
        EvidenceAnalysis b = new EvidenceAnalysis(darkLoaded, ReportFixtures.analyse(darkImg), CREATED, List.of());
        assertTrue(PdfReport.differs(List.of(a.analysis().outcome("test-brightness").orElseThrow(),
                b.analysis().outcome("test-brightness").orElseThrow())));
        assertFalse(PdfReport.differs(List.of(a.analysis().outcome("test-ring").orElseThrow(),
                a.analysis().outcome("test-ring").orElseThrow())));
        assertFalse(PdfReport.differs(List.of(a.analysis().outcome("test-failing").orElseThrow(),
                b.analysis().outcome("test-failing").orElseThrow())), "failed on both: nothing to compare");
        assertTrue(PdfReport.differs(List.of(a.analysis().outcome("test-brightness").orElseThrow(),
                b.analysis().outcome("test-failing").orElseThrow())), "ran on one image only");

        Path out = dir.resolve("compare.pdf");
        PdfReport.write(request(List.of(a, b), ""), out);
        keep(out);
        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            String t = text(doc);
            assertTrue(t.contains(a.image().sha256()) && t.contains(b.image().sha256()));
            assertTrue(t.contains("Side-by-side summary"));
            assertTrue(t.contains("Evidence 1 of 2: first.png") && t.contains("Evidence 2 of 2: second.png"));
            assertTrue(t.contains("indicators differ between the images"));
            assertPagesNumberedAndRendered(doc, t);
        }
    }

    @Test
    void longTextWrapsInsideTheMarginsAndOddCharactersDoNotBreakIt(@TempDir Path dir) throws Exception {
        List<Annotation> huge = List.of(Annotation.note(5, 5, "a very long note ".repeat(3000), "A. Examiner", "t", "#123456"));
        EvidenceAnalysis ev = ReportFixtures.evidence(dir, "a-file-name-that-is-really-quite-long-" + "x".repeat(60) + ".png", 3, huge);
        String notes = ("Chain of custody: \u2264 2 transfers, \u03bb \u2248 0.5, emoji [\uD83D\uDE00], tab\there. ").repeat(40)
                + "https://example.org/" + "a".repeat(300);
        Path out = dir.resolve("long.pdf");
        PdfReport.write(request(List.of(ev), notes), out);
        keep(out);
        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            List<String> outside = new ArrayList<>();
            float right = PdfLayout.PAGE.getWidth() - PdfLayout.MARGIN_X + 0.5f;
            float h = PdfLayout.PAGE.getHeight();
            // body text stays above the bottom margin; only the footer line (lower) is below it
            float bodyLimit = h - PdfLayout.MARGIN_BOTTOM + 1, footerTop = h - PdfLayout.MARGIN_BOTTOM / 2 + 2;
            PDFTextStripper bounds = new PDFTextStripper() {
                @Override
                protected void writeString(String s, List<TextPosition> positions) throws IOException {
                    for (TextPosition p : positions) {
                        boolean below = p.getYDirAdj() > bodyLimit && !(p.getYDirAdj() >= footerTop && p.getYDirAdj() <= h - 10);
                        if (p.getXDirAdj() < PdfLayout.MARGIN_X - 0.5f || p.getXDirAdj() + p.getWidthDirAdj() > right || below
                                || p.getYDirAdj() < PdfLayout.MARGIN_TOP - 1) {
                            outside.add(s);
                            break;
                        }
                    }
                    super.writeString(s, positions);
                }
            };
            String t = bounds.getText(doc);
            assertTrue(outside.isEmpty(), outside.size() + " strings outside the margins, first: "
                    + (outside.isEmpty() ? "" : outside.get(0).substring(0, Math.min(80, outside.get(0).length()))));
            assertTrue(t.contains("[... cut: "), "an overlong cell is cut, not run over the footer");
            assertTrue(t.contains("<= 2 transfers") && t.contains("lambda ~ 0.5") && t.contains("emoji [?]"), "replacements for characters the font lacks");
            assertPagesNumberedAndRendered(doc, t);
        }
    }

    /** "page X of Y" on every page with the right Y, and every page renders with visible content. */
    static void assertPagesNumberedAndRendered(PDDocument doc, String allText) throws IOException {
        int n = doc.getNumberOfPages();
        PDFRenderer renderer = new PDFRenderer(doc);
        for (int i = 1; i <= n; i++) {
            PDFTextStripper one = new PDFTextStripper();
            one.setStartPage(i);
            one.setEndPage(i);
            String pageText = one.getText(doc);
            assertTrue(pageText.contains("page " + i + " of " + n), "page " + i + " footer");
            BufferedImage img = renderer.renderImageWithDPI(i - 1, 30);
            int dark = 0;
            // the body only, above the footer: a page must carry more than its footer
            int bodyBottom = (int) (img.getHeight() * (1 - PdfLayout.MARGIN_BOTTOM / PdfLayout.PAGE.getHeight()));
            for (int y = 0; y < bodyBottom; y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    int rgb = img.getRGB(x, y);
                    if (((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255) < 600) dark++;
                }
            }
            assertTrue(dark > 50, "page " + i + " renders visible content (" + dark + " non-white pixels)");
        }
        assertFalse(allText.contains("page " + (n + 1) + " of"));
    }
}
