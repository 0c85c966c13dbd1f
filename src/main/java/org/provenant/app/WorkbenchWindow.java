package org.provenant.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Separator;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisInput;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.ImageLoadException;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.MapLayer;

/**
 * The workbench: image viewer on the left, one tab per indicator on the right, the verdict strip and the status
 * bar below. Loading and analysis run in the background (javafx.concurrent Tasks; the indicators on the engine's
 * bounded pool); the JavaFX thread only builds views. The indicator list, the engine and the panel registry are
 * given to the constructor, so that tests can inject their own indicators.
 */
public final class WorkbenchWindow extends BorderPane {
    /** Shown in the read-out while the mouse is not over the image. */
    static final String READOUT_HINT = "Move the mouse over the image for pixel values";
    private final List<Indicator> indicators;
    private final AnalysisEngine engine;
    private final RecentFiles recent;
    private final ImageLoader loader = new ImageLoader();
    private final ExecutorService background;
    private final ImageViewer viewer = new ImageViewer();
    private final ToggleGroup overlayChoice = new ToggleGroup();
    private final Map<String, IndicatorPanel> panels = new LinkedHashMap<>();
    private final TabPane tabPane;
    private final PanelNavigator navigator;
    private final OverviewViewModel overview;
    private final LoupeView loupe = new LoupeView(viewer);
    /** The examiner's indicator parameters for the open image (e.g. ela.quality), kept for re-analysis and export. */
    private final Map<String, String> parameters = new java.util.HashMap<>();
    private final VerdictStrip verdicts;
    private final Label banner = new Label();
    private final HBox bannerBox;
    private final Label status = new Label("Ready");
    private final Label readout = new Label();
    private final Label fileInfo = new Label();
    private final Label overlayCaption = new Label();
    private final ImageView overlayLegend = new ImageView();
    private final Label hint = new Label("Open an image to analyse: File > Open (Ctrl+O), the Open button, "
            + "or drop an image file here.");
    private final ProgressBar overall = new ProgressBar(0);
    private final Menu recentMenu = new Menu("Open _recent");
    private final ReadOnlyBooleanWrapper analysing = new ReadOnlyBooleanWrapper(this, "analysing");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Provenant");
    private final AtomicInteger threads = new AtomicInteger();
    private MapOverlayLayer shownOverlay;
    private LoadedImage loaded;
    private AnalysisTask task;
    /** The analysis whose events the panels show: the latest one started, running or not. */
    private AnalysisTask shown;
    private AnalysisReport lastReport;
    private java.time.Instant lastReportAt;
    private Path sample;
    private Consumer<String> trace = s -> { };
    private final AnnotationPane annotationPane;
    private final Tab notesTab;
    private ReportExport.Chooser reportChooser = ReportExport.DIALOG;
    private CaseMenu caseMenu;

