package org.provenant.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.app.casework.CaseSession;
import org.provenant.app.panels.PanelRegistry;
import org.provenant.app.workbench.RecentFiles;
import org.provenant.app.workbench.WorkbenchApp;
import org.provenant.app.workbench.WorkbenchWindow;
import org.provenant.indicators.Indicator;
import org.testfx.util.WaitForAsyncUtils;

/** Small helpers: read state on the JavaFX thread, wait for a condition on it, show a workbench, clean up. */
public final class FxTesting {
    private FxTesting() { }

    /**
     * A workbench over {@code indicators} shown in {@code stage} at 1200x800 (Monocle's headless screen is 1280x800:
     * what fits here fits at 1600x1000), with its recent-files list in {@code dir}.
     */
    public static WorkbenchWindow showWorkbench(Stage stage, List<Indicator> indicators, AnalysisEngine engine, Path dir) {
        return fx(() -> {
            WorkbenchWindow window = new WorkbenchWindow(indicators, engine, PanelRegistry.standard(),
                    new RecentFiles(dir.resolve("recent.txt")), new CaseSession());   // the default case folder (a test one under target/)
            Scene scene = new Scene(window, 1200, 800);
            scene.getStylesheets().add(WorkbenchApp.class.getResource("/org/provenant/app/workbench.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            return window;
        });
    }

    /** Deletes a temporary folder and everything in it. */
    public static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("JavaFX call failed", e);
        }
    }

    public static void fxRun(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
    }

    /** Waits until the condition, evaluated on the JavaFX thread, holds. */
    public static void waitUntil(long seconds, String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition::getAsBoolean));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out after " + seconds + " s waiting for: " + what);
        }
    }
}
