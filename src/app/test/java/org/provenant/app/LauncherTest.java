package org.provenant.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LauncherTest {
    @Test
    void recognisesTheMissingGtkFailureAnywhereInTheCauseChain() {
        Throwable javafx = new RuntimeException("Exception in Application start method",
                new UnsupportedOperationException("Unable to load glass GTK library."));
        assertTrue(Launcher.isGtkMissing(javafx));
        assertFalse(Launcher.isGtkMissing(new RuntimeException("something else", new IllegalStateException("x"))));
        assertTrue(Launcher.GTK_MISSING.contains("libgtk-3-0") && Launcher.GTK_MISSING.lines().count() == 1);
        assertTrue(Launcher.isNoDisplay(new RuntimeException(new UnsupportedOperationException("Unable to open DISPLAY"))));
        assertFalse(Launcher.isNoDisplay(javafx));
    }

    @Test
    void awtRunsHeadlessUnlessToldOtherwise() {
        String before = System.getProperty("java.awt.headless");
        try {
            System.clearProperty("java.awt.headless");
            Launcher.headlessAwt();
            assertEquals("true", System.getProperty("java.awt.headless"), "no AWT X11 library needed for the window");
            System.setProperty("java.awt.headless", "false");
            Launcher.headlessAwt();
            assertEquals("false", System.getProperty("java.awt.headless"), "an explicit choice is kept");
        } finally {
            if (before == null) System.clearProperty("java.awt.headless");
            else System.setProperty("java.awt.headless", before);
        }
    }
}
