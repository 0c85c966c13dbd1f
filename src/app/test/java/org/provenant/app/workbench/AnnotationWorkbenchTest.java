package org.provenant.app.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenant.app.FxTesting.fx;
import static org.provenant.app.FxTesting.fxRun;
import static org.provenant.app.FxTesting.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.provenant.analysis.casefolder.Annotation;
import org.provenant.analysis.casefolder.CaseFile;
import org.provenant.analysis.casefolder.CaseFiles;
import org.provenant.app.TestIndicators;
import org.provenant.app.WorkbenchFixture;
import org.provenant.app.annotation.AnnotationPane;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Annotations drawn with the mouse, saved in the case folder (never beside the evidence) and reloaded; "Export report" from the window. */
@ExtendWith(ApplicationExtension.class)
class AnnotationWorkbenchTest extends WorkbenchFixture {
    @Start
    void start(Stage stage) throws Exception {
        open(stage, "provenant-annotation-test");
    }

    private void show() {
        show(List.of(new TestIndicators.Brightness()));
    }

    private void openAndWait(Path file) {
        fxRun(() -> window.open(file));
        waitUntil(30, "analysis of " + file.getFileName(), () -> window.lastReport() != null && !window.analysingProperty().get());
    }

    /** Screen position of image coordinates in the window's viewer. */
    private Point2D screen(double ix, double iy) {
        return fx(() -> {
            Point2D v = window.viewer().imageToView(ix, iy);
            return window.viewer().localToScreen(v.getX(), v.getY());
        });
    }

    private void dragOnImage(FxRobot robot, double x1, double y1, double x2, double y2) {
        robot.moveTo(screen(x1, y1));
        robot.press(MouseButton.PRIMARY);
        robot.moveTo(screen((x1 + x2) / 2, (y1 + y2) / 2));
        robot.moveTo(screen(x2, y2));
        robot.release(MouseButton.PRIMARY);
    }

    @Test
    void drawnRectangleArrowAndNoteAreSavedInTheCaseFolderAndReloadedAtTheSameImageCoordinates(FxRobot robot) throws Exception {
        Path evidence = TestIndicators.writePng(dir.resolve("evidence.png"), 240, 160, 11);
        byte[] before = Files.readAllBytes(evidence);
        show();
        openAndWait(evidence);
        fxRun(() -> window.viewer().zoom(1.2));   // drawing happens zoomed, yet coordinates are image pixels

        robot.clickOn("#tool-rectangle");
        dragOnImage(robot, 40, 30, 120, 90);
        robot.clickOn("#tool-arrow");
        dragOnImage(robot, 200, 140, 150, 100);
        fxRun(() -> window.annotations().layer().setNoteText(p -> Optional.of("seam along the sky")));
        robot.clickOn("#tool-note");
        robot.moveTo(screen(60, 120)).clickOn(MouseButton.PRIMARY);

        List<Annotation> drawn = fx(() -> window.annotations().annotations());
        assertEquals(3, drawn.size(), "rectangle, arrow and note drawn: " + drawn);
        double tol = 1.5;   // a screen pixel at zoom about 3 is a third of an image pixel; allow rounding of the robot
        Annotation rect = drawn.get(0), arrow = drawn.get(1), note = drawn.get(2);
        assertEquals(Annotation.Kind.RECTANGLE, rect.kind());
        assertEquals(40, rect.x1(), tol);
        assertEquals(30, rect.y1(), tol);
        assertEquals(120, rect.x2(), tol);
        assertEquals(90, rect.y2(), tol);
        assertEquals(Annotation.Kind.ARROW, arrow.kind());
        assertEquals(200, arrow.x1(), tol);
        assertEquals(140, arrow.y1(), tol);
        assertEquals(150, arrow.x2(), tol);
        assertEquals(100, arrow.y2(), tol);
        assertEquals(Annotation.Kind.NOTE, note.kind());
        assertEquals("seam along the sky", note.text());
        assertEquals(60, note.x1(), tol);
        assertFalse(rect.author().isBlank(), "author is the OS user when the case names no examiner");
        assertFalse(rect.created().isBlank());

        // edit the rectangle's text, then set case data; both saved
        fxRun(() -> window.annotations().layer().setText(0, "cloned region"));
        fxRun(() -> window.annotations().setCase("2026-0415", "A. Examiner", "Received by mail"));
        String sha = fx(() -> window.loadedImage().sha256());
        assertTrue(Files.isRegularFile(window.model().session().current().annotationsFile(sha)), "case data written into the case folder");
        assertFalse(Files.exists(CaseFiles.pathFor(evidence)), "no case file beside the evidence");
        assertArrayEquals(before, Files.readAllBytes(evidence), "the evidence bytes are unchanged");

        // select the note with a click (Select tool) and delete it with the Delete key
        robot.clickOn("#tool-select");
        robot.moveTo(screen(60, 120)).clickOn(MouseButton.PRIMARY);
        assertEquals(2, (int) fx(() -> window.annotations().layer().selectedProperty().get()), "the click selected the note");
        fxRun(() -> window.showAnnotations());
        assertEquals("[3] Note: seam along the sky", fx(() -> AnnotationPane.describe(3, window.annotations().annotations().get(2))).substring(0, 28));
        robot.type(javafx.scene.input.KeyCode.DELETE);
        List<Annotation> kept = fx(() -> window.annotations().annotations());
        assertEquals(2, kept.size());
        assertEquals("cloned region", kept.get(0).text());

        // reopen the evidence in a fresh window: the same marks at the same image coordinates
        show();
        openAndWait(evidence);
        List<Annotation> reloaded = fx(() -> window.annotations().annotations());
        assertEquals(kept, reloaded);
        CaseFile cf = fx(() -> window.annotations().caseFile());
        assertEquals("2026-0415", cf.caseNumber());
        assertEquals("A. Examiner", cf.examiner());
        assertEquals(fx(() -> window.loadedImage().sha256()), cf.evidenceSha256());
        assertArrayEquals(before, Files.readAllBytes(evidence), "the evidence bytes are unchanged");
    }

