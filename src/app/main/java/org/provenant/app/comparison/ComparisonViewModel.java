package org.provenant.app.comparison;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.analysis.casefolder.CaseFile;
import org.provenant.analysis.casefolder.CaseFileException;
import org.provenant.analysis.casefolder.CaseFiles;
import org.provenant.analysis.workflow.Lookup;
import org.provenant.app.casework.CaseSession;
import org.provenant.app.casework.ReportExport;
import org.provenant.app.common.AnalysisTask;
import org.provenant.app.common.Formats;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.MapLayer;
import org.provenant.report.PdfReport;

/**
 * The comparison's state and actions (MVVM), without any view: 2 to 4 images, each opened and analysed in the
 * background (its state line, progress, report; one cancel for all), the results stored and reused through
 * the case workflow ({@link CaseSession#lookup}: an image whose results are stored for the same SHA-256 and model set is not analysed again; only
 * indicators without a stored result run), the indicator chosen for all and its scores under each image, the
 * summary table's rows ({@link ComparisonSummary}), the status line and the comparison report. Every property changes on the JavaFX thread.
 */
public final class ComparisonViewModel {
    public static final int MAX_IMAGES = PdfReport.MAX_IMAGES;
    /** How an image's state begins when its results came from the case folder. */
    static final String STORED = "Stored results of the case folder (same SHA-256 and models)";

    /** One compared image. */
    public static final class Item {
        private final Path path;
        private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("Opening...");
        private final ReadOnlyStringWrapper scores = new ReadOnlyStringWrapper("");
        private final javafx.beans.property.ReadOnlyDoubleWrapper progress = new javafx.beans.property.ReadOnlyDoubleWrapper(0);
        private final ReadOnlyBooleanWrapper ended = new ReadOnlyBooleanWrapper();
        private final ReadOnlyBooleanWrapper unreadable = new ReadOnlyBooleanWrapper();
        private final ReadOnlyObjectWrapper<BufferedImage> picture = new ReadOnlyObjectWrapper<>();
        private LoadedImage image;
        private CaseFile caseFile = CaseFile.empty();
        private AnalysisTask task;
        private AnalysisReport report;
        private Instant analysedAt;

        Item(Path path) {
            this.path = path;
        }

        public Path path() { return path; }
        public LoadedImage image() { return image; }
        public CaseFile caseFile() { return caseFile; }
        public AnalysisReport report() { return report; }
        /** E.g. "Analysing...", "Analysed: 2 of 3 indicators done", "Analysis cancelled", or why it did not open. */
        public ReadOnlyStringProperty stateProperty() { return state.getReadOnlyProperty(); }
        /** The chosen indicator's scores on this image. */
        public ReadOnlyStringProperty scoresProperty() { return scores.getReadOnlyProperty(); }
        public javafx.beans.property.ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
        /** True once analysed, failed to open, or cancelled. */
        public ReadOnlyBooleanProperty endedProperty() { return ended.getReadOnlyProperty(); }
        /** True when the file could not be opened (the state says why). */
        public ReadOnlyBooleanProperty unreadableProperty() { return unreadable.getReadOnlyProperty(); }
        /** The picture to show, once opened (the view converts it for the screen). */
        public ReadOnlyObjectProperty<BufferedImage> pictureProperty() { return picture.getReadOnlyProperty(); }
    }

    private final List<Indicator> indicators;
    private final AnalysisEngine engine;
    private final CaseSession session;
    private final List<Item> items = new ArrayList<>();
    private final ObservableList<ComparisonSummary.Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Indicator> chosen = new SimpleObjectProperty<>(this, "chosen");
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<Path> exported = new ReadOnlyObjectWrapper<>(this, "exported");
    private final ImageLoader loader = new ImageLoader();
    private final ExecutorService background = AnalysisTask.pool("provenant-compare");
    /** What the case folder warned about while opening (an evidence file changed since it was last read). */
    private final List<String> warnings = new ArrayList<>();
    private Consumer<String> trace = s -> { };

    public ComparisonViewModel(List<Path> images, List<Indicator> indicators, AnalysisEngine engine, CaseSession session) {
        if (images.size() < 2 || images.size() > MAX_IMAGES) {
            throw new IllegalArgumentException("a comparison shows 2 to " + MAX_IMAGES + " images, not " + images.size());
        }
        this.indicators = List.copyOf(indicators);
        this.engine = engine;
        this.session = session;
        for (Path p : images) items.add(new Item(p));
        chosen.addListener((o, a, b) -> updateScores());
        if (!this.indicators.isEmpty()) chosen.set(this.indicators.get(0));
        updateRows();
    }

