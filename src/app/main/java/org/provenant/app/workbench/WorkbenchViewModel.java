package org.provenant.app.workbench;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisInput;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.analysis.casefolder.CaseFile;
import org.provenant.analysis.workflow.Lookup;
import org.provenant.app.casework.CaseSession;
import org.provenant.app.casework.ReportExport;
import org.provenant.app.common.AnalysisTask;
import org.provenant.app.comparison.ComparisonView;
import org.provenant.core.io.ImageLoadException;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;

/**
 * The workbench's state and actions (MVVM), without any view: the open image, its analysis (progress, cancel,
 * the last report and when it was made), the results stored and reused through the case workflow ({@link CaseSession#lookup}), the examiner's
 * parameters, the status line, the error banner's text, the title and file line, which actions are possible, and
 * the report export. Loading and analysis run in the background; every property changes on the JavaFX thread.
 * What an analysis shows in the panels goes to the window's {@link WorkbenchDisplay}.
 */
public final class WorkbenchViewModel {
    /** Shown in the read-out while the mouse is not over the image. */
    static final String READOUT_HINT = "Move the mouse over the image for pixel values";

    private final List<Indicator> indicators;
    private final AnalysisEngine engine;
    private final RecentFiles recent;
    private final CaseSession session;
    private final ImageLoader loader = new ImageLoader();
    private final ExecutorService background;
    private final OverviewViewModel overview;
    /** The examiner's indicator parameters for the open image (e.g. ela.quality), kept for re-analysis and export. */
    private final Map<String, String> parameters = new HashMap<>();
    private final ReadOnlyObjectWrapper<LoadedImage> loaded = new ReadOnlyObjectWrapper<>(this, "loaded");
    private final ReadOnlyBooleanWrapper analysing = new ReadOnlyBooleanWrapper(this, "analysing");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Provenant");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Ready");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyStringWrapper fileInfo = new ReadOnlyStringWrapper(this, "fileInfo", "");
    private final ReadOnlyObjectWrapper<Path> exported = new ReadOnlyObjectWrapper<>(this, "exported");
    private final BooleanBinding noImage = loaded.isNull();
    private WorkbenchDisplay display = new WorkbenchDisplay() { };
    private AnalysisTask task;
    /** The analysis whose events the panels show: the latest one started, running or not. */
    private AnalysisTask shown;
    private AnalysisReport lastReport;
    private Instant lastReportAt;
    private Path sample;
    private Consumer<String> trace = s -> { };

    public WorkbenchViewModel(List<Indicator> indicators, AnalysisEngine engine, RecentFiles recent, CaseSession session) {
        this.indicators = List.copyOf(indicators);
        this.engine = engine;
        this.recent = recent;
        this.session = session;
        this.overview = new OverviewViewModel(this.indicators);
        this.background = AnalysisTask.pool("provenant-workbench");
    }

    /** Where the analysis events go (the window's panels). */
    void setDisplay(WorkbenchDisplay display) { this.display = display; }

    public List<Indicator> indicators() { return indicators; }
    public AnalysisEngine engine() { return engine; }
    /** The case folder this window works in. */
    public CaseSession session() { return session; }
    ExecutorService background() { return background; }
    public OverviewViewModel overview() { return overview; }
    public RecentFiles recentFiles() { return recent; }
    public LoadedImage loadedImage() { return loaded.get(); }
    /** True while no image is open: Case data, Export report and Analyse again have nothing to work on. */
    public BooleanBinding noImageProperty() { return noImage; }
    /** The report of the last analysis that ran to its end, or null (also after a cancel). */
    public AnalysisReport lastReport() { return lastReport; }
    public ReadOnlyBooleanProperty analysingProperty() { return analysing.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }
    /** The running analysis's overall progress (0 to 1). */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** The error shown in the banner; null when none is shown. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** E.g. "a.png  96 x 64  PNG 8-bit RGB  SHA-256 0f1e2d3c4b5a...". */
    public ReadOnlyStringProperty fileInfoProperty() { return fileInfo.getReadOnlyProperty(); }
    /** The last report file written by {@link #exportReport}. */
    public ReadOnlyObjectProperty<Path> exportedProperty() { return exported.getReadOnlyProperty(); }
    /** The running analysis task, or null. */
    public AnalysisTask analysisTask() { return task; }
    /** The sample offered by File > Open sample image. */
    public void setSample(Path sample) { this.sample = sample; }
    /** The sample's file name, for the start screen ("the sample image" when none is set). */
    public String sampleName() { return sample == null ? "the sample image" : String.valueOf(sample.getFileName()); }
    /** Receives every status line and error. */
    public void setTrace(Consumer<String> trace) { this.trace = trace; }

    public void showError(String message) {
        error.set(message == null ? "" : message);
        trace.accept("error: " + message);
    }

    public void hideError() { error.set(null); }

    void setStatus(String s) {
        status.set(s);
        trace.accept(s);
    }

    /**
     * Loads the file in the background, then analyses it (cancelling the analysis of the previous image); a bad file
     * shows an error and changes nothing else.
     */
    public void open(Path file) {
        if (background.isShutdown()) return;
        hideError();
        loading.set(true);
        setStatus("Opening " + file.getFileName() + "...");
        Task<Opened> load = new Task<>() {
            @Override protected Opened call() throws Exception {
                LoadedImage li = loader.load(file);
                return new Opened(li, li.image().toBufferedImage(), session.lookup(li, indicators, engine.models(), Map.of(), "workbench"));
            }
        };
        load.setOnSucceeded(e -> {
            loading.set(false);
            Opened v = load.getValue();
            showLoaded(v.image(), v.picture(), v.found());
        });
        load.setOnFailed(e -> {
            loading.set(false);
            Throwable t = load.getException();
            showError(t instanceof ImageLoadException ? t.getMessage()
                    : t instanceof OutOfMemoryError ? "Cannot open " + file.getFileName() + ": not enough memory for this image"
                    : "Cannot open " + file.getFileName() + ": the decoder failed (" + t.getMessage() + ")");
            setStatus(loaded.get() == null ? "No image" : "Still showing " + loaded.get().fileName());
        });
        background.submit(load);
    }

    /** File > Open sample image: the bundled sample, else an error naming where it was looked for. */
    public void openSample() {
        if (sample != null && Files.isRegularFile(sample)) open(sample);
        else showError("No bundled sample image found (expected " + (sample == null ? "assets/samples/" : sample) + ")");
    }

    /** A file opened off the JavaFX thread: the image, its picture for the screen (the view converts it), the case folder's lookup. */
    private record Opened(LoadedImage image, BufferedImage picture, Lookup found) { }

    private void showLoaded(LoadedImage li, BufferedImage picture, Lookup found) {
        loaded.set(li);
        lastReport = null;
        parameters.clear();
        recent.add(li.path());
        display.imageLoaded(li, picture);
        title.set("Provenant - " + li.fileName());
        fileInfo.set(ImageLines.fileLine(li));
        if (found.complete()) showStored(found.reused());
        else analyse(found);   // indicators stored for this file and models are not run again
        found.warning().ifPresent(this::showError);
    }

    /** Shows stored results of the case folder (same SHA-256 and models) without analysing again. */
    private void showStored(AnalysisReport r) {
        cancelAnalysis();
        display.hideMap();
        showOutcomes(r);
        lastReport = r;
        lastReportAt = Instant.now();
        setStatus("Stored results of the case folder shown (same SHA-256 and models): not analysed again");
        display.showFirstMap();
    }

    private void showOutcomes(AnalysisReport r) {
        for (IndicatorOutcome o : r.outcomes()) {
            display.finished(o);
            overview.finished(o);
        }
    }

    /** Starts (or restarts) the analysis of the loaded image: every indicator, with the examiner's parameters. */
    public void analyse() {
        LoadedImage li = loaded.get();
        if (li == null || background.isShutdown()) return;
        analyse(session.rerun(li, indicators, engine.models(), Map.copyOf(parameters)));
    }

    /**
     * Analyses the loaded image through the case workflow: the outcomes the lookup found stored (same file, code,
     * models and parameters) are shown, not recomputed; the others run, and the merged analysis is stored.
     */
    private void analyse(Lookup found) {
        LoadedImage li = loaded.get();
        if (li == null || background.isShutdown()) return;
        cancelAnalysis();
        display.clear();
        overview.reset();
        if (!found.reusedIds().isEmpty()) showOutcomes(found.reused());
        AnalysisTask[] self = new AnalysisTask[1];
        AnalysisListener fx = new AnalysisListener() {
            @Override public void started(String id) {
                if (shown != self[0]) return;
                display.started(id);
                overview.started(id);
            }

            @Override public void progress(String id, double f) {
                if (shown == self[0]) display.progress(id, f);
            }

            @Override public void finished(IndicatorOutcome o) {
                if (shown != self[0]) return;
                display.finished(o);
                overview.finished(o);
            }
        };
        AnalysisTask t = new AnalysisTask(engine, found.input(li), found.toRun(), fx);   // stored under its parameters
        self[0] = t;
        task = t;
        shown = t;
        progress.bind(t.progressProperty());
        analysing.set(true);
        setStatus("Analysing " + li.fileName() + "...");
        long t0 = System.nanoTime();
        t.setOnSucceeded(e -> {
            if (task != t) return;
            AnalysisReport r = found.merge(t.getValue());
            lastReport = r;
            if (!r.cancelled()) background.submit(() -> session.record(found, li, r, engine.models()));
            lastReportAt = Instant.now();
            ended();
            setStatus(analysisLine(r, (System.nanoTime() - t0) / 1e9));
            display.showFirstMap();
        });
        t.setOnCancelled(e -> {
            if (task != t) return;
            ended();
            setStatus("Analysis cancelled");
        });
        t.setOnFailed(e -> {
            if (task != t) return;
            ended();
            showError("Analysis of " + li.fileName() + " stopped: " + t.getException().getMessage());
            setStatus("Analysis stopped");
        });
        background.submit(t);
    }

    /** E.g. "Analysis cancelled in 1.2 s: 1 of 2 indicators done". */
    static String analysisLine(AnalysisReport r, double seconds) {
        long ok = r.outcomes().stream().filter(IndicatorOutcome::ok).count();
        return String.format(Locale.ROOT, "Analysis %s in %.1f s: %d of %d indicators done",
                r.cancelled() ? "cancelled" : "finished", seconds, ok, r.outcomes().size());
    }

    private void ended() {
        progress.unbind();
        analysing.set(false);
        task = null;
    }

    /** Stops the running analysis; the indicators stop at their next check and show "cancelled". */
    public void cancelAnalysis() {
        AnalysisTask t = task;
        if (t != null && !t.isDone()) t.cancel();
    }

    /**
     * Runs one indicator again with changed examiner parameters (a panel's setting control), through the engine in
     * the background; its panel, dot, verdict and overview card update as in a full analysis, the report uses it, and
     * the merged analysis is stored in the case folder under the key of the settings in use.
     */
    /** The examiner's settings in use for the open image (those a panel changed). */
    public Map<String, String> parameters() {
        return Map.copyOf(parameters);
    }

    public void rerun(String id, Map<String, String> changed) {
        LoadedImage li = loaded.get();
        if (li == null || analysing.get() || background.isShutdown()) return;
        Indicator ind = indicators.stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
        if (ind == null) return;
        parameters.putAll(changed);
        AnalysisTask t = new AnalysisTask(engine, AnalysisInput.of(li).withParameters(parameters), List.of(ind), new AnalysisListener() {
            @Override public void started(String i) {
                if (loaded.get() == li) display.rerunStarted(i);
            }

            @Override public void finished(IndicatorOutcome o) {
                if (loaded.get() != li) return;
                display.finished(o);
                overview.finished(o);
            }
        });
        Lookup again = session.rerun(li, List.of(ind), engine.models(), Map.copyOf(parameters));
        t.setOnSucceeded(e -> {
            if (loaded.get() == li) {
                AnalysisReport merged = OverviewViewModel.replace(lastReport, t.getValue());
                lastReport = merged;
                // stored under the key of the settings in use, beside the defaults' analysis (the others do not
                // depend on this indicator's setting); logged as an analysis of this indicator alone
                if (merged != null && !merged.cancelled() && !t.getValue().cancelled()) {
                    background.submit(() -> session.record(again, li, merged, engine.models()));
                }
            }
            setStatus(ind.displayName() + " analysed again with " + changed);
        });
        background.submit(t);
    }

    /**
     * Writes the PDF report of the open image in the background: its finished analysis (when there is none, e.g.
     * after a cancel, the image is analysed first), with the case data and annotations {@code caseFile} gives. The
     * status line says where it was written, the error why not; {@link #exportedProperty()} names the file.
     */
    public void exportReport(Path out, Supplier<CaseFile> caseFile) {
        LoadedImage li = loaded.get();
        if (li == null) {
            showError("Open and analyse an image before exporting a report");
            return;
        }
        if (background.isShutdown()) return;
        String refused = ReportExport.refusal(out, List.of(li.path()));
        if (refused != null) {
            showError(refused);
            return;
        }
        AnalysisReport done = lastReport != null && !lastReport.cancelled() ? lastReport : null;
        Task<Integer> t = ReportExport.task(session, engine, indicators,
                List.of(new ReportExport.Item(li, done, lastReportAt, caseFile.get(), Map.copyOf(parameters))), out);
        t.setOnSucceeded(e -> {
            setStatus(ReportExport.written(out, t.getValue()));
            exported.set(out);
        });
        t.setOnFailed(e -> showError(ReportExport.failed(out, t.getException())));
        setStatus("Writing the report " + out.getFileName() + (done == null ? " (analysing the image first)..." : "..."));
        background.submit(t);
    }

    /**
     * The images to compare: the open one, then the chosen ones not already in the list; null (and an error shown)
     * unless that makes 2 to {@link ComparisonView#MAX_IMAGES}.
     */
    public List<Path> comparisonPaths(List<Path> chosen) {
        List<Path> paths = new ArrayList<>();
        if (loaded.get() != null) paths.add(loaded.get().path());
        for (Path p : chosen) if (!paths.contains(p)) paths.add(p);
        if (paths.size() < 2 || paths.size() > ComparisonView.MAX_IMAGES) {
            showError("A comparison needs 2 to " + ComparisonView.MAX_IMAGES + " images (the open one included), not " + paths.size());
            return null;
        }
        return paths;
    }

    /** The read-out at image position (x, y) (null: the mouse is not over the image), {@link ImageLines#readout}. */
    public String readout(Double x, Double y, String mapValue) {
        LoadedImage li = loaded.get();
        return li == null ? "" : x == null || y == null ? READOUT_HINT : ImageLines.readout(li.image(), x, y, mapValue);
    }

    /** Cancels any analysis and stops the background threads. */
    public void dispose() {
        cancelAnalysis();
        background.shutdownNow();
    }
}
