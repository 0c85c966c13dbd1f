package org.provenant.ml;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14: a damaged manifest gives one line; an entry pointing outside the models folder is refused. */
class ModelManifestSafetyTest {
    private static void oneLine(String m) {
        assertFalse(m.contains("\n") || m.contains("\r"), "one line: " + m);
        assertFalse(m.contains("Exception") || m.contains("java."), "plain words: " + m);
    }

    @Test
    void damagedManifestsGiveOneLine(@TempDir Path dir) throws Exception {
        String[] damaged = {"{\"models\": [ {\"name\": \"a\", ", "not json at all", "null", "[]", "{\"models\": [null]}",
                "{\"models\": [{\"name\": \"a\"}]}", "{\"other\": 1}", "\u0000\u0001\u0002"};
        for (String text : damaged) {
            Files.writeString(dir.resolve(ModelRegistry.MANIFEST), text);
            ModelException e = assertThrows(ModelException.class, () -> ModelRegistry.load(dir), text);
            oneLine(e.getMessage());
            assertTrue(e.getMessage().startsWith("Model manifest "), e.getMessage());
        }
    }

    @Test
    void entriesPointingOutsideTheModelsFolderAreRefused(@TempDir Path root) throws Exception {
        Path models = Files.createDirectories(root.resolve("models"));
        Path outside = Files.writeString(root.resolve("secret.json"), "{}");
        String sha = ModelRegistry.sha256(outside);
        Files.writeString(models.resolve("inside.json"), "{}");
        Files.writeString(models.resolve(ModelRegistry.MANIFEST), "{\"models\": ["
                + "{\"name\": \"up\", \"file\": \"../secret.json\", \"sha256\": \"" + sha + "\"},"
                + "{\"name\": \"round\", \"file\": \"sub/../../models/inside.json\", \"sha256\": \"" + sha + "\"},"
                + "{\"name\": \"absolute\", \"file\": \"" + outside.toAbsolutePath() + "\", \"sha256\": \"" + sha + "\"},"
                + "{\"name\": \"fine\", \"file\": \"inside.json\", \"sha256\": \"" + sha + "\"}]}");
        try (ModelRegistry reg = ModelRegistry.load(models)) {
            for (String name : new String[]{"up", "round", "absolute"}) {
                ModelException e = assertThrows(ModelException.class, () -> reg.verifiedFile(name), name);
                oneLine(e.getMessage());
                assertTrue(e.getMessage().contains("points outside the models folder"), e.getMessage());
            }
            // the good entry still loads: one bad entry does not take the others down
            assertTrue(Files.isRegularFile(reg.verifiedFile("fine")));
        }
    }
}