    public WorkbenchWindow(List<Indicator> indicators, AnalysisEngine engine, PanelRegistry registry, RecentFiles recent) {
        this.indicators = List.copyOf(indicators);
        this.engine = engine;
        this.recent = recent;
        this.background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "provenant-workbench-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        getStyleClass().add("workbench");
        PanelContext ctx = new PanelContext(viewer, overlayChoice, this::rerun);
        overview = new OverviewViewModel(this.indicators);
        Tab overviewTab = new Tab("Overview", new OverviewTab(overview, this::showPanel).node());
        overviewTab.setId("tab-overview");
        navigator = new PanelNavigator(overviewTab);
        tabPane = navigator.tabPane();
        for (Indicator ind : this.indicators) {
            IndicatorPanel p = registry.create(ind, ctx);
            panels.put(ind.id(), p);
            navigator.add(ind, p.node());
        }
        annotationPane = new AnnotationPane(viewer, this::showError);
        notesTab = new Tab("Annotations", annotationPane.node());
        notesTab.setClosable(false);
        notesTab.setId("tab-annotations");
        tabPane.getTabs().add(notesTab);
        verdicts = new VerdictStrip(this.indicators, this::showPanel);
        overlayChoice.selectedToggleProperty().addListener((o, old, now) -> showOverlay(now));

        banner.setId("error-banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(banner, Priority.ALWAYS);
        Button dismiss = new Button("Dismiss");
        dismiss.setOnAction(e -> hideError());
        bannerBox = new HBox(10, banner, dismiss);
        bannerBox.getStyleClass().add("error-banner");
        bannerBox.setAlignment(Pos.CENTER_LEFT);
        bannerBox.setPadding(new Insets(6, 10, 6, 10));
        hideError();

        setTop(new VBox(menuBar(), toolBar(), bannerBox));
        setCenter(centre());
        setBottom(new VBox(verdicts, statusBar()));

        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        setOnDragDropped(e -> {
            List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            if (!files.isEmpty()) open(files.get(0).toPath());
            e.setDropCompleted(!files.isEmpty());
            e.consume();
        });
        viewer.hoverPixelProperty().addListener((o, a, p) -> updateReadout(p));
        loupe.installKeys(this);
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("_Open image...");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> chooseFile());
        MenuItem openSample = new MenuItem("Open _sample image");
        openSample.setOnAction(e -> {
            if (sample != null && Files.isRegularFile(sample)) open(sample);
            else showError("No bundled sample image found (expected " + (sample == null ? "assets/samples/" : sample) + ")");
        });
        MenuItem caseData = new MenuItem("Case _data...");
        caseData.setOnAction(e -> annotationPane.editCaseData());
        caseData.disableProperty().bind(viewer.imageProperty().isNull());
        MenuItem export = new MenuItem("_Export report (PDF)...");
        export.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        export.setOnAction(e -> exportReport());
        export.disableProperty().bind(viewer.imageProperty().isNull());
        MenuItem compare = new MenuItem("_Compare images...");
        compare.setOnAction(e -> chooseComparison());
        Menu file = new Menu("_File", null, open, recentMenu, openSample, new SeparatorMenuItem(), caseData, export,
                compare);
        caseMenu = new CaseMenu(this, indicators, engine, background, this::showError);   // case folders (issue 13)
        file.getItems().add(new SeparatorMenuItem());
        file.getItems().addAll(caseMenu.items());
        file.setOnShowing(e -> rebuildRecentMenu());
        rebuildRecentMenu();

        MenuItem again = new MenuItem("_Analyse again");
        again.setAccelerator(KeyCombination.keyCombination("Shortcut+R"));
        again.setOnAction(e -> analyse());
        again.disableProperty().bind(analysing);
        MenuItem cancel = new MenuItem("_Cancel analysis");
        cancel.setAccelerator(KeyCombination.keyCombination("Esc"));
        cancel.setOnAction(e -> cancelAnalysis());
        cancel.disableProperty().bind(analysing.not());
        Menu analysis = new Menu("_Analysis", null, again, cancel);

        MenuItem fit = new MenuItem("_Fit to window");
        fit.setAccelerator(KeyCombination.keyCombination("Shortcut+0"));
        fit.setOnAction(e -> viewer.fit());
        MenuItem actual = new MenuItem("_Actual pixels (1:1)");
        actual.setAccelerator(KeyCombination.keyCombination("Shortcut+1"));
        actual.setOnAction(e -> viewer.actualSize());
        MenuItem in = new MenuItem("Zoom _in");
        in.setAccelerator(KeyCombination.keyCombination("Shortcut+PLUS"));
        in.setOnAction(e -> viewer.zoom(ImageViewer.WHEEL_STEP));
        MenuItem out = new MenuItem("Zoom _out");
        out.setAccelerator(KeyCombination.keyCombination("Shortcut+MINUS"));
        out.setOnAction(e -> viewer.zoom(1 / ImageViewer.WHEEL_STEP));
        MenuItem noOverlay = new MenuItem("_Hide heat map");
        noOverlay.setOnAction(e -> overlayChoice.selectToggle(null));
        Menu view = new Menu("_View", null, fit, actual, in, out, new SeparatorMenuItem(), noOverlay);
        return new MenuBar(file, analysis, view);
    }

