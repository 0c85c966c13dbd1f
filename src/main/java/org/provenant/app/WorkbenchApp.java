package org.provenant.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;

/**
 * The workbench application. Arguments: an optional image file to open. Without one, the first start opens the
 * bundled sample so that a new user sees a full analysis at once; later starts open an empty window.
 *
 * <p>System properties: {@code provenant.samples} (folder of the bundled samples, default {@code assets/samples}),
 * {@code provenant.trace=true} (print status lines to stdout; the screenshot script waits on them),
 * {@code provenant.window=WIDTHxHEIGHT} (initial window size).
 */
public class WorkbenchApp extends Application {
    /** The sample opened on first start, inside the samples folder. */
    public static final String SAMPLE = "astronaut.png";

    private WorkbenchWindow window;
    private AnalysisEngine engine;
    private ModelRegistry models;

    @Override
    public void start(Stage stage) {
        String modelError = null;
        try {
            models = ModelRegistry.locate();
        } catch (ModelException e) {
            models = ModelRegistry.empty();
            modelError = e.getMessage() + " - model-based indicators will report that their model is missing";
        }
        engine = new AnalysisEngine(models);
        RecentFiles recent = RecentFiles.inUserHome();
        boolean firstStart = recent.isEmpty();
        window = new WorkbenchWindow(IndicatorRegistry.all(), engine, PanelRegistry.standard(), recent);
        Path sample = Path.of(System.getProperty("provenant.samples", "assets/samples"), SAMPLE);
        window.setSample(sample);
        if (Boolean.getBoolean("provenant.trace")) window.setTrace(s -> System.out.println("provenant: " + s));

        double[] size = windowSize();
        Scene scene = new Scene(window, size[0], size[1]);
        scene.getStylesheets().add(WorkbenchApp.class.getResource("workbench.css").toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(window.titleProperty());
        stage.show();

        if (modelError != null) window.showError(modelError);
        List<String> args = getParameters().getUnnamed();
        if (!args.isEmpty()) {
            window.open(Path.of(args.get(0)));
        } else if (firstStart && Files.isRegularFile(sample)) {
            window.open(sample);
        }
    }

    private static double[] windowSize() {
        String p = System.getProperty("provenant.window");
        if (p != null && p.matches("\\d+x\\d+")) {
            String[] wh = p.split("x");
            return new double[]{Double.parseDouble(wh[0]), Double.parseDouble(wh[1])};
        }
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        return new double[]{Math.min(1500, screen.getWidth() * 0.92), Math.min(950, screen.getHeight() * 0.92)};
    }

    @Override
    public void stop() {
        if (window != null) window.dispose();
        if (engine != null) engine.close();
        if (models != null) models.close();
    }
}
