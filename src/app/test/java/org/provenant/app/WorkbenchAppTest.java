package org.provenant.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkbenchAppTest {
    @TempDir
    Path dir;

    @Test
    void theFirstStartOpensTheSampleLaterStartsOpenNothingAndAnArgumentWins() throws Exception {
        Path sample = Files.writeString(dir.resolve(WorkbenchApp.SAMPLE), "x");
        assertEquals(Optional.of(sample), WorkbenchApp.startupFile(List.of(), true, sample));
        assertEquals(Optional.empty(), WorkbenchApp.startupFile(List.of(), false, sample));
        assertEquals(Optional.of(Path.of("evidence.jpg")), WorkbenchApp.startupFile(List.of("evidence.jpg"), true, sample));
        assertEquals(Optional.empty(), WorkbenchApp.startupFile(List.of(), true, dir.resolve("missing.png")));
    }

    @Test
    void theBundledSampleIsThere() {
        // mvn javafx:run runs in the project root, where the first start looks for it
        assertTrue(Files.isRegularFile(Path.of("assets/samples", WorkbenchApp.SAMPLE)));
    }

    @Test
    void oneCoreIsLeftToTheWindow() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores <= 2 ? 1 : Math.min(4, cores - 1), WorkbenchApp.analysisThreads());
    }
}
