package org.provenant.app;

import static org.provenant.app.FxTesting.deleteTree;
import static org.provenant.app.FxTesting.fxRun;
import static org.provenant.app.FxTesting.showWorkbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.app.workbench.WorkbenchWindow;
import org.provenant.indicators.Indicator;
import org.provenant.ml.ModelRegistry;

/**
 * What the window tests share: TestFX's stage, an analysis engine without models, a temporary folder, the workbench
 * window shown over given indicators, and their closing after each test. A subclass calls {@link #open} from its own
 * {@code @Start} method: TestFX 4.0.18 looks for {@code @Start} among the test class's declared methods only.
 */
public abstract class WorkbenchFixture {
    protected AnalysisEngine engine;
    protected WorkbenchWindow window;
    protected Path dir;
    protected Stage stage;

    /** Keeps the stage, makes the temporary folder (named with {@code prefix}) and an engine of two threads. */
    protected void open(Stage stage, String prefix) throws IOException {
        this.stage = stage;
        dir = Files.createTempDirectory(prefix);
        engine = new AnalysisEngine(ModelRegistry.empty(), 2);
    }

    /** Shows a window over the given indicators, closing the one shown before. */
    protected void show(List<Indicator> indicators) {
        if (window != null) fxRun(window::dispose);
        window = showWorkbench(stage, indicators, engine, dir);
    }

    @AfterEach
    void closeWorkbench() throws Exception {
        if (window != null) fxRun(window::dispose);
        if (engine != null) engine.close();
        if (dir != null) deleteTree(dir);
    }
}
