package org.provenant.app;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.StringConverter;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisInput;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Score;
import org.provenant.report.EvidenceAnalysis;
import org.provenant.report.PdfReport;
import org.provenant.report.casefile.CaseFile;
import org.provenant.report.casefile.CaseFileException;
import org.provenant.report.casefile.CaseFiles;

/**
 * Two to four images side by side: one {@link ImageViewer} each, zoom and pan synchronised, each image analysed in
 * the background (progress per image, one cancel for all), one indicator chosen for all (its heat map over every
 * image, its scores under each), and a summary table of every indicator's headline score per image. A row whose
 * scores differ (the report's rule, {@link PdfReport#differs}) is tinted, the image that departs most from the
 * others is marked, and the spread is said in words. "Export report..." writes one comparison PDF. As in the
 * workbench ({@link CaseLink}), an image whose results are stored in the case folder for the same SHA-256 and model
 * set is not analysed again; only indicators without a stored result run, and new analyses are stored.
 */
public final class ComparisonView extends BorderPane {
    public static final int MAX_IMAGES = PdfReport.MAX_IMAGES;
    /** How an image's state begins when its results came from the case folder. */
    static final String STORED = "Stored results of the case folder (same SHA-256 and models)";

    /** One compared image. */
    public static final class Entry {
        final Path path;
        final ImageViewer viewer = new ImageViewer();
        final AnnotationLayer marks = new AnnotationLayer(viewer);
        final Label state = new Label("Opening...");
        final Label scores = new Label();
        final ProgressBar progress = new ProgressBar(0);
        LoadedImage image;
        CaseFile caseFile = CaseFile.empty();
        AnalysisTask task;
        AnalysisReport report;
        Instant analysedAt;
        MapOverlayLayer overlay;
        boolean ended;

        Entry(Path path) {
            this.path = path;
        }

        public ImageViewer viewer() { return viewer; }
        public AnalysisReport report() { return report; }
        public String stateText() { return state.getText(); }
        public String scoresText() { return scores.getText(); }
        public MapOverlayLayer overlay() { return overlay; }
    }

    private final List<Indicator> indicators;
    private final AnalysisEngine engine;
    private final ReadOnlyObjectWrapper<Path> exported = new ReadOnlyObjectWrapper<>(this, "exported");
    private final List<Entry> entries = new ArrayList<>();
    private final ComboBox<Indicator> choice = new ComboBox<>();
    private final GridPane summary = new GridPane();
    private final Label status = new Label();
    private final javafx.scene.image.ImageView legend = new javafx.scene.image.ImageView();
    private final Label legendCaption = new Label();
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished");
    private final ImageLoader loader = new ImageLoader();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "provenant-compare-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    /** What the case folder warned about while opening (an evidence file changed since it was last read). */
    private final List<String> warnings = new ArrayList<>();
    private ReportExport.Chooser chooser = ReportExport.DIALOG;
    private Consumer<String> trace = s -> { };

