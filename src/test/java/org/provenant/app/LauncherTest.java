package org.provenant.app;

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
    }
}
