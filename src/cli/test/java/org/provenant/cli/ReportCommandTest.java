package org.provenant.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import org.provenant.analysis.casefolder.Annotation;
import org.provenant.analysis.casefolder.CaseFile;
import org.provenant.analysis.casefolder.CaseFiles;

class ReportCommandTest {
    private record Run(int code, String out, String err) { }

    private static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Evidence goes in its own folder: nothing may be written there. */
    private static Path image(Path dir, String name, long seed) throws Exception {
        Path p = Files.createDirectories(dir.resolve("evidence")).resolve(name);
        ImageIO.write(BenchCommand.photoLike(256, 192, seed).toBufferedImage(), "png", p.toFile());
        return p;
    }

    private static String pdfText(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void reportReadsTheCaseFileBesideTheEvidence(@TempDir Path dir) throws Exception {
        Path img = image(dir, "suspect.png", 5);
        byte[] before = Files.readAllBytes(img);
        String sha = ImageLoader.sha256(before);
        org.provenant.analysis.casefolder.LegacySidecar.write(img, new CaseFile("2026-0099", "Case-file Examiner", "from the case file", "suspect.png", sha,
                List.of(Annotation.note(40, 50, "look at the horizon", "Annotating Person", "2026-11-23T10:00:00Z", "#ff8800"))));
        Path pdf = dir.resolve("out/case.pdf");
        Run r = main("report", img.toString(), "--out", pdf.toString(), "--examiner", "CLI Examiner");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Wrote " + pdf), r.out());
        assertEquals("", r.err());
        String t = pdfText(pdf);
        assertTrue(t.contains(sha));
        assertTrue(t.contains("2026-0099") && t.contains("from the case file"), "case data from the case file");
        assertTrue(t.contains("Examiner CLI Examiner") && !t.contains("Case-file Examiner"), "the command line wins");
        assertTrue(t.contains("look at the horizon"), "annotation");
        assertTrue(t.contains("Colour-channel correlation"), "registered indicators appear");
        assertArrayEquals(before, Files.readAllBytes(img), "evidence untouched");
    }

    @Test
    void comparisonOfTwoImages(@TempDir Path dir) throws Exception {
        Path a = image(dir, "a.png", 1), b = image(dir, "b.png", 2);
        Path pdf = dir.resolve("cmp.pdf");
        Run r = main("report", a.toString(), b.toString(), "--out", pdf.toString(), "--case-number", "C-1");
        assertEquals(0, r.code(), r.err());
        r = main("report", a.toString(), b.toString(), "--out", pdf.toString(), "--case-number", "C-2");
        assertEquals(0, r.code(), "our own report is replaced: " + r.err());
        String t = pdfText(pdf);
        assertTrue(t.contains(ImageLoader.sha256(Files.readAllBytes(a))) && t.contains(ImageLoader.sha256(Files.readAllBytes(b))));
        assertTrue(t.contains("Side-by-side summary"));
        assertTrue(t.contains("C-2") && !t.contains("C-1"), "--case-number is the case number on the cover");
    }

    @Test
    void badInputGivesOneClearLineAndNonZeroExit(@TempDir Path dir) throws Exception {
        Path img = image(dir, "e.png", 3);
        byte[] before = Files.readAllBytes(img);

        Run r = main("report", img.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("--out case.pdf is required"), r.err());

        r = main("report", dir.resolve("evidence/missing.jpg").toString(), "--out", dir.resolve("x.pdf").toString());
        assertEquals(1, r.code());
        assertEquals("Cannot open missing.jpg: the file does not exist", r.err().strip());

        r = main("report", img.toString(), "--out", img.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("Refusing to write e.png: it is the evidence file e.png"), r.err());
        assertArrayEquals(before, Files.readAllBytes(img));

        r = main("report", img.toString(), "--out", img.resolveSibling("e-report.pdf").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("it would be created in the evidence folder"), r.err());
        assertFalse(Files.exists(img.resolveSibling("e-report.pdf")));

        Path foreignPdf = dir.resolve("someone-else.pdf");
        Files.writeString(foreignPdf, "%PDF-1.4 not ours");
        r = main("report", img.toString(), "--out", foreignPdf.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("Refusing to replace someone-else.pdf"), r.err());
        assertEquals("%PDF-1.4 not ours", Files.readString(foreignPdf));

        r = main("report", img.toString(), img.toString(), img.toString(), img.toString(), img.toString(), "--out", "x.pdf");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("at most 4 images"), r.err());

        Files.writeString(CaseFiles.pathFor(img), "not json");
        r = main("report", img.toString(), "--out", dir.resolve("y.pdf").toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("Case file e.png.provenant.json:"), r.err());
        assertFalse(Files.exists(dir.resolve("y.pdf")));
    }

    /** Issue 14: a case file recorded for another SHA-256 is flagged in the PDF, not silently applied. */
    @Test
    void aCaseFileOfAnotherFileIsFlaggedInThePdf(@TempDir Path dir) throws Exception {
        Path img = image(dir, "m.png", 9);
        org.provenant.analysis.casefolder.LegacySidecar.write(img, new CaseFile("2026-1", "X", "", "m.png", "ab".repeat(32),
                List.of(Annotation.note(10, 10, "old note", "X", "2026-11-23T10:00:00Z", "#ff8800"))));
        Path pdf = dir.resolve("out.pdf");
        Run r = main("report", img.toString(), "--out", pdf.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("Warning: the case data of m.png was saved for a file with another SHA-256"), r.err());
        String t = pdfText(pdf).replaceAll("\\s+", " ");
        assertTrue(t.contains("Warning: the case file of this image was saved for a file with SHA-256"), t);
        assertTrue(t.replace(" ", "").contains("ab".repeat(32)), "the recorded hash is named");
    }
}
