package org.provenant.app.workbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.app.casework.CaseSession;
import org.provenant.app.casework.ReportExport;
import org.provenant.app.comparison.ComparisonView;
import org.provenant.app.panels.PanelRegistry;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;

/**
 * The workbench application. Arguments: an optional image file to open. Without one the window shows how to begin
 * ({@link StartScreen}: open, drop, recent files, the bundled sample, the user guide).
 *
 * <p>System properties: {@code provenant.samples} (folder of the bundled samples, default {@code assets/samples}),
 * {@code provenant.trace=true} (print status lines and the JavaFX thread's responsiveness during each analysis to
 * stdout; the screenshot script waits on them), {@code provenant.traceRuns=N} (with trace: analyse N times, to see
 * the figures once the JIT is warm),
 * {@code provenant.window=WIDTHxHEIGHT} (initial window size),
 * {@code provenant.showAnnotations=true} (start with the Annotations panel in front),
 * {@code provenant.caseView=FOLDER} (add this evidence folder to the case at start and show the case view),
 * {@code provenant.showPanel=ID} (start with that indicator's panel in front),
 * {@code provenant.compare=A,B[,C,D]} (open the comparison view of these images at start instead of an image;
 * the screenshot script uses the last two).
 */
public class WorkbenchApp extends Application {
    /** The sample offered by the start screen and File > Open sample image, inside the samples folder. */
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
        engine = new AnalysisEngine(models, analysisThreads());
        RecentFiles recent = RecentFiles.inUserHome();
        CaseSession session = new CaseSession();   // the default case folder until File > New/Open case
        window = new WorkbenchWindow(IndicatorRegistry.all(), engine, PanelRegistry.standard(), recent, session);
        Path sample = Path.of(System.getProperty("provenant.samples", "assets/samples"), SAMPLE);
        window.setSample(sample);
        if (Boolean.getBoolean("provenant.trace")) {
            window.setTrace(s -> System.out.println("provenant: " + s));
            traceResponsiveness(window);
        }

        double[] size = windowSize();
        Scene scene = new Scene(window, size[0], size[1]);
        scene.getStylesheets().add(WorkbenchApp.class.getResource("/org/provenant/app/workbench.css").toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(window.titleProperty());
        stage.show();

        if (modelError != null) window.showError(modelError);
        if (Boolean.getBoolean("provenant.showAnnotations")) window.showAnnotations();
        SnapshotTour.installIfAsked(window, scene);
        if (System.getProperty("provenant.showPanel") != null) window.showPanel(System.getProperty("provenant.showPanel"));
        String compare = System.getProperty("provenant.compare");
        if (compare != null && !compare.isBlank()) {
            List<Path> files = java.util.Arrays.stream(compare.split(",")).map(String::strip).map(Path::of).toList();
            if (files.size() < 2 || files.size() > ComparisonView.MAX_IMAGES) {
                window.showError("provenant.compare names " + files.size() + " images; a comparison needs 2 to " + ComparisonView.MAX_IMAGES);
                return;
            }
            ComparisonView v = ComparisonView.show(files, IndicatorRegistry.all(), engine, session, ReportExport.DIALOG, scene.getStylesheets());
            if (Boolean.getBoolean("provenant.trace")) v.setTrace(s -> System.out.println("provenant: " + s));
            Stage cs = (Stage) v.getScene().getWindow();
            cs.setX(0);
            cs.setY(0);
            cs.setWidth(size[0]);
            cs.setHeight(size[1]);
            return;
        }
        if (CaseStartup.show(window, size)) return;   // -Dprovenant.caseView=FOLDER (issue 13)
        startupFile(getParameters().getUnnamed()).ifPresent(window::open);
    }

    /** What the window opens at start: the file named on the command line, else nothing (the start screen shows). */
    static Optional<Path> startupFile(List<String> args) {
        return args.isEmpty() ? Optional.empty() : Optional.of(Path.of(args.get(0)));
    }

    /** How often the trace probe asks the JavaFX thread to run a trivial event (ms). */
    static final long PROBE_MS = 20;

    /**
     * Measures, while an analysis runs, how long a trivial event waits for the JavaFX thread (a blocked thread shows
     * as a long wait) and how many frames were drawn, and prints both when the analysis ends; for the screenshot
     * script's log.
     */
    private static void traceResponsiveness(WorkbenchWindow window) {
        long[] worst = new long[1], events = new long[1], frames = new long[1];
        int[] again = {Integer.getInteger("provenant.traceRuns", 1) - 1};
        AnimationTimer timer = new AnimationTimer() {
            @Override public void handle(long now) {
                frames[0]++;
            }
        };
        java.util.concurrent.ScheduledExecutorService probe = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "provenant-fx-probe");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.ScheduledFuture<?>[] running = new java.util.concurrent.ScheduledFuture<?>[1];
        window.analysingProperty().addListener((o, was, analysing) -> {
            if (analysing) {
                worst[0] = 0;
                events[0] = 0;
                frames[0] = 0;
                timer.start();
                running[0] = probe.scheduleAtFixedRate(() -> {
                    long posted = System.nanoTime();
                    Platform.runLater(() -> {
                        worst[0] = Math.max(worst[0], System.nanoTime() - posted);
                        events[0]++;
                    });
                }, 0, PROBE_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
            } else {
                timer.stop();
                if (running[0] != null) running[0].cancel(false);
                System.out.printf(java.util.Locale.ROOT, "provenant: JavaFX thread during the analysis: %d probe events,"
                        + " longest wait %.0f ms; %d frames drawn%n", events[0], worst[0] / 1e6, frames[0]);
                if (window.lastReport() != null && again[0]-- > 0) Platform.runLater(window::analyse);
            }
        });
    }

    /**
     * Analysis threads: one core is left to the JavaFX thread and the renderer, so that the window stays fluid while
     * indicators run (our choice; measured with provenant.trace, see scripts/screenshot.sh); at most 4 as in the CLI.
     */
    static int analysisThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
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