    public ComparisonView(List<Path> images, List<Indicator> indicators, AnalysisEngine engine) {
        if (images.size() < 2 || images.size() > MAX_IMAGES) {
            throw new IllegalArgumentException("a comparison shows 2 to " + MAX_IMAGES + " images, not " + images.size());
        }
        this.indicators = List.copyOf(indicators);
        this.engine = engine;
        getStyleClass().add("workbench");
        for (Path p : images) entries.add(new Entry(p));
        for (int i = 1; i < entries.size(); i++) entries.get(0).viewer.synchronizeWith(entries.get(i).viewer);

        choice.setId("compare-indicator");
        choice.getItems().setAll(this.indicators);
        choice.setConverter(new StringConverter<>() {
            @Override public String toString(Indicator i) { return i == null ? "" : i.displayName(); }
            @Override public Indicator fromString(String s) { return null; }
        });
        choice.valueProperty().addListener((o, a, b) -> showChosen());
        Button fit = new Button("Fit");
        fit.setTooltip(new Tooltip("Show the whole images (zoom and pan are shared by all viewers)"));
        fit.setOnAction(e -> fitAll());
        Button in = new Button("Zoom +");
        in.setOnAction(e -> entries.get(0).viewer.zoom(ImageViewer.WHEEL_STEP));
        Button out = new Button("Zoom -");
        out.setOnAction(e -> entries.get(0).viewer.zoom(1 / ImageViewer.WHEEL_STEP));
        Button cancel = new Button("Cancel");
        cancel.setId("compare-cancel");
        cancel.setTooltip(new Tooltip("Stop the analyses still running"));
        cancel.setOnAction(e -> cancel());
        cancel.disableProperty().bind(finished);
        Button export = new Button("Export report...");
        export.setId("compare-export");
        export.setTooltip(new Tooltip("One PDF with every image, the summary table and each image's pages"));
        export.setOnAction(e -> exportReport());
        Label show = new Label("Indicator shown on every image:");
        legend.setId("compare-legend");
        legendCaption.getStyleClass().add("muted");
        legendCaption.setWrapText(true);
        legendCaption.setMaxWidth(420);
        ToolBar bar = new ToolBar(show, choice, new Separator(), fit, in, out, new Separator(), cancel, export,
                new Separator(), legendCaption);
        setTop(bar);

        HBox cells = new HBox(8);
        cells.setPadding(new Insets(8));
        for (int i = 0; i < entries.size(); i++) cells.getChildren().add(cell(i, entries.get(i)));
        summary.setId("compare-summary");
        summary.setHgap(1);
        summary.setVgap(1);
        summary.setPadding(new Insets(8));
        ScrollPane sp = new ScrollPane(summary);
        sp.setFitToWidth(true);
        Label caption = new Label("Headline score of every indicator per image. Tinted rows differ between the images "
                + "(scores spread by more than " + Math.round(PdfReport.COMPARISON_RELATIVE_DIFFERENCE * 100)
                + " % of the largest, or they lean to different explanations); the bold framed cell departs most.");
        caption.setWrapText(true);
        caption.getStyleClass().add("muted");
        VBox.setVgrow(sp, Priority.ALWAYS);
        VBox bottom = new VBox(4, caption, sp);
        bottom.setPadding(new Insets(4, 8, 4, 8));
        SplitPane split = new SplitPane(cells, bottom);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        setCenter(split);
        status.setId("compare-status");
        HBox statusBar = new HBox(status);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setPadding(new Insets(4, 8, 4, 8));
        setBottom(statusBar);
        if (!this.indicators.isEmpty()) choice.setValue(this.indicators.get(0));
        rebuildSummary();
        for (Entry e : entries) load(e);
        setStatus("Analysing " + entries.size() + " images...");
    }

    private VBox cell(int i, Entry e) {
        Label name = new Label("#" + (i + 1) + "  " + e.path.getFileName());
        name.getStyleClass().add("panel-title");
        name.setMnemonicParsing(false);
        e.viewer.setPrefSize(360, 300);
        e.state.setWrapText(true);
        e.scores.setWrapText(true);
        e.scores.getStyleClass().add("score-row-meaning");
        e.progress.setMaxWidth(Double.MAX_VALUE);
        e.viewer.setId("compare-viewer-" + i);
        StackPane pane = new StackPane(e.viewer);
        if (i == 0) {
            legend.setMouseTransparent(true);
            legend.setOpacity(0.9);
            StackPane.setAlignment(legend, Pos.BOTTOM_LEFT);
            StackPane.setMargin(legend, new Insets(6));
            pane.getChildren().add(legend);
        }
        VBox v = new VBox(4, name, pane, e.progress, e.state, e.scores);
        VBox.setVgrow(v.getChildren().get(1), Priority.ALWAYS);
        HBox.setHgrow(v, Priority.ALWAYS);
        v.setMinWidth(200);
        return v;
    }

    // ---- public API -------------------------------------------------------------------------------------------

    public List<Entry> entries() { return List.copyOf(entries); }
    /** True once every image is analysed, failed to open, or cancelled. */
    public ReadOnlyBooleanProperty finishedProperty() { return finished.getReadOnlyProperty(); }
    public ComboBox<Indicator> indicatorChoice() { return choice; }
    public GridPane summary() { return summary; }
    public String statusText() { return status.getText(); }
    public void setReportChooser(ReportExport.Chooser c) { this.chooser = c; }
    public void setTrace(Consumer<String> trace) { this.trace = trace; }