    private ToolBar toolBar() {
        Button open = button("open", "Open...", "Open an image file (Ctrl+O); you can also drop a file on the window", this::chooseFile);
        Button fit = button("fit", "Fit", "Show the whole image (Ctrl+0)", viewer::fit);
        Button actual = button("zoom-1to1", "1:1", "One image pixel per screen pixel (Ctrl+1)", viewer::actualSize);
        Button in = button("zoom-in", "Zoom +", "Zoom in (or turn the mouse wheel over the image)", () -> viewer.zoom(ImageViewer.WHEEL_STEP));
        Button out = button("zoom-out", "Zoom -", "Zoom out", () -> viewer.zoom(1 / ImageViewer.WHEEL_STEP));
        Button hide = button("hide-overlay", "Hide heat map", "Show the image without any indicator map over it",
                () -> overlayChoice.selectToggle(null));
        hide.disableProperty().bind(overlayChoice.selectedToggleProperty().isNull());
        Button again = button("analyse", "Analyse again", "Run every indicator on this image again (Ctrl+R)", this::analyse);
        again.disableProperty().bind(analysing.or(loading));
        Button export = button("export-report", "Export report...", "Write a PDF report with the analysis, the annotations and the case data (Ctrl+E)", this::exportReport);
        export.disableProperty().bind(viewer.imageProperty().isNull());
        ToolBar bar = new ToolBar(open, new Separator(), fit, actual, in, out, hide, new Separator(), again, new Separator());
        bar.getItems().addAll(annotationPane.toolNodes());
        bar.getItems().addAll(new Separator(), export, new Separator());
        bar.getItems().addAll(loupe.toolNodes());
        return bar;
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new javafx.scene.control.Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private SplitPane centre() {
        hint.getStyleClass().add("viewer-hint");
        hint.setWrapText(true);
        hint.setMaxWidth(420);
        hint.visibleProperty().bind(viewer.imageProperty().isNull().and(loading.not()));
        overlayCaption.getStyleClass().add("overlay-caption");
        overlayCaption.setVisible(false);
        overlayCaption.setMouseTransparent(true);
        StackPane.setAlignment(overlayCaption, Pos.TOP_LEFT);
        StackPane.setMargin(overlayCaption, new Insets(8));
        hint.setMouseTransparent(true);
        overlayLegend.setId("overlay-legend");
        overlayLegend.setMouseTransparent(true);
        overlayLegend.setOpacity(0.9);
        overlayLegend.visibleProperty().bind(overlayCaption.visibleProperty());
        StackPane.setAlignment(overlayLegend, Pos.BOTTOM_LEFT);
        StackPane.setMargin(overlayLegend, new Insets(8));
        StackPane viewerPane = new StackPane(viewer, hint, overlayCaption, overlayLegend, loupe.node());
        viewerPane.setMinWidth(300);
        tabPane.setMinWidth(380);
        tabPane.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(viewerPane, tabPane);
        split.setDividerPositions(0.56);
        return split;
    }

    private HBox statusBar() {
        readout.setId("pixel-readout");
        readout.setPrefWidth(470);
        readout.setMinWidth(200);
        status.setMinWidth(Region.USE_PREF_SIZE);
        fileInfo.setMinWidth(60);
        status.setId("status");
        fileInfo.setId("file-info");
        overall.setId("overall-progress");
        overall.setPrefWidth(180);
        overall.visibleProperty().bind(analysing.or(loading));
        Button cancel = button("cancel", "Cancel", "Stop the running analysis (Esc)", this::cancelAnalysis);
        cancel.visibleProperty().bind(analysing);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(12, readout, new Separator(javafx.geometry.Orientation.VERTICAL), fileInfo, gap, status, overall, cancel);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        return bar;
    }

    // ---- public API -------------------------------------------------------------------------------------------

    public ImageViewer viewer() { return viewer; }
    public IndicatorPanel panel(String indicatorId) { return panels.get(indicatorId); }
    public VerdictStrip verdicts() { return verdicts; }
    public LoadedImage loadedImage() { return loaded; }
    /** The report of the last analysis that ran to its end, or null (also after a cancel). */
    public AnalysisReport lastReport() { return lastReport; }

    private final javafx.beans.property.ReadOnlyObjectWrapper<Path> exported = new javafx.beans.property.ReadOnlyObjectWrapper<>(this, "exported");

    /** The last report file written by {@link #exportReport}. */
    public javafx.beans.property.ReadOnlyObjectProperty<Path> exportedProperty() { return exported.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty analysingProperty() { return analysing.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    /** The error shown in the banner, or null when none is shown. */
    public String errorText() { return bannerBox.isVisible() ? banner.getText() : null; }
    public String statusText() { return status.getText(); }
    /** The running analysis task, or null. */
    public AnalysisTask analysisTask() { return task; }

    /** The sample offered by File > Open sample image. */
    public void setSample(Path sample) { this.sample = sample; }

    /** Receives every status line (the screenshot script waits for "analysis finished"). */
    public void setTrace(Consumer<String> trace) { this.trace = trace; }

    /**
     * Loads the file in the background, then analyses it (cancelling the analysis of the previous image); a bad file
     * shows an error and changes nothing else.
     */
    public void open(Path file) {
        if (background.isShutdown()) return;
        hideError();
        loading.set(true);
        setStatus("Opening " + file.getFileName() + "...");
        Task<Object[]> load = new Task<>() {
            @Override protected Object[] call() throws Exception {
                LoadedImage li = loader.load(file);
                Image fx = SwingFXUtils.toFXImage(li.image().toBufferedImage(), null);
                return new Object[]{li, fx, CaseLink.opened(li, indicators, engine.models())};
            }
        };
        load.setOnSucceeded(e -> {
            loading.set(false);
            Object[] v = load.getValue();
            showLoaded((LoadedImage) v[0], (Image) v[1], (CaseLink.Opened) v[2]);
        });
        load.setOnFailed(e -> {
            loading.set(false);
            Throwable t = load.getException();
            String msg = t instanceof ImageLoadException ? t.getMessage()
                    : t instanceof OutOfMemoryError ? "Cannot open " + file.getFileName() + ": not enough memory for this image"
                    : "Cannot open " + file.getFileName() + ": the decoder failed (" + t.getMessage() + ")";
            showError(msg);
            setStatus(loaded == null ? "No image" : "Still showing " + loaded.fileName());
        });
        background.submit(load);
    }

    private void showLoaded(LoadedImage li, Image fx, CaseLink.Opened found) {
        loaded = li;
        lastReport = null;
        parameters.clear();
        viewer.setImage(fx);
        recent.add(li.path());
        rebuildRecentMenu();
        annotationPane.load(li);
        title.set("Provenant - " + li.fileName());
        var m = li.metadata();
        readout.setText(READOUT_HINT);
        fileInfo.setText(String.format(Locale.ROOT, "%s  %d x %d  %s %d-bit %s  SHA-256 %s...", li.fileName(),
                li.image().width(), li.image().height(), m == null ? "" : m.formatName().toUpperCase(Locale.ROOT),
                m == null ? 8 : m.bitsPerSample(), li.image().channels() == 1 ? "grey" : "RGB", li.sha256().substring(0, 12)));
        if (found.stored().isPresent()) showStored(found.stored().get());
        else analyse(found.partial().orElse(null));   // indicators stored for this file and models are not run again
        found.warning().ifPresent(this::showError);
    }

    /** Shows stored results of the case folder (same SHA-256 and models) without analysing again. */
    private void showStored(AnalysisReport r) {
        cancelAnalysis();
        overlayChoice.selectToggle(null);
        showOutcomes(r);
        lastReport = r;
        lastReportAt = java.time.Instant.now();
        setStatus("Stored results of the case folder shown (same SHA-256 and models): not analysed again");
        if (!overlayChoice.getToggles().isEmpty()) overlayChoice.selectToggle(firstOverlayToggle());
    }

    /** Starts (or restarts) the analysis of the loaded image. */
    public void analyse() {
        analyse(null);
    }

    /** Analyses the loaded image; the outcomes in {@code stored} (case folder, same file and models) are shown, not recomputed. */
    private void analyse(AnalysisReport stored) {
        if (loaded == null || background.isShutdown()) return;
        cancelAnalysis();
        overlayChoice.selectToggle(null);
        for (IndicatorPanel p : panels.values()) p.reset();
        for (String id : panels.keySet()) navigator.setGraphic(id, null);
        overview.reset();
        verdicts.resetAll("waiting");
        List<Indicator> todo = stored == null ? indicators
                : indicators.stream().filter(i -> stored.outcome(i.id()).isEmpty()).toList();
        if (stored != null) showOutcomes(stored);
        FloatImage image = loaded.image();
        String name = loaded.fileName();
        AnalysisTask[] self = new AnalysisTask[1];
        AnalysisListener fx = new AnalysisListener() {
            @Override public void started(String id) {
                if (shown != self[0]) return;
                panels.get(id).started();
                verdicts.running(id);
                overview.started(id);
            }

            @Override public void progress(String id, double f) {
                if (shown == self[0]) panels.get(id).progress(f);
            }

            @Override public void finished(IndicatorOutcome o) {
                if (shown != self[0]) return;
                panels.get(o.indicatorId()).finished(o);
                verdicts.finished(o);
                navigator.setGraphic(o.indicatorId(), tabDot(o));
                overview.finished(o);
            }
        };
        Map<String, String> params = Map.copyOf(parameters);   // results are stored under these settings, not the defaults'
        AnalysisTask t = new AnalysisTask(engine, AnalysisInput.of(loaded).withParameters(params), todo, fx);
        self[0] = t;
        task = t;
        shown = t;
        overall.progressProperty().bind(t.progressProperty());
        analysing.set(true);
        setStatus("Analysing " + name + "...");
        long t0 = System.nanoTime();
        t.setOnSucceeded(e -> {
            if (task != t) return;
            AnalysisReport r = stored == null ? t.getValue() : CaseLink.merge(indicators, stored, t.getValue());
            lastReport = r;
            LoadedImage analysed = loaded;
            if (!r.cancelled()) background.submit(() -> CaseLink.analysed(analysed, engine.models(), r, params));
            lastReportAt = java.time.Instant.now();
            ended();
            long ok = r.outcomes().stream().filter(IndicatorOutcome::ok).count();
            setStatus(String.format(Locale.ROOT, "Analysis %s in %.1f s: %d of %d indicators done",
                    r.cancelled() ? "cancelled" : "finished", (System.nanoTime() - t0) / 1e9, ok, r.outcomes().size()));
            if (overlayChoice.getSelectedToggle() == null && !overlayChoice.getToggles().isEmpty()) {
                overlayChoice.selectToggle(firstOverlayToggle());
            }
        });
        t.setOnCancelled(e -> {
            if (task != t) return;
            ended();
            setStatus("Analysis cancelled");
        });
        t.setOnFailed(e -> {
            if (task != t) return;
            ended();
            showError("Analysis of " + name + " stopped: " + t.getException().getMessage());
            setStatus("Analysis stopped");
        });
        background.submit(t);
    }

    /**
     * Runs one indicator again with changed examiner parameters (a panel's slider), through the engine in the
     * background; its panel, dot, verdict and overview card update as in a full analysis, and the report uses it.
     */
    private void rerun(String id, Map<String, String> changed) {
        if (loaded == null || analysing.get() || background.isShutdown()) return;
        Indicator ind = indicators.stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
        if (ind == null) return;
        parameters.putAll(changed);
        LoadedImage li = loaded;
        AnalysisTask t = new AnalysisTask(engine, AnalysisInput.of(li).withParameters(parameters), List.of(ind), new AnalysisListener() {
            @Override public void started(String i) {
                if (loaded == li) panels.get(i).started();
            }

            @Override public void finished(IndicatorOutcome o) {
                if (loaded != li) return;
                panels.get(o.indicatorId()).finished(o);
                verdicts.finished(o);
                navigator.setGraphic(o.indicatorId(), tabDot(o));
                overview.finished(o);
            }
        });
        t.setOnSucceeded(e -> {
            if (loaded == li) lastReport = OverviewViewModel.replace(lastReport, t.getValue());
            setStatus(ind.displayName() + " analysed again with " + changed);
        });
        background.submit(t);
    }

    private void showOutcomes(AnalysisReport r) {
        for (IndicatorOutcome o : r.outcomes()) {
            panels.get(o.indicatorId()).finished(o);
            verdicts.finished(o);
            navigator.setGraphic(o.indicatorId(), tabDot(o));
            overview.finished(o);
        }
    }

    /** A dot in the hypothesis colour on the tab of a finished indicator; a red-ringed grey one when it failed. */
    private static Circle tabDot(IndicatorOutcome o) {
        Circle c = new Circle(5);
        if (o.ok()) {
            c.setFill(Color.web(Formats.css(o.result().supports().rgb())));
        } else {
            c.setFill(Color.LIGHTGREY);
            c.setStroke(o.status() == IndicatorOutcome.Status.FAILED ? Color.web("#c62828") : Color.GREY);
            c.setStrokeWidth(2);
        }
        return c;
    }

    private Toggle firstOverlayToggle() {
        // panel order, not the order in which the panels happened to finish
        for (IndicatorPanel p : panels.values()) {
            if (p instanceof GenericIndicatorPanel g && !g.overlayToggles().isEmpty()) return g.overlayToggles().get(0);
        }
        return overlayChoice.getToggles().get(0);
    }

    private void ended() {
        overall.progressProperty().unbind();
        analysing.set(false);
        task = null;
    }

    /** Stops the running analysis; the indicators stop at their next check and show "cancelled". */
    public void cancelAnalysis() {
        AnalysisTask t = task;
        if (t != null && !t.isDone()) t.cancel();
    }

    /** The viewer's loupe (and the image/map toggle). */
    public LoupeView loupe() { return loupe; }

    /** The Overview's state (for tests). */
    public OverviewViewModel overview() { return overview; }

    /** The right-hand panels grouped by family (for tests). */
    public PanelNavigator navigator() { return navigator; }

    /** Brings the Overview to the front. */
    public void showOverview() { tabPane.getSelectionModel().select(0); }

    /** Draws the first map of an indicator's panel over the image. */
    public void selectOverlayOf(String indicatorId) {
        if (panels.get(indicatorId) instanceof GenericIndicatorPanel g && !g.overlayToggles().isEmpty()) {
            overlayChoice.selectToggle(g.overlayToggles().get(0));
        }
    }

    public void showPanel(String indicatorId) {
        navigator.show(indicatorId);
    }

    /** Shows an error line in the banner above the image; the window stays usable. */
    public void showError(String message) {
        banner.setText(message);
        bannerBox.setVisible(true);
        bannerBox.setManaged(true);
        trace.accept("error: " + message);
    }

    private void hideError() {
        bannerBox.setVisible(false);
        bannerBox.setManaged(false);
    }

    private void setStatus(String s) {
        status.setText(s);
        trace.accept(s);
    }

    private void showOverlay(Toggle t) {
        if (shownOverlay != null) viewer.layers().remove(shownOverlay);
        shownOverlay = t == null ? null : (MapOverlayLayer) t.getUserData();
        if (shownOverlay != null) {
            viewer.layers().add(0, shownOverlay);
            loupe.setOverlay(shownOverlay);
            MapLayer m = shownOverlay.mapLayer();
            overlayCaption.setText("Heat map over the image: " + m.name() + " (" + shownOverlay.source() + ")\n"
                    + "opacity and outlines in its panel; \"Hide heat map\" shows the plain image");
            overlayLegend.setImage(MapImages.of(m).legend());
        }
        if (shownOverlay == null) loupe.setOverlay(null);
        overlayCaption.setVisible(shownOverlay != null);
        viewer.repaint();
    }

    private void updateReadout(Point2D p) {
        if (p == null || loaded == null) {
            readout.setText(loaded == null ? "" : READOUT_HINT);
            return;
        }
        FloatImage img = loaded.image();
        int x = (int) Math.min(img.width() - 1, Math.floor(p.getX()));
        int y = (int) Math.min(img.height() - 1, Math.floor(p.getY()));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "x %d  y %d   ", x, y));
        if (img.channels() >= 3) {
            sb.append(String.format(Locale.ROOT, "R %d  G %d  B %d", v8(img.get(0, x, y)), v8(img.get(1, x, y)), v8(img.get(2, x, y))));
        } else {
            sb.append(String.format(Locale.ROOT, "grey %d", v8(img.get(0, x, y))));
        }
        if (shownOverlay != null) {
            String d = shownOverlay.describe(p.getX(), p.getY());
            if (d != null) sb.append("   ").append(d);
        }
        readout.setText(sb.toString());
    }

    private static int v8(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }

    private void chooseFile() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open an image to analyse");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.tif", "*.tiff", "*.webp", "*.bmp"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        if (loaded != null && loaded.path().getParent() != null && Files.isDirectory(loaded.path().getParent())) {
            fc.setInitialDirectory(loaded.path().getParent().toFile());
        }
        Window w = getScene() == null ? null : getScene().getWindow();
        File f = fc.showOpenDialog(w);
        if (f != null) open(f.toPath());
    }

