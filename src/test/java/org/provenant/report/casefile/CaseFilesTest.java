package org.provenant.report.casefile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseFilesTest {
    static CaseFile sample() {
        return new CaseFile("2026-0415", "A. Examiner", "Received by mail.\nSecond line, ümlaut \u2013 dash.",
                "suspect.png", "ab".repeat(32), List.of(
                Annotation.rectangle(10.5, 20, 120, 90.25, "sky looks pasted", "A. Examiner", "2026-11-23T10:30:00Z", "#ff0000"),
                Annotation.arrow(200, 150, 160, 110, "", "B. Second", "2026-11-23T10:31:00Z", "#00AA00"),
                Annotation.note(30, 200, "check shadow direction", "A. Examiner", "2026-11-23T10:32:00Z", "#1e88e5")));
    }

    @Test
    void savedAndReloadedIsEqualAndEvidenceUntouched(@TempDir Path dir) throws Exception {
        Path evidence = dir.resolve("suspect.png");
        byte[] bytes = new byte[4096];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 31 + 7);
        Files.write(evidence, bytes);
        long modified = Files.getLastModifiedTime(evidence).toMillis();

        CaseFile cf = sample();
        Path saved = CaseFiles.save(evidence, cf);
        assertEquals(dir.resolve("suspect.png.provenant.json").toAbsolutePath(), saved);
        assertTrue(Files.readString(saved).contains("\"provenant-case\""));
        Optional<CaseFile> back = CaseFiles.load(evidence);
        assertEquals(Optional.of(cf), back);

        // saving again (an edit) replaces the case file and still leaves the evidence alone
        CaseFile edited = cf.withAnnotation(Annotation.note(1, 2, "later", "A. Examiner", "2026-11-23T11:00:00Z", "#000000"));
        CaseFiles.save(evidence, edited);
        assertEquals(edited, CaseFiles.load(evidence).orElseThrow());
        assertEquals(4, CaseFiles.load(evidence).orElseThrow().annotations().size());

        assertArrayEquals(bytes, Files.readAllBytes(evidence));
        assertEquals(modified, Files.getLastModifiedTime(evidence).toMillis());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "only the evidence and its case file, no temporary files left");
        }
    }

    @Test
    void noCaseFileIsEmpty(@TempDir Path dir) throws Exception {
        assertEquals(Optional.empty(), CaseFiles.load(dir.resolve("none.jpg")));
    }

    @Test
    void damagedOrForeignCaseFileNamesTheFile(@TempDir Path dir) throws Exception {
        Path evidence = dir.resolve("e.jpg");
        Files.writeString(CaseFiles.pathFor(evidence), "{\"case\": [");
        CaseFileException e = assertThrows(CaseFileException.class, () -> CaseFiles.load(evidence));
        assertTrue(e.getMessage().startsWith("Case file e.jpg.provenant.json: the JSON is damaged"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());

        Files.writeString(CaseFiles.pathFor(evidence), "{\"format\": \"something-else\"}");
        e = assertThrows(CaseFileException.class, () -> CaseFiles.load(evidence));
        assertTrue(e.getMessage().contains("not a Provenant case file"), e.getMessage());
    }

    @Test
    void rejectsBadColour() {
        assertThrows(IllegalArgumentException.class,
                () -> Annotation.note(0, 0, "x", "a", "t", "red"));
    }

    @Test
    void neverReplacesAFileThatIsNotACaseFile(@TempDir Path dir) throws Exception {
        Path evidence = Files.write(dir.resolve("b.png"), new byte[]{1, 2, 3});
        // another image that happens to carry the case file's name (e.g. more evidence) is left alone
        Path clash = Files.write(CaseFiles.pathFor(evidence), new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 1});
        CaseFileException e = assertThrows(CaseFileException.class, () -> CaseFiles.save(evidence, sample()));
        assertTrue(e.getMessage().contains("not written by Provenant"), e.getMessage());
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 1}, Files.readAllBytes(clash));
        Files.delete(clash);
        CaseFiles.save(evidence, sample());
        CaseFiles.save(evidence, sample());   // our own case file is replaced
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "evidence and case file only, no temporary file left");
        }
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(evidence));
    }
}