    /** Opens the comparison in its own window. */
    public static ComparisonView show(List<Path> images, List<Indicator> indicators, AnalysisEngine engine,
                                      ReportExport.Chooser chooser, List<String> stylesheets) {
        ComparisonView v = new ComparisonView(images, indicators, engine);
        v.setReportChooser(chooser);
        Stage stage = new Stage();
        Scene scene = new Scene(v, Math.min(1500, 420 * images.size() + 40), 900);
        if (stylesheets != null) scene.getStylesheets().addAll(stylesheets);
        stage.setScene(scene);
        stage.setTitle("Provenant - comparison of " + images.size() + " images");
        stage.setOnHidden(e -> v.dispose());
        stage.show();
        return v;
    }

    private void load(Entry e) {
        Task<Object[]> t = new Task<>() {
            @Override protected Object[] call() throws Exception {
                LoadedImage li = loader.load(e.path);
                CaseFile cf;
                try {
                    cf = CaseFiles.load(CaseSession.current(), e.path, li.sha256()).orElse(CaseFile.empty());   // the case folder, else a legacy sidecar
                } catch (CaseFileException x) {
                    cf = CaseFile.empty();   // the comparison only shows marks; the main window reports the damage
                }
                // the workbench's path: logged read, and the case folder's stored results for this SHA-256 and model set
                CaseLink.Opened found = CaseLink.opened(li, indicators, engine.models(), "comparison");
                return new Object[]{li, SwingFXUtils.toFXImage(li.image().toBufferedImage(), null), cf, found};
            }
        };
        t.setOnSucceeded(x -> {
            Object[] v = t.getValue();
            e.image = (LoadedImage) v[0];
            e.caseFile = (CaseFile) v[2];
            e.viewer.setImage((Image) v[1]);
            e.marks.annotations().setAll(e.caseFile.annotations());
            fitAll();
            CaseLink.Opened found = (CaseLink.Opened) v[3];
            found.warning().ifPresent(w -> {
                warnings.add(w);
                setStatus(w);
            });
            analyse(e, found);
        });
        t.setOnFailed(x -> {
            Throwable err = t.getException();
            e.state.setText(err.getMessage() == null ? "Cannot open " + e.path.getFileName() : err.getMessage());
            e.state.getStyleClass().add("panel-error");
            end(e);
        });
        background.submit(t);
    }

    /**
     * Shows the stored results when every indicator has one (nothing is analysed again), else analyses only the
     * indicators without a stored result and stores the merged analysis in the case folder.
     */
    private void analyse(Entry e, CaseLink.Opened found) {
        List<Indicator> todo = found.toRun(indicators);
        AnalysisReport stored = found.stored().or(found::partial).orElse(null);
        if (todo.isEmpty() && stored != null) {
            e.report = stored;
            e.analysedAt = Instant.now();
            e.state.setText(STORED + ": " + stored.outcomes().size() + " indicators, not analysed again");
            end(e);
            return;
        }
        int reused = indicators.size() - todo.size();
        e.state.setText(reused == 0 ? "Analysing..." : "Analysing " + todo.size() + " indicators (" + reused + " stored)...");
        AnalysisTask t = new AnalysisTask(engine, AnalysisInput.of(e.image), todo, new AnalysisListener() { });
        e.task = t;
        e.progress.progressProperty().bind(t.progressProperty());
        t.setOnSucceeded(x -> {
            AnalysisReport r = stored == null ? t.getValue() : CaseLink.merge(indicators, stored, t.getValue());
            e.report = r;
            e.analysedAt = Instant.now();
            LoadedImage li = e.image;
            if (!r.cancelled() && !background.isShutdown()) background.submit(() -> CaseLink.analysed(li, engine.models(), r));
            long ok = r.outcomes().stream().filter(IndicatorOutcome::ok).count();
            e.state.setText((r.cancelled() ? "Cancelled: " : "Analysed: ") + ok + " of " + r.outcomes().size()
                    + " indicators done" + (reused == 0 ? "" : " (" + reused + " from the case folder)"));
            end(e);
        });
        t.setOnCancelled(x -> {
            e.state.setText("Analysis cancelled");
            end(e);
        });
        t.setOnFailed(x -> {
            e.state.setText("Analysis stopped: " + t.getException().getMessage());
            end(e);
        });
        background.submit(t);
    }