    private void rebuildRecentMenu() {
        List<MenuItem> items = new ArrayList<>();
        for (Path p : recent.list()) {
            MenuItem mi = new MenuItem(p.getFileName() + "  (" + (p.getParent() == null ? "" : p.getParent()) + ")");
            mi.setMnemonicParsing(false);
            mi.setOnAction(e -> open(p));
            items.add(mi);
        }
        if (items.isEmpty()) {
            MenuItem none = new MenuItem("(no recent files)");
            none.setDisable(true);
            items.add(none);
        }
        recentMenu.getItems().setAll(items);
    }

    /** The recent-files menu's entries (for tests). */
    public List<MenuItem> recentMenuItems() {
        return List.copyOf(recentMenu.getItems());
    }

    /** Brings the annotation list to the front. */
    public void showAnnotations() { tabPane.getSelectionModel().select(notesTab); }

    /** The annotations and case data of the open evidence. */
    public AnnotationPane annotations() { return annotationPane; }

    /** How "Export report..." asks for the PDF file (tests inject their own). */
    public void setReportChooser(ReportExport.Chooser chooser) { this.reportChooser = chooser; }

    /** Asks for the PDF file ({@link #setReportChooser}) and exports the report there. */
    public void exportReport() {
        if (loaded == null) {
            showError("Open an image before exporting a report");
            return;
        }
        Path out = reportChooser.apply(getScene() == null ? null : getScene().getWindow(), ReportExport.defaultTarget(loaded));
        if (out != null) exportReport(out);
    }

