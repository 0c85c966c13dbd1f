package org.provenant.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.application.Application;
import org.provenant.app.workbench.WorkbenchApp;
import org.provenant.core.LibraryLogs;

/**
 * Plain main() that starts the workbench. Launching through a class that is not an Application subclass lets
 * JavaFX run from the class path (no module path needed): {@code mvn javafx:run} or {@code java -cp ... Launcher}.
 * When the window cannot start because GTK 3 is missing (JavaFX's "Unable to load glass GTK library"), it says so
 * in one sentence naming the Debian package instead of a stack trace; so it does when there is no display.
 */
public final class Launcher {
    /** The sentence shown when JavaFX cannot load GTK 3. */
    static final String GTK_MISSING = "Provenant cannot open its window because JavaFX could not load the GTK 3 library:"
            + " install it with 'sudo apt-get install libgtk-3-0 libxtst6' (the headless commands work without it,"
            + " e.g. java -jar provenant.jar analyze IMAGE).";
    /** The sentence shown when there is no display to open the window on (no desktop session, DISPLAY unset). */
    static final String NO_DISPLAY = "Provenant cannot open its window because there is no display (DISPLAY is not set"
            + " or cannot be opened): start it from a desktop session (the headless commands work without one, e.g."
            + " java -jar provenant.jar analyze IMAGE).";

    private Launcher() { }

    public static void main(String[] args) {
        headlessAwt();
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        LibraryLogs.configure(rest.remove(LibraryLogs.VERBOSE_FLAG)); // the libraries' own logs only when asked for
        try {
            Application.launch(WorkbenchApp.class, rest.toArray(String[]::new));
        } catch (Throwable t) {
            if (isGtkMissing(t)) {
                System.err.println(GTK_MISSING);
                System.exit(1);
            }
            if (isNoDisplay(t)) {
                System.err.println(NO_DISPLAY);
                System.exit(1);
            }
            throw t;
        }
    }

    /**
     * The window is JavaFX; AWT only draws into images (thumbnails, map legends, the PDF's pictures), which needs
     * no display. Unless told otherwise, AWT runs headless, so the window also starts on a Java without AWT's X11
     * library (Debian's openjdk-17-jdk-headless has no libawt_xawt.so: with a display set, AWT's first drawing
     * would fail with "Can't load library: libawt_xawt.so").
     */
    static void headlessAwt() {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    /** True when the failure (or one of its causes) is JavaFX's "Unable to load glass GTK library". */
    static boolean isGtkMissing(Throwable t) {
        return causeSays(t, "Unable to load glass GTK library") || causeSays(t, "libgtk-3");
    }

    /** True when the failure (or one of its causes) is JavaFX's "Unable to open DISPLAY". */
    static boolean isNoDisplay(Throwable t) {
        return causeSays(t, "Unable to open DISPLAY");
    }

    private static boolean causeSays(Throwable t, String words) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m != null && m.contains(words)) return true;
        }
        return false;
    }
}
