package org.provenant.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputGuardTest {
    private static String refusal(Path out, List<Path> evidence) {
        return assertThrows(OutputGuard.RefusedException.class, () -> OutputGuard.check(out, evidence)).getMessage();
    }

    @Test
    void refusesTheEvidenceByNameLinkAndHardLink(@TempDir Path dir) throws Exception {
        Path evDir = Files.createDirectories(dir.resolve("case/evidence"));
        Path ev = Files.write(evDir.resolve("ev.png"), new byte[]{1, 2, 3});
        List<Path> evidence = List.of(ev);
        assertEquals("Refusing to write ev.png: it is the evidence file ev.png (the evidence is never overwritten)",
                refusal(ev, evidence));
        Path sym = Files.createSymbolicLink(dir.resolve("out.json"), ev);
        assertTrue(refusal(sym, evidence).contains("it is the evidence file ev.png"));
        Path symDir = Files.createSymbolicLink(dir.resolve("alias"), evDir);
        assertTrue(refusal(symDir.resolve("ev.png"), evidence).contains("it is the evidence file"));
        assertTrue(refusal(symDir.resolve("new.json"), evidence).contains("would be created in the evidence folder"));
        Path hard = Files.createLink(dir.resolve("hard.json"), ev);
        assertTrue(refusal(hard, evidence).contains("it is the evidence file"));
        // a new folder inside the evidence folder would be created there; an existing sub-folder is another folder
        assertTrue(refusal(evDir.resolve("reports/r.pdf"), evidence).contains("evidence folder"));
        Path sub = Files.createDirectories(evDir.resolve("existing"));
        OutputGuard.check(sub.resolve("r.pdf"), evidence);
        OutputGuard.check(dir.resolve("case/reports/r.pdf"), evidence);
        assertTrue(refusal(dir, evidence).contains("it is a folder"));
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(ev));
    }

    @Test
    void checksFolders(@TempDir Path dir) throws Exception {
        Path ev = Files.write(Files.createDirectories(dir.resolve("ev")).resolve("a.jpg"), new byte[]{9});
        List<Path> evidence = List.of(ev);
        assertThrows(OutputGuard.RefusedException.class, () -> OutputGuard.checkFolder(ev.getParent(), evidence));
        assertThrows(OutputGuard.RefusedException.class, () -> OutputGuard.checkFolder(ev.getParent().resolve("maps"), evidence));
        assertThrows(OutputGuard.RefusedException.class, () -> OutputGuard.checkFolder(ev, evidence));
        OutputGuard.checkFolder(dir.resolve("maps/deeper"), evidence);
    }

    @Test
    void replacesOnlyOurOwnFiles(@TempDir Path dir) throws Exception {
        List<Path> evidence = List.of(Files.write(Files.createDirectories(dir.resolve("ev")).resolve("a.png"), new byte[]{9}));
        Path empty = Files.createFile(dir.resolve("empty.json"));
        OutputGuard.check(empty, evidence);
        Path ours = Files.writeString(dir.resolve("ours.json"), "{\n  \"format\" : \"provenant-analysis\",\n  \"version\" : 1 }");
        OutputGuard.check(ours, evidence);
        Path theirs = Files.writeString(dir.resolve("theirs.json"), "{\"format\": \"something-else\"}");
        assertTrue(refusal(theirs, evidence).startsWith("Refusing to replace theirs.json: it exists and was not written by Provenant"));

        BufferedImage img = new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB);
        Path plain = dir.resolve("plain.png");
        ImageIO.write(img, "png", plain.toFile());
        assertFalse(OutputGuard.isOurs(plain), "an ordinary PNG (e.g. a photo) is not ours");
        Path marked = dir.resolve("marked.png");
        OutputGuard.writePng(marked, img);
        assertTrue(OutputGuard.isOurs(marked));
        BufferedImage back = ImageIO.read(marked.toFile());
        assertEquals(5, back.getWidth(), "the marked PNG is still a valid PNG");
        assertFalse(OutputGuard.isOurs(Files.writeString(dir.resolve("x.pdf"), "%PDF-1.7 from a scanner")));
    }

    @Test
    void atomicWriteLeavesTheOldFileOnFailureAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("r.json"), "old");
        IOException e = assertThrows(IOException.class, () -> OutputGuard.writeAtomically(target, os -> {
            os.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "temporary file removed");
        }
        OutputGuard.writeAtomically(dir.resolve("new/deeper/r.json"), os -> os.write('x'));
        assertEquals("x", Files.readString(dir.resolve("new/deeper/r.json")));
        OutputGuard.writeAtomically(target, os -> os.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new", Files.readString(target));
    }

    @Test
    void namesWithControlCharactersAreNotPrinted(@TempDir Path dir) throws Exception {
        Path ev = Files.write(Files.createDirectories(dir.resolve("ev")).resolve("a\u001b[31m.png"), new byte[]{9});
        String m = refusal(ev, List.of(ev));
        assertFalse(m.chars().anyMatch(Character::isISOControl), m);
        assertTrue(m.contains("a?[31m.png"), m);
    }
}