    private void end(Entry e) {
        e.ended = true;
        e.progress.progressProperty().unbind();
        e.progress.setProgress(1);
        e.progress.setVisible(false);   // still managed: the viewers keep their size (and zoom)
        showChosen();
        rebuildSummary();
        if (entries.stream().allMatch(x -> x.ended)) {
            finished.set(true);
            javafx.application.Platform.runLater(this::fitAll);   // after the layout of the last results
            long done = entries.stream().filter(x -> x.report != null && !x.report.cancelled()).count();
            setStatus("Comparison finished: " + done + " of " + entries.size() + " images analysed"
                    + (warnings.isEmpty() ? "" : ". " + String.join(" ", warnings)));
        }
    }

    /**
     * Fits every image into its viewer: the shared zoom is the smallest of the images' fit zooms (images of
     * different sizes then all show whole), centred on the first image.
     */
    public void fitAll() {
        ImageViewer first = entries.get(0).viewer;
        first.fit();
        double s = first.getScale();
        for (Entry e : entries) {
            Image img = e.viewer.getImage();
            double w = e.viewer.getWidth() > 0 ? e.viewer.getWidth() : e.viewer.getPrefWidth();
            double h = e.viewer.getHeight() > 0 ? e.viewer.getHeight() : e.viewer.getPrefHeight();
            if (img != null) s = Math.min(s, Math.min(w / img.getWidth(), h / img.getHeight()));
        }
        if (s < first.getScale()) first.zoom(s / first.getScale());
    }

    /** Stops every running analysis. */
    public void cancel() {
        for (Entry e : entries) if (e.task != null && !e.task.isDone()) e.task.cancel();
    }

    /** Shows the chosen indicator's heat map over every image and its scores under each. */
    private void showChosen() {
        Indicator ind = choice.getValue();
        for (Entry e : entries) {
            if (e.overlay != null) e.viewer.layers().remove(e.overlay);
            e.overlay = null;
            if (ind == null || e.report == null) {
                e.scores.setText("");
                continue;
            }
            IndicatorOutcome o = e.report.outcome(ind.id()).orElse(null);
            if (o == null || !o.ok()) {
                e.scores.setText(ind.displayName() + ": " + (o == null ? "not run" : o.status().name().toLowerCase(Locale.ROOT)
                        + (o.error() == null ? "" : " - " + o.error())));
                continue;
            }
            IndicatorResult r = o.result();
            for (MapLayer m : r.maps()) {
                if (m.overlay()) {
                    e.overlay = new MapOverlayLayer(m, ind.displayName(), e.image.image().width(), e.image.image().height());
                    e.viewer.layers().add(0, e.overlay);
                    break;
                }
            }
            StringBuilder sb = new StringBuilder();
            sb.append(r.headline().label()).append(": ").append(Formats.value(r.headline().value()))
                    .append("  - leans to ").append(r.supports().phrase());
            for (Score s : r.scores()) {
                if (s.key().equals(r.headline().key())) continue;
                sb.append('\n').append(s.label()).append(": ").append(Formats.value(s.value()));
            }
            if (e.overlay == null) sb.append("\n(this indicator has no map to lay over the image)");
            e.scores.setText(sb.toString());
        }
        MapOverlayLayer any = entries.stream().map(x -> x.overlay).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        legend.setImage(any == null ? null : MapImages.of(any.mapLayer()).legend());
        legendCaption.setText(any == null ? "" : "Heat map over each image: " + any.mapLayer().name() + " (colour scale at the bottom left of #1)");
        for (Entry e : entries) e.viewer.repaint();
    }

