package org.provenant.app.workbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The recently opened files, most recent first, kept in a small text file (one absolute path a line), by default
 * {@code ~/.provenant/recent-files.txt}. A store that cannot be read or written just means an empty list.
 */
public final class RecentFiles {
    /** How many files the list keeps. */
    public static final int MAX = 10;

    private final Path store;

    public RecentFiles(Path store) {
        this.store = store;
    }

    /** The default store under the user's home. */
    public static RecentFiles inUserHome() {
        return new RecentFiles(Path.of(System.getProperty("user.home"), ".provenant", "recent-files.txt"));
    }

    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        try {
            if (!Files.isRegularFile(store)) return out;
            for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && out.size() < MAX) out.add(Path.of(line.trim()));
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }

    public boolean isEmpty() {
        return list().isEmpty();
    }

    /** Puts the file at the top of the list (once), dropping the oldest beyond {@link #MAX}. */
    public void add(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> list = list();
        list.remove(abs);
        list.add(0, abs);
        List<String> lines = new ArrayList<>();
        for (Path p : list.subList(0, Math.min(MAX, list.size()))) lines.add(p.toString());
        try {
            Files.createDirectories(store.toAbsolutePath().getParent());
            Files.write(store, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the list is a convenience: an unwritable home must not stop the examiner's work
        }
    }
}
