package org.provenant.training;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find data that lives outside git: the shared data sets and the rebuilt data/ folder. */
public final class TestPaths {
    private TestPaths() { }

    /**
     * {@code folder} (e.g. "data/corpus", "shared/datasets") of the working directory or of the nearest folder above it
     * that holds every one of {@code files} (paths inside {@code folder}); null when none does, so the test can skip.
     */
    public static Path above(String folder, String... files) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve(folder);
            boolean all = true;
            for (String f : files) all &= Files.isRegularFile(c.resolve(f));
            if (all) return c;
        }
        return null;
    }
}
