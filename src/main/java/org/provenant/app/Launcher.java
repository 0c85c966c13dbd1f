package org.provenant.app;

import javafx.application.Application;

/**
 * Plain main() that starts the workbench. Launching through a class that is not an Application subclass lets
 * JavaFX run from the class path (no module path needed): {@code mvn javafx:run} or {@code java -cp ... Launcher}.
 */
public final class Launcher {
    private Launcher() { }

    public static void main(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }
}