    private void rebuildSummary() {
        summary.getChildren().clear();
        summary.getColumnConstraints().clear();
        javafx.scene.layout.ColumnConstraints nameCol = new javafx.scene.layout.ColumnConstraints();
        nameCol.setPercentWidth(18);
        summary.getColumnConstraints().add(nameCol);
        for (int i = 0; i < entries.size(); i++) {
            javafx.scene.layout.ColumnConstraints c = new javafx.scene.layout.ColumnConstraints();
            c.setPercentWidth(52.0 / entries.size());
            summary.getColumnConstraints().add(c);
        }
        javafx.scene.layout.ColumnConstraints spreadCol = new javafx.scene.layout.ColumnConstraints();
        spreadCol.setPercentWidth(30);
        summary.getColumnConstraints().add(spreadCol);
        summary.add(header("Indicator"), 0, 0);
        for (int i = 0; i < entries.size(); i++) summary.add(header("#" + (i + 1) + " " + entries.get(i).path.getFileName()), i + 1, 0);
        summary.add(header("Spread"), entries.size() + 1, 0);
        int row = 1;
        for (Indicator ind : indicators) {
            List<IndicatorOutcome> outs = new ArrayList<>();
            boolean all = true;
            for (Entry e : entries) {
                IndicatorOutcome o = e.report == null ? null : e.report.outcome(ind.id()).orElse(null);
                outs.add(o);
                all &= e.ended;
            }
            boolean differs = all && PdfReport.differs(outs);
            Set<Integer> departs = differs ? departing(outs) : Set.of();
            Label name = cellLabel(ind.displayName(), differs);
            name.getStyleClass().add("verdict-title");
            summary.add(name, 0, row);
            for (int i = 0; i < outs.size(); i++) {
                IndicatorOutcome o = outs.get(i);
                String text = o == null ? (entries.get(i).ended ? "not run" : "...")
                        : o.ok() ? Formats.value(o.result().headline().value()) + "  " + o.result().supports().phrase()
                        : o.status().name().toLowerCase(Locale.ROOT);
                Label c = cellLabel(text, differs);
                c.setId("summary-" + ind.id() + "-" + i);
                if (o != null && o.ok()) c.setStyle("-fx-text-fill: " + Formats.css(darker(o.result().supports().rgb())) + ";");
                if (departs.contains(i)) c.getStyleClass().add("summary-departs");
                summary.add(c, i + 1, row);
            }
            Label spread = cellLabel(all ? spreadInWords(outs, departs) : "waiting for the analyses", differs);
            spread.setId("summary-" + ind.id() + "-spread");
            spread.setWrapText(true);
            summary.add(spread, entries.size() + 1, row);
            row++;
        }
    }

    private static int darker(int rgb) {
        int r = (rgb >> 16 & 255) * 7 / 10, g = (rgb >> 8 & 255) * 7 / 10, b = (rgb & 255) * 7 / 10;
        return r << 16 | g << 8 | b;
    }

