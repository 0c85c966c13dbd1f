package org.provenant.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkbenchAppTest {
    @Test
    void anArgumentIsOpenedWithoutOneTheStartScreenShows() {
        assertEquals(Optional.empty(), WorkbenchApp.startupFile(List.of()));
        assertEquals(Optional.of(Path.of("evidence.jpg")), WorkbenchApp.startupFile(List.of("evidence.jpg")));
    }

    @Test
    void theBundledSampleIsThere() {
        // mvn javafx:run runs in the project root, where the start screen and File > Open sample image look for it
        assertTrue(Files.isRegularFile(Path.of("assets/samples", WorkbenchApp.SAMPLE)));
    }

    @Test
    void oneCoreIsLeftToTheWindow() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores <= 2 ? 1 : Math.min(4, cores - 1), WorkbenchApp.analysisThreads());
    }
}