    @Test
    void exportFromTheWindowWritesAPdfWithTheHashAndTheNoteText(FxRobot robot) throws Exception {
        Path evidence = TestIndicators.writePng(dir.resolve("exported.png"), 200, 150, 5);
        show(List.of(new TestIndicators.Brightness(), new TestIndicators.Failing()));
        fxRun(() -> window.exportReport(dir.resolve("early.pdf")));
        assertTrue(fx(window::errorText).contains("before exporting a report"), "nothing open yet: a clear line");
        assertFalse(Files.exists(dir.resolve("early.pdf")));
        openAndWait(evidence);
        fxRun(() -> {
            window.annotations().layer().annotations().add(Annotation.note(50, 40, "retouched eye highlight", "tester",
                    "2026-11-23T10:00:00Z", "#ff0000"));
            window.annotations().setCase("CASE-77", "Tester", "");
        });
        Path pdf = Files.createDirectories(dir.resolve("out")).resolve("report.pdf");
        Path[] suggested = new Path[1];
        fxRun(() -> window.setReportChooser((owner, name) -> {
            suggested[0] = name;
            return pdf;
        }));
        robot.clickOn("#export-report");
        waitUntil(60, "report written", () -> pdf.equals(window.exportedProperty().get()));
        assertEquals("exported.png-report.pdf", suggested[0].getFileName().toString());
        assertFalse(suggested[0].startsWith(dir.toRealPath()) || suggested[0].startsWith(dir), "never suggested beside the evidence");
        String status = fx(window::statusText);
        assertTrue(status.contains(pdf.toAbsolutePath().toString()), status);
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc);
        }
        String sha = fx(() -> window.loadedImage().sha256());
        assertNotNull(sha);
        assertTrue(text.replaceAll("\\s+", "").contains(sha), "PDF contains the SHA-256");
        assertTrue(text.contains("retouched eye highlight"), "PDF contains the note text");
        assertTrue(text.contains("CASE-77"), "PDF contains the case number");
        assertTrue(text.contains("Mean red"), "the test indicator's headline");
        assertTrue(text.contains(TestIndicators.Failing.MESSAGE), "the failed indicator's error");
    }

    @Test
    void exportOverTheEvidenceIsRefusedWithOneClearLine(FxRobot robot) throws Exception {
        Path evidence = TestIndicators.writePng(dir.resolve("keep.png"), 120, 90, 3);
        byte[] before = Files.readAllBytes(evidence);
        show();
        openAndWait(evidence);
        fxRun(() -> window.setReportChooser((owner, name) -> evidence));
        robot.clickOn("#export-report");
        waitUntil(30, "error shown", () -> window.errorText() != null);
        String err = fx(window::errorText);
        assertEquals("Refusing to write keep.png: it is the evidence file keep.png (the evidence is never overwritten)", err);
        assertFalse(err.contains("\n"), "one line");
        assertArrayEquals(before, Files.readAllBytes(evidence));

        Path beside = dir.resolve("keep-report.pdf");
        fxRun(() -> window.setReportChooser((owner, name) -> beside));
        robot.clickOn("#export-report");
        waitUntil(30, "error shown", () -> String.valueOf(window.errorText()).contains("evidence folder"));
        assertFalse(Files.exists(beside), "nothing created beside the evidence");
    }

    /** Issue 14: a case file recorded for another file's SHA-256 is flagged in the window and in the exported PDF. */
    @Test
    void aCaseFileOfAnotherFileIsFlaggedInTheWindowAndThePdf(FxRobot robot) throws Exception {
        Path evidence = TestIndicators.writePng(dir.resolve("changed.png"), 160, 120, 21);
        String other = "0".repeat(64);
        org.provenant.analysis.casefolder.LegacySidecar.write(evidence, new org.provenant.analysis.casefolder.CaseFile("C-9", "Someone", "",
                "changed.png", other, List.of(Annotation.note(20, 20, "note made on another file", "Someone",
                        "2026-11-23T10:00:00Z", "#ff0000"))));
        show();
        openAndWait(evidence);
        waitUntil(10, "flag shown", () -> String.valueOf(window.errorText()).contains("was saved for a file with another SHA-256"));
        Path pdf = Files.createDirectories(dir.resolve("mismatch-out")).resolve("r.pdf");
        fxRun(() -> window.exportReport(pdf));
        waitUntil(60, "report written", () -> pdf.equals(window.exportedProperty().get()));
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertTrue(text.contains("Warning: the case file of this image was saved for a file with SHA-256"), text);
        assertTrue(text.replace(" ", "").contains(other), "the recorded hash is named");
    }
}