    public List<Item> items() { return List.copyOf(items); }
    public List<Indicator> indicators() { return indicators; }
    /** The case folder the comparison reads and stores in. */
    public CaseSession session() { return session; }
    /** The indicator whose map and scores are shown on every image. */
    public ObjectProperty<Indicator> chosenProperty() { return chosen; }
    /** The summary table: one row per indicator, in panel order. */
    public ObservableList<ComparisonSummary.Row> rows() { return rows; }
    /** True once every image is analysed, failed to open, or cancelled. */
    public ReadOnlyBooleanProperty finishedProperty() { return finished.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** The last report file written. */
    public ReadOnlyObjectProperty<Path> exportedProperty() { return exported.getReadOnlyProperty(); }
    public void setTrace(Consumer<String> trace) { this.trace = trace; }

    private void setStatus(String s) {
        status.set(s);
        trace.accept(s);
    }

    /** Opens and analyses every image in the background. */
    public void start() {
        for (Item it : items) load(it);
        setStatus("Analysing " + items.size() + " images...");
    }

    /** One image opened off the JavaFX thread: the image, its picture, its marks, the case folder's lookup. */
    private record Opened(LoadedImage image, BufferedImage picture, CaseFile caseFile, Lookup found) { }

    private void load(Item it) {
        Task<Opened> t = new Task<>() {
            @Override protected Opened call() throws Exception {
                LoadedImage li = loader.load(it.path);
                CaseFile cf;
                try {
                    cf = CaseFiles.load(session.current(), it.path, li.sha256()).orElse(CaseFile.empty());   // the case folder, else a legacy sidecar
                } catch (CaseFileException x) {
                    cf = CaseFile.empty();   // the comparison only shows marks; the main window reports the damage
                }
                // the workbench's path: the case workflow logs the read and finds the stored results
                Lookup found = session.lookup(li, indicators, engine.models(), Map.of(), "comparison");
                return new Opened(li, li.image().toBufferedImage(), cf, found);
            }
        };
        t.setOnSucceeded(x -> {
            Opened v = t.getValue();
            it.image = v.image();
            it.caseFile = v.caseFile();
            it.picture.set(v.picture());
            Lookup found = v.found();
            found.warning().ifPresent(w -> {
                warnings.add(w);
                setStatus(w);
            });
            analyse(it, found);
        });
        t.setOnFailed(x -> {
            Throwable err = t.getException();
            it.state.set(err.getMessage() == null ? "Cannot open " + it.path.getFileName() : err.getMessage());
            it.unreadable.set(true);
            end(it);
        });
        background.submit(t);
    }

    /**
     * Shows the stored results when every indicator has one (nothing is analysed again), else analyses only the
     * indicators without a stored result and stores the merged analysis in the case folder.
     */
    private void analyse(Item it, Lookup found) {
        List<Indicator> todo = found.toRun();
        if (found.complete()) {
            AnalysisReport stored = found.reused();
            it.report = stored;
            it.analysedAt = Instant.now();
            it.state.set(STORED + ": " + stored.outcomes().size() + " indicators, not analysed again");
            end(it);
            return;
        }
        int reused = indicators.size() - todo.size();
        it.state.set(reused == 0 ? "Analysing..." : "Analysing " + todo.size() + " indicators (" + reused + " stored)...");
        AnalysisTask t = new AnalysisTask(engine, found.input(it.image), todo, new AnalysisListener() { });
        it.task = t;
        it.progress.bind(t.progressProperty());
        t.setOnSucceeded(x -> {
            AnalysisReport r = found.merge(t.getValue());
            it.report = r;
            it.analysedAt = Instant.now();
            LoadedImage li = it.image;
            if (!r.cancelled() && !background.isShutdown()) background.submit(() -> session.record(found, li, r, engine.models()));
            long ok = r.outcomes().stream().filter(IndicatorOutcome::ok).count();
            it.state.set((r.cancelled() ? "Cancelled: " : "Analysed: ") + ok + " of " + r.outcomes().size()
                    + " indicators done" + (reused == 0 ? "" : " (" + reused + " from the case folder)"));
            end(it);
        });
        t.setOnCancelled(x -> {
            it.state.set("Analysis cancelled");
            end(it);
        });
        t.setOnFailed(x -> {
            it.state.set("Analysis stopped: " + t.getException().getMessage());
            end(it);
        });
        background.submit(t);
    }

    private void end(Item it) {
        it.progress.unbind();
        it.progress.set(1);
        updateScores();
        it.ended.set(true);
        updateRows();
        if (items.stream().allMatch(x -> x.ended.get())) {
            long done = items.stream().filter(x -> x.report != null && !x.report.cancelled()).count();
            setStatus("Comparison finished: " + done + " of " + items.size() + " images analysed"
                    + (warnings.isEmpty() ? "" : ". " + String.join(" ", warnings)));
            finished.set(true);
        }
    }

    /** Stops every running analysis. */
    public void cancel() {
        for (Item it : items) if (it.task != null && !it.task.isDone()) it.task.cancel();
    }

    private void updateScores() {
        for (Item it : items) it.scores.set(it.report == null ? "" : scoresText(chosen.get(), it.report));
    }

    private void updateRows() {
        rows.setAll(ComparisonSummary.rows(indicators, items.stream().map(x -> x.report).toList(), items.stream().map(x -> x.ended.get()).toList()));
    }

    /** The heat map of {@code ind} to lay over an image with this report: its first overlay map, or null. */
    static MapLayer overlayMap(Indicator ind, AnalysisReport report) {
        IndicatorOutcome o = ind == null || report == null ? null : report.outcome(ind.id()).orElse(null);
        if (o == null || !o.ok()) return null;
        return o.result().maps().stream().filter(MapLayer::overlay).findFirst().orElse(null);
    }

    /** The chosen indicator's scores on one image: headline and lean, the other scores, or why there are none. */
    static String scoresText(Indicator ind, AnalysisReport report) {
        if (ind == null || report == null) return "";
        IndicatorOutcome o = report.outcome(ind.id()).orElse(null);
        if (o == null || !o.ok()) {
            return ind.displayName() + ": " + (o == null ? "not run" : o.status().name().toLowerCase(Locale.ROOT)
                    + (o.error() == null ? "" : " - " + o.error()));
        }
        var r = o.result();
        StringBuilder sb = new StringBuilder();
        sb.append(r.headline().label()).append(": ").append(Formats.value(r.headline().value()))
                .append("  - leans to ").append(r.supports().phrase());
        for (var s : r.scores()) {
            if (s.key().equals(r.headline().key())) continue;
            sb.append('\n').append(s.label()).append(": ").append(Formats.value(s.value()));
        }
        if (overlayMap(ind, report) == null) sb.append("\n(this indicator has no map to lay over the image)");
        return sb.toString();
    }

    /** True when an image opened, so a report can be written; else the status says there is nothing to export. */
    public boolean exportable() {
        if (items.stream().anyMatch(it -> it.image != null) && !background.isShutdown()) return true;
        setStatus("Nothing to export: no image could be opened");
        return false;
    }

    /**
     * Writes one comparison PDF of the images that opened, in the background; an image without a finished analysis
     * (still running or cancelled) is analysed first. {@link #exportedProperty()} names the file once written.
     */
    public void exportReport(Path out) {
        if (!exportable()) return;
        List<Item> usable = items.stream().filter(it -> it.image != null).toList();
        String refused = ReportExport.refusal(out, usable.stream().map(it -> it.image.path()).toList());
        if (refused != null) {
            setStatus(refused);
            return;
        }
        List<ReportExport.Item> list = usable.stream().map(it -> new ReportExport.Item(it.image,
                it.report != null && !it.report.cancelled() ? it.report : null, it.analysedAt, it.caseFile, Map.of())).toList();
        Task<Integer> t = ReportExport.task(session, engine, indicators, list, out);
        t.setOnSucceeded(x -> {
            setStatus(ReportExport.written(out, t.getValue()));
            exported.set(out);
        });
        t.setOnFailed(x -> setStatus(ReportExport.failed(out, t.getException())));
        setStatus("Writing the report " + out.getFileName() + "...");
        background.submit(t);
    }

    /** Cancels the analyses and stops the background threads. */
    public void dispose() {
        cancel();
        background.shutdownNow();
    }
}
