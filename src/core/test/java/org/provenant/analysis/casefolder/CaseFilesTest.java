package org.provenant.analysis.casefolder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void savedIntoTheCaseFolderNeverBesideTheEvidence(@TempDir Path dir) throws Exception {
        Path evidenceDir = Files.createDirectories(dir.resolve("evidence"));
        Path evidence = evidenceDir.resolve("suspect.png");
        byte[] bytes = new byte[4096];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 31 + 7);
        Files.write(evidence, bytes);
        long modified = Files.getLastModifiedTime(evidence).toMillis();
        CaseFolder folder = CaseFolder.open(dir.resolve("case"));

        CaseFile cf = sample();   // its evidenceSha256 is "abab..."
        Path saved = CaseFiles.save(folder, evidence, cf);
        assertEquals(folder.annotationsFile(cf.evidenceSha256()), saved);
        assertTrue(saved.startsWith(dir.resolve("case")));
        assertTrue(Files.readString(saved).contains("\"provenant-case\""));
        assertEquals(Optional.of(cf), CaseFiles.load(folder, evidence, cf.evidenceSha256()));

        CaseFile edited = cf.withAnnotation(Annotation.note(1, 2, "later", "A. Examiner", "2026-11-23T11:00:00Z", "#000000"));
        CaseFiles.save(folder, evidence, edited);
        assertEquals(4, CaseFiles.load(folder, evidence, cf.evidenceSha256()).orElseThrow().annotations().size());

        assertArrayEquals(bytes, Files.readAllBytes(evidence));
        assertEquals(modified, Files.getLastModifiedTime(evidence).toMillis());
        try (var files = Files.list(evidenceDir)) {
            assertEquals(List.of(evidence), files.toList(), "nothing written beside the evidence");
        }
        List<AuditLog.Entry> annotated = folder.audit().entries().stream().filter(e -> e.event().equals("annotated")).toList();
        assertEquals(2, annotated.size());
        assertEquals(evidence.toAbsolutePath().toString(), annotated.get(1).path());
        assertEquals("4", annotated.get(1).detail("annotations"));
        assertEquals(System.getProperty("user.name"), annotated.get(1).who(),
                "who: the OS user while the case names no examiner");
    }

    @Test
    void aLegacySidecarIsReadButNotWritten(@TempDir Path dir) throws Exception {
        Path evidence = Files.createDirectories(dir.resolve("evidence")).resolve("e.jpg");
        Files.write(evidence, new byte[]{1, 2, 3});
        CaseFile cf = sample();
        Path sidecar = LegacySidecar.write(evidence, cf);
        byte[] sidecarBytes = Files.readAllBytes(sidecar);
        CaseFolder folder = CaseFolder.open(dir.resolve("case"));
        assertEquals(Optional.of(cf), CaseFiles.load(folder, evidence, "cd".repeat(32)), "read from beside the evidence");
        CaseFiles.save(folder, evidence, cf.withAnnotations(List.of()));
        assertArrayEquals(sidecarBytes, Files.readAllBytes(sidecar), "the sidecar is never rewritten");
        assertEquals(0, CaseFiles.load(folder, evidence, cf.evidenceSha256()).orElseThrow().annotations().size(),
                "the case folder's copy wins once it exists");
    }

    @Test
    void aCaseFolderInsideTheEvidenceFolderIsRefused(@TempDir Path dir) throws Exception {
        Path evidence = dir.resolve("e.jpg");
        Files.write(evidence, new byte[]{1, 2, 3});
        CaseFolder inside = CaseFolder.open(dir.resolve("case"));
        CaseFileException e = assertThrows(CaseFileException.class, () -> CaseFiles.save(inside, evidence, sample()));
        assertTrue(e.getMessage().contains("lies in the evidence"), e.getMessage());
        assertFalse(Files.exists(inside.annotationsFile(sample().evidenceSha256())));
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
    void aFileWithTheSidecarsNameIsLeftAloneAndAForeignFileInTheCaseFolderIsNotReplaced(@TempDir Path dir) throws Exception {
        Path evidence = Files.write(Files.createDirectories(dir.resolve("ev")).resolve("b.png"), new byte[]{1, 2, 3});
        // another image that happens to carry the case file's name (e.g. more evidence) is left alone
        Path clash = Files.write(CaseFiles.pathFor(evidence), new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 1});
        CaseFolder folder = CaseFolder.open(dir.resolve("case"));
        CaseFiles.save(folder, evidence, sample());
        CaseFiles.save(folder, evidence, sample());   // our own case file is replaced
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 1}, Files.readAllBytes(clash));
        try (var s = Files.list(dir.resolve("ev"))) {
            assertEquals(2, s.count(), "evidence and the unrelated file only, no temporary file left");
        }
        // a file in the case folder that Provenant did not write is not replaced
        Path f = folder.annotationsFile(sample().evidenceSha256());
        Files.write(f, new byte[]{(byte) 0x89, 'P', 'N', 'G'});
        CaseFileException e = assertThrows(CaseFileException.class, () -> CaseFiles.save(folder, evidence, sample()));
        assertTrue(e.getMessage().contains("not written by Provenant"), e.getMessage());
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(evidence));
    }
}
