package org.provenant.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the models are found without -Dprovenant.models: from any working folder, beside the running code. */
class ModelRegistryLocateTest {

    @Test
    void looksInTheWorkingFolderThenBesideAndAboveTheCode() {
        Path jar = Path.of("/opt/provenant/app/lib/provenant.jar");
        assertEquals(List.of(Path.of("models"), Path.of("/opt/provenant/app/lib/models"), Path.of("/opt/provenant/app/models"),
                        Path.of("/opt/provenant/models"), Path.of("/opt/models"), Path.of("/models")),
                ModelRegistry.defaultDirs(jar));
        assertEquals(6, ModelRegistry.defaultDirs(Path.of("/a/b/c/d/e/f/g.jar")).size(), "at most four folders above the code's own");
        assertEquals(List.of(Path.of("models")), ModelRegistry.defaultDirs(null));
    }

    @Test
    void theBuiltCodeFindsTheRepositorysModelsWhateverTheWorkingFolder() throws Exception {
        // the classes run from src/core/target/classes (or target/lib/*.jar): the repository root is a few folders up
        Path code = Path.of(ModelRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path repoModels = Path.of("models").toAbsolutePath().normalize();
        List<Path> dirs = ModelRegistry.defaultDirs(code.toAbsolutePath());
        assertTrue(dirs.stream().skip(1).map(p -> p.toAbsolutePath().normalize()).anyMatch(repoModels::equals),
                dirs + " should reach " + repoModels + " without the working folder");
        assertTrue(Files.isRegularFile(repoModels.resolve(ModelRegistry.MANIFEST)));
        assertTrue(ModelRegistry.load(repoModels).find("classifier-codec-detector").isPresent(), "the repository's manifest lists the models");
    }
}