    private static Label header(String s) {
        Label l = new Label(s);
        l.setMnemonicParsing(false);
        l.getStyleClass().addAll("summary-cell", "score-header");
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private static Label cellLabel(String s, boolean differs) {
        Label l = new Label(s);
        l.setMnemonicParsing(false);
        l.getStyleClass().add("summary-cell");
        l.setWrapText(true);
        if (differs) l.getStyleClass().add("summary-differs");
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMaxHeight(Double.MAX_VALUE);
        return l;
    }

    /**
     * The images whose headline departs most from the median of all (ties: all of them, so with two images both);
     * an image whose indicator failed, or that leans alone to another explanation, departs first.
     */
    static Set<Integer> departing(List<IndicatorOutcome> outs) {
        Set<Integer> failed = new LinkedHashSet<>();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) {
            IndicatorOutcome o = outs.get(i);
            if (o == null || !o.ok() || !Double.isFinite(o.result().headline().value())) failed.add(i);
        }
        if (!failed.isEmpty()) return failed;
        for (IndicatorOutcome o : outs) values.add(o.result().headline().value());
        // a lean shared by no other image
        Set<Integer> alone = new LinkedHashSet<>();
        for (int i = 0; i < outs.size(); i++) {
            final int k = i;
            long same = outs.stream().filter(o -> o.result().supports() == outs.get(k).result().supports()).count();
            if (same == 1 && outs.size() > 2) alone.add(i);
        }
        if (alone.size() == 1) return alone;
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double best = 0;
        for (double x : v) best = Math.max(best, Math.abs(x - median));
        Set<Integer> out = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) if (Math.abs(v[i] - median) >= best - 1e-12 * Math.max(1, Math.abs(best))) out.add(i);
        return out;
    }

    /** E.g. "differ: #2 departs most; spread 0.41 (67 % of the largest)" or "similar: spread 3 % of the largest". */
    static String spreadInWords(List<IndicatorOutcome> outs, Set<Integer> departs) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, mag = 0;
        int ok = 0;
        for (IndicatorOutcome o : outs) {
            if (o == null || !o.ok()) continue;
            double v = o.result().headline().value();
            if (!Double.isFinite(v)) continue;
            ok++;
            min = Math.min(min, v);
            max = Math.max(max, v);
            mag = Math.max(mag, Math.abs(v));
        }
        if (ok == 0) return "no image has a score";
        String pct = mag > 0 ? String.format(Locale.ROOT, "%.0f %% of the largest", 100 * (max - min) / mag) : "all zero";
        String spread = "spread " + Formats.value(max - min) + " (" + pct + ")";
        if (departs.isEmpty()) return "similar: " + spread;
        StringBuilder who = new StringBuilder();
        for (int i : departs) who.append(who.length() == 0 ? "" : " and ").append('#').append(i + 1);
        boolean leans = outs.stream().filter(o -> o != null && o.ok()).map(o -> o.result().supports()).distinct().count() > 1;
        return "DIFFER: " + who + (departs.size() == 1 ? " departs most" : " depart equally")
                + (ok < outs.size() ? "; not every image has a score" : "") + (leans ? "; different leans" : "") + "; " + spread;
    }

    /** Asks for the PDF file ({@link #setReportChooser}) and exports the comparison report there. */
    public void exportReport() {
        Entry first = entries.stream().filter(e -> e.image != null).findFirst().orElse(null);
        if (first == null) {
            setStatus("Nothing to export: no image could be opened");
            return;
        }
        Path out = chooser.apply(getScene() == null ? null : getScene().getWindow(),
                ReportExport.reportFolder().resolve("comparison-report.pdf"));
        if (out != null) exportReport(out);
    }

    /**
     * Writes one comparison PDF of the images that opened, in the background; an image without a finished analysis
     * (still running or cancelled) is analysed first. {@link #exportedProperty()} names the file once written.
     */
    public void exportReport(Path out) {
        List<Entry> usable = entries.stream().filter(e -> e.image != null).toList();
        if (usable.isEmpty() || background.isShutdown()) {
            setStatus("Nothing to export: no image could be opened");
            return;
        }
        String refused = ReportExport.refusal(out, usable.stream().map(e -> e.image.path()).toList());
        if (refused != null) {
            setStatus(refused);
            return;
        }
        List<LoadedImage> images = new ArrayList<>();
        List<AnalysisReport> reports = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        List<CaseFile> cases = new ArrayList<>();
        for (Entry e : usable) {
            boolean done = e.report != null && !e.report.cancelled();
            images.add(e.image);
            reports.add(done ? e.report : null);
            times.add(e.analysedAt);
            cases.add(e.caseFile);
        }
        Task<Integer> t = new Task<>() {
            @Override protected Integer call() throws Exception {
                List<EvidenceAnalysis> all = new ArrayList<>();
                for (int i = 0; i < images.size(); i++) {
                    AnalysisReport r = reports.get(i);
                    Instant when = times.get(i);
                    if (r == null) {
                        when = Instant.now();
                        r = engine.analyze(AnalysisInput.of(images.get(i)), indicators, AnalysisListener.NONE);
                    }
                    all.add(new EvidenceAnalysis(images.get(i), r, when, cases.get(i).annotations(), cases.get(i).evidenceSha256()));
                }
                return ReportExport.write(all, cases, engine.models().entries(), out);
            }
        };
        t.setOnSucceeded(x -> {
            setStatus(ReportExport.written(out, t.getValue()));
            exported.set(out);
        });
        t.setOnFailed(x -> setStatus(ReportExport.failed(out, t.getException())));
        setStatus("Writing the report " + out.getFileName() + "...");
        background.submit(t);
    }

    /** The last report file written. */
    public ReadOnlyObjectProperty<Path> exportedProperty() { return exported.getReadOnlyProperty(); }

    private void setStatus(String s) {
        status.setText(s);
        trace.accept(s);
    }

    /** Cancels the analyses and stops the background threads. */
    public void dispose() {
        cancel();
        background.shutdownNow();
    }
}