    /**
     * Writes the PDF report of the image on screen in the background: its finished analysis (when there is none,
     * e.g. after a cancel, the image is analysed first), the annotations and the case data shown in the window.
     * The status bar says where it was written, the error banner why not; {@link #exportedProperty()} names the file
     * once written.
     */
    public void exportReport(Path out) {
        if (loaded == null) {
            showError("Open and analyse an image before exporting a report");
            return;
        }
        if (background.isShutdown()) return;
        String refused = ReportExport.refusal(out, List.of(loaded.path()));
        if (refused != null) {
            showError(refused);
            return;
        }
        LoadedImage li = loaded;
        AnalysisReport done = lastReport != null && !lastReport.cancelled() ? lastReport : null;
        java.time.Instant at = lastReportAt;
        org.provenant.report.casefile.CaseFile cf = annotationPane.caseFile().withAnnotations(annotationPane.annotations());
        List<org.provenant.ml.ModelEntry> models = engine.models().entries();
        Map<String, String> params = Map.copyOf(parameters);
        Task<Integer> t = new Task<>() {
            @Override protected Integer call() throws Exception {
                AnalysisReport rep = done;
                java.time.Instant when = at;
                if (rep == null) {
                    when = java.time.Instant.now();
                    rep = engine.analyze(AnalysisInput.of(li).withParameters(params), indicators, AnalysisListener.NONE);
                }
                return ReportExport.write(List.of(new org.provenant.report.EvidenceAnalysis(li, rep, when, cf.annotations(),
                                cf.evidenceSha256())),
                        List.of(cf), models, out);
            }
        };
        t.setOnSucceeded(e -> {
            setStatus(ReportExport.written(out, t.getValue()));
            exported.set(out);
        });
        t.setOnFailed(e -> showError(ReportExport.failed(out, t.getException())));
        setStatus("Writing the report " + out.getFileName() + (done == null ? " (analysing the image first)..." : "..."));
        background.submit(t);
    }

    /** File > Compare...: picks 1 to 3 more images to compare with the open one. */
    private void chooseComparison() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Choose 1 to 3 images to compare with the open one");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.tif", "*.tiff", "*.webp", "*.bmp"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        List<File> files = fc.showOpenMultipleDialog(getScene() == null ? null : getScene().getWindow());
        if (files == null || files.isEmpty()) return;
        List<Path> paths = new ArrayList<>();
        if (loaded != null) paths.add(loaded.path());
        for (File f : files) if (!paths.contains(f.toPath())) paths.add(f.toPath());
        if (paths.size() < 2 || paths.size() > ComparisonView.MAX_IMAGES) {
            showError("A comparison needs 2 to " + ComparisonView.MAX_IMAGES + " images (the open one included), not " + paths.size());
            return;
        }
        ComparisonView.show(paths, indicators, engine, reportChooser, getScene() == null ? null : getScene().getStylesheets());
    }

    /** The case folder entries of the File menu (case view, New/Open case). */
    CaseMenu caseMenu() { return caseMenu; }

    /** Cancels any analysis and stops the window's background threads. */
    public void dispose() {
        cancelAnalysis();
        background.shutdownNow();
    }
}
