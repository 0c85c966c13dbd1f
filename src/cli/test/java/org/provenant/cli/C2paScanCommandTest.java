package org.provenant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class C2paScanCommandTest {
    @Test
    void scansAFolderAndSummarises(@TempDir Path dir) throws Exception {
        for (String f : new String[]{"CA.jpg", "XCA.jpg", "no_manifest.jpg", "libpng-test.png"}) {
            try (InputStream in = getClass().getResourceAsStream("/c2pa/" + f)) {
                Files.write(dir.resolve(f), in.readAllBytes());
            }
        }
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"c2pa-scan", dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String o = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(o.contains("XCA.jpg\tINVALID assertion.dataHash.mismatch\tMANIPULATED"), o);
        assertTrue(o.contains("CA.jpg\tvalid (1 manifest(s))\tINCONCLUSIVE"), o);
        assertTrue(o.contains("files 4, with an embedded store 2, with only an XMP reference 1"), o);
        assertTrue(o.contains("leaning away from a camera original: 1 of 4 (25.0 %)"), o);
    }
}
