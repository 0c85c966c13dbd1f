package org.provenant.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentFilesTest {
    @TempDir
    Path dir;

    @Test
    void mostRecentFirstOnceEachAndAtMostMax() {
        RecentFiles r = new RecentFiles(dir.resolve("sub/recent.txt"));
        assertTrue(r.isEmpty());
        r.add(dir.resolve("a.png"));
        r.add(dir.resolve("b.png"));
        r.add(dir.resolve("./a.png"));
        assertEquals(List.of(dir.resolve("a.png"), dir.resolve("b.png")), new RecentFiles(dir.resolve("sub/recent.txt")).list());
        for (int i = 0; i < RecentFiles.MAX + 5; i++) r.add(dir.resolve("f" + i + ".png"));
        List<Path> list = r.list();
        assertEquals(RecentFiles.MAX, list.size());
        assertEquals(dir.resolve("f" + (RecentFiles.MAX + 4) + ".png"), list.get(0));
    }

    @Test
    void anUnusableStoreMeansAnEmptyListNotAnError() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("store-is-a-folder"));
        RecentFiles r = new RecentFiles(folder);
        r.add(dir.resolve("a.png"));
        assertTrue(r.list().isEmpty());
    }
}
