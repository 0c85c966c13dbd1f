package org.provenant.app.caseview;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.provenant.analysis.batch.BatchItem;
import org.provenant.analysis.batch.BatchRunner;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.app.comparison.ComparisonView;
import org.provenant.indicators.Indicator;
import org.provenant.ml.ModelRegistry;

/**
 * State of the case view (MVVM): one row per file of the evidence folders added to the case, filled in by the
 * batch engine ({@link BatchRunner}, the same one as {@code provenant batch}) in the background, with overall
 * progress, a status line and cancel. No JavaFX nodes here; every property changes on the JavaFX thread.
 */
public final class CaseViewModel {
    /** One file: waiting until its batch item arrives. */
    public static final class Row {
        private final Path path;
        private final String relative;
        private final ReadOnlyObjectWrapper<BatchItem> item = new ReadOnlyObjectWrapper<>();

        Row(Path path, String relative) {
            this.path = path;
            this.relative = relative;
        }

        public Path path() { return path; }

        public String relative() { return relative; }

        /** The batch's result for this file; null while it waits. */
        public BatchItem item() { return item.get(); }

        public javafx.beans.property.ReadOnlyObjectProperty<BatchItem> itemProperty() { return item.getReadOnlyProperty(); }

        public String status() {
            BatchItem it = item.get();
            return it == null ? "waiting" : it.status().name().toLowerCase(Locale.ROOT);
        }

        /** Suspicion for sorting (waiting rows sort with errors, last). */
        public double suspicion() {
            BatchItem it = item.get();
            return it == null ? -1 : it.suspicion();
        }

        /** The line of one indicator, or null. */
        public BatchItem.IndicatorLine line(String indicatorId) {
            BatchItem it = item.get();
            if (it == null) return null;
            for (BatchItem.IndicatorLine l : it.indicators()) if (l.id().equals(indicatorId)) return l;
            return null;
        }
    }

    private final List<Indicator> indicators;
    private final ModelRegistry models;
    private final Executor background;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final Map<Path, Row> byPath = new HashMap<>();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "No evidence folder added yet");
    private volatile BatchRunner runner;
    private final java.util.ArrayDeque<Pending> pending = new java.util.ArrayDeque<>();
    private Consumer<String> trace = s -> { };

    /** An evidence folder added while another one is analysed: it waits its turn. */
    private record Pending(CaseFolder caseFolder, Path folder) { }

    public CaseViewModel(List<Indicator> indicators, ModelRegistry models, Executor background) {
        this.indicators = List.copyOf(indicators);
        this.models = models;
        this.background = background;
    }

    public List<Indicator> indicators() { return indicators; }

    public ObservableList<Row> rows() { return rows; }

    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    public void setTrace(Consumer<String> trace) { this.trace = trace; }

    /**
     * Adds the evidence folder to the case and analyses it in the background (stored results of unchanged files
     * and models are reused); one folder at a time. Returns false (with the reason in the status) when busy.
     */
    public boolean addFolder(CaseFolder caseFolder, Path folder) {
        if (running.get()) {
            pending.add(new Pending(caseFolder, folder));
            status.set(status.get() + " (" + folder.getFileName() + " waits its turn)");
            return true;
        }
        Path abs = folder.toAbsolutePath().normalize();
        List<Path> files;
        BatchRunner r;
        try {
            files = BatchRunner.scan(abs);
            int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
            r = new BatchRunner(caseFolder, models, new BatchRunner.Options(abs, null, threads, indicators));
        } catch (IOException e) {
            status.set("Cannot add " + abs + ": " + e.getMessage());
            return false;
        }
        for (Path f : files) {
            Path p = f.toAbsolutePath().normalize();
            if (byPath.containsKey(p)) continue;
            Row row = new Row(p, abs.getFileName() + "/" + abs.relativize(p).toString().replace('\\', '/'));
            byPath.put(p, row);
            rows.add(row);
        }
        runner = r;
        running.set(true);
        progress.set(0);
        status.set("Analysing " + files.size() + " files of " + abs + "...");
        long t0 = System.nanoTime();
        background.execute(() -> {
            List<BatchItem> items;
            try {
                items = r.run((item, done, total) -> Platform.runLater(() -> {
                    Row row = byPath.get(item.path());
                    if (row != null) {
                        row.item.set(item);
                        int i = rows.indexOf(row);
                        if (i >= 0) rows.set(i, row);   // tells sorted views that the row changed
                    }
                    progress.set(total == 0 ? 1 : (double) done / total);
                    status.set(String.format(Locale.ROOT, "%d of %d files done (%.1f images/min)", done, total,
                            done / Math.max(1e-9, (System.nanoTime() - t0) / 6e10)));
                }));
            } catch (IOException | InterruptedException | RuntimeException e) {
                Platform.runLater(() -> finished("The batch stopped: " + e.getMessage()));
                return;
            }
            String summary = summary(items, r.isCancelled(), (System.nanoTime() - t0) / 1e9);
            Platform.runLater(() -> finished(summary));
        });
        return true;
    }

    private void finished(String message) {
        running.set(false);
        runner = null;
        status.set(message);
        trace.accept("provenant: Case view finished: " + message);
        Pending next = pending.poll();
        if (next != null) addFolder(next.caseFolder(), next.folder());
    }

    /** Forgets every row and queued folder (another case was opened); a running batch is cancelled. */
    public void clear() {
        pending.clear();
        cancel();
        rows.clear();
        byPath.clear();
        progress.set(0);
        status.set("No evidence folder added yet");
    }

    static String summary(List<BatchItem> items, boolean cancelled, double seconds) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (BatchItem it : items) counts.merge(it.status().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        return String.format(Locale.ROOT, "%s %d files in %.1f s: %s", cancelled ? "Cancelled after" : "Finished",
                items.size(), seconds, counts.toString().replaceAll("[{}]", "").replace("=", " "));
    }

    /** Stops the batch (and drops queued folders); files not yet analysed stay "cancelled", finished ones keep their stored results. */
    public void cancel() {
        pending.clear();
        BatchRunner r = runner;
        if (r != null) {
            r.cancel();
            status.set("Cancelling...");
        }
    }

    /**
     * The files to compare, or an explanation why not: 2 to {@link ComparisonView#MAX_IMAGES} selected rows whose
     * files were read as images.
     */
    public List<Path> comparable(List<Row> selected) throws IllegalArgumentException {
        if (selected.size() < 2 || selected.size() > ComparisonView.MAX_IMAGES) {
            throw new IllegalArgumentException("Select 2 to " + ComparisonView.MAX_IMAGES + " images to compare, not " + selected.size());
        }
        List<Path> out = new ArrayList<>();
        for (Row r : selected) {
            if (r.item() != null && !r.item().ok() && r.item().status() != BatchItem.Status.CANCELLED) {
                throw new IllegalArgumentException(r.relative() + " cannot be compared: " + r.item().message());
            }
            out.add(r.path());
        }
        return out;
    }

    /** The thumbnail stored in the case folder for this row, if any. */
    public static Path thumbnail(CaseFolder folder, Row row) {
        BatchItem it = row.item();
        if (it == null || it.sha256().isEmpty()) return null;
        Path t = folder.results().thumbnail(it.sha256());
        return Files.isRegularFile(t) ? t : null;
    }
}
