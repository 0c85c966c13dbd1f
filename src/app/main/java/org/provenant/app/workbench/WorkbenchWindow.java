package org.provenant.app.workbench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisReport;
import org.provenant.app.annotation.AnnotationPane;
import org.provenant.app.casework.CaseSession;
import org.provenant.app.casework.ReportExport;
import org.provenant.app.common.AnalysisTask;
import org.provenant.app.common.MapImages;
import org.provenant.app.comparison.ComparisonView;
import org.provenant.app.panels.IndicatorPanel;
import org.provenant.app.panels.PanelContext;
import org.provenant.app.panels.PanelNavigator;
import org.provenant.app.panels.PanelRegistry;
import org.provenant.app.viewer.ImageViewer;
import org.provenant.app.viewer.LoupeView;
import org.provenant.app.viewer.MapOverlayLayer;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.MapLayer;

/**
 * The workbench: image viewer on the left, one tab per indicator on the right, the verdict strip and the status
 * bar below. Its state and actions (open image, analysis, progress and cancel, stored results, status line, report
 * export) are in the {@link WorkbenchViewModel}; this view lays out, binds and shows an analysis in the panels. The
 * menu, tool and status bars are built by {@link WorkbenchBars}. The indicator list, the engine and the panel
 * registry are given to the constructor, so that tests can inject their own indicators.
 */
public final class WorkbenchWindow extends BorderPane {
    /** Shown in the read-out while the mouse is not over the image. */
    static final String READOUT_HINT = WorkbenchViewModel.READOUT_HINT;
    private final WorkbenchViewModel model;
    private final ImageViewer viewer = new ImageViewer();
    private final ToggleGroup overlayChoice = new ToggleGroup();
    private final WorkbenchPanels panels;
    private final TabPane tabPane;
    private final PanelNavigator navigator;
    private final LoupeView loupe = new LoupeView(viewer);
    private final VerdictStrip verdicts;
    private final Label banner = new Label();
    private final HBox bannerBox;
    private final Label readout = new Label();
    private final Label overlayCaption = new Label();
    private final ImageView overlayLegend = new ImageView();
    private final StartScreen start;
    private final WorkbenchBars bars;
    private final AnnotationPane annotationPane;
    private final Tab notesTab;
    private final CaseMenu caseMenu;
    private MapOverlayLayer shownOverlay;
    private ReportExport.Chooser reportChooser = ReportExport.DIALOG;

    public WorkbenchWindow(List<Indicator> indicators, AnalysisEngine engine, PanelRegistry registry, RecentFiles recent,
                           CaseSession session) {
        model = new WorkbenchViewModel(indicators, engine, recent, session);
        start = new StartScreen(model, this::chooseFile);
        getStyleClass().add("workbench");
        PanelContext ctx = new PanelContext(viewer, overlayChoice, model::rerun, model::parameters);
        Tab overviewTab = new Tab("Overview", new OverviewTab(model.overview(), this::showPanel).node());
        overviewTab.setId("tab-overview");
        navigator = new PanelNavigator(overviewTab);
        tabPane = navigator.tabPane();
        verdicts = new VerdictStrip(model.indicators(), this::showPanel);
        panels = new WorkbenchPanels(model.indicators(), registry, ctx, navigator, verdicts, this::imageShown);
        annotationPane = new AnnotationPane(viewer, session, this::showError);
        notesTab = new Tab("Annotations", annotationPane.node());
        notesTab.setClosable(false);
        notesTab.setId("tab-annotations");
        tabPane.getTabs().add(notesTab);
        overlayChoice.selectedToggleProperty().addListener((o, old, now) -> showOverlay(now));

        banner.setId("error-banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(banner, Priority.ALWAYS);
        Button dismiss = new Button("Dismiss");
        dismiss.setOnAction(e -> model.hideError());
        bannerBox = new HBox(10, banner, dismiss);
        bannerBox.getStyleClass().add("error-banner");
        bannerBox.setAlignment(Pos.CENTER_LEFT);
        bannerBox.setPadding(new Insets(6, 10, 6, 10));
        model.errorProperty().addListener((o, old, now) -> showBanner(now));
        showBanner(null);

        caseMenu = new CaseMenu(this, model.indicators(), engine, session, model.background(), this::showError);
        bars = new WorkbenchBars(this, model, viewer, overlayChoice);
        setTop(new VBox(bars.menuBar(caseMenu.items()), bars.toolBar(loupe), bannerBox));
        setCenter(centre());
        setBottom(new VBox(verdicts, bars.statusBar(readout)));

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
        model.setDisplay(panels);
    }

    /** A newly loaded image (the viewer shows it): its annotations, the recent files, the read-out's hint. */
    private void imageShown(LoadedImage li) {
        bars.rebuildRecentMenu();
        annotationPane.load(li);
        readout.setText(READOUT_HINT);
    }

    private void showBanner(String message) {
        if (message != null) banner.setText(message);
        bannerBox.setVisible(message != null);
        bannerBox.setManaged(message != null);
    }

    private SplitPane centre() {
        start.visibleProperty().bind(viewer.imageProperty().isNull().and(model.loadingProperty().not()));
        start.managedProperty().bind(start.visibleProperty());
        overlayCaption.getStyleClass().add("overlay-caption");
        overlayCaption.setVisible(false);
        overlayCaption.setMouseTransparent(true);
        StackPane.setAlignment(overlayCaption, Pos.TOP_LEFT);
        StackPane.setMargin(overlayCaption, new Insets(8));
        overlayLegend.setId("overlay-legend");
        overlayLegend.setMouseTransparent(true);
        overlayLegend.setOpacity(0.9);
        overlayLegend.visibleProperty().bind(overlayCaption.visibleProperty());
        StackPane.setAlignment(overlayLegend, Pos.BOTTOM_LEFT);
        StackPane.setMargin(overlayLegend, new Insets(8));
        StackPane viewerPane = new StackPane(viewer, start, overlayCaption, overlayLegend, loupe.node());
        viewerPane.setMinWidth(300);
        tabPane.setMinWidth(380);
        tabPane.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(viewerPane, tabPane);
        split.setDividerPositions(0.56);
        return split;
    }

    // ---- public API -------------------------------------------------------------------------------------------

    /** The window's state and actions. */
    public WorkbenchViewModel model() { return model; }
    public ImageViewer viewer() { return viewer; }
    public IndicatorPanel panel(String indicatorId) { return panels.panel(indicatorId); }
    public VerdictStrip verdicts() { return verdicts; }
    public LoadedImage loadedImage() { return model.loadedImage(); }
    /** The report of the last analysis that ran to its end, or null (also after a cancel). */
    public AnalysisReport lastReport() { return model.lastReport(); }
    /** The last report file written by {@link #exportReport}. */
    public ReadOnlyObjectProperty<Path> exportedProperty() { return model.exportedProperty(); }
    public ReadOnlyBooleanProperty analysingProperty() { return model.analysingProperty(); }
    public ReadOnlyBooleanProperty loadingProperty() { return model.loadingProperty(); }
    public ReadOnlyStringProperty titleProperty() { return model.titleProperty(); }
    /** The error shown in the banner, or null when none is shown. */
    public String errorText() { return bannerBox.isVisible() ? banner.getText() : null; }
    public String statusText() { return model.statusProperty().get(); }
    /** The running analysis task, or null. */
    public AnalysisTask analysisTask() { return model.analysisTask(); }
    /** The sample offered by File > Open sample image. */
    public void setSample(Path sample) { model.setSample(sample); }
    /** Receives every status line (the screenshot script waits for "analysis finished"). */
    public void setTrace(Consumer<String> trace) { model.setTrace(trace); }

    /**
     * Loads the file in the background, then analyses it (cancelling the analysis of the previous image); a bad file
     * shows an error and changes nothing else.
     */
    public void open(Path file) { model.open(file); }

    /** Starts (or restarts) the analysis of the loaded image. */
    public void analyse() { model.analyse(); }

    /** Stops the running analysis; the indicators stop at their next check and show "cancelled". */
    public void cancelAnalysis() { model.cancelAnalysis(); }

    /** The viewer's loupe (and the image/map toggle). */
    public LoupeView loupe() { return loupe; }

    /** The Overview's state (for tests). */
    public OverviewViewModel overview() { return model.overview(); }

    /** The right-hand panels grouped by family (for tests). */
    public PanelNavigator navigator() { return navigator; }

    /** Brings the Overview to the front. */
    public void showOverview() { tabPane.getSelectionModel().select(0); }

    /** Draws the first map of an indicator's panel over the image. */
    public void selectOverlayOf(String indicatorId) { panels.selectOverlayOf(indicatorId); }

    public void showPanel(String indicatorId) {
        navigator.show(indicatorId);
    }

    /** Shows an error line in the banner above the image; the window stays usable. */
    public void showError(String message) { model.showError(message); }

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
        String mapValue = p == null || shownOverlay == null ? null : shownOverlay.describe(p.getX(), p.getY());
        readout.setText(p == null ? model.readout(null, null, null) : model.readout(p.getX(), p.getY(), mapValue));
    }

    void chooseFile() {
        FileChooser fc = imageChooser("Open an image to analyse");
        LoadedImage loaded = model.loadedImage();
        if (loaded != null && loaded.path().getParent() != null && Files.isDirectory(loaded.path().getParent())) {
            fc.setInitialDirectory(loaded.path().getParent().toFile());
        }
        File f = fc.showOpenDialog(owner());
        if (f != null) open(f.toPath());
    }

    private static FileChooser imageChooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.tif", "*.tiff", "*.webp", "*.bmp"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        return fc;
    }

    private Window owner() {
        return getScene() == null ? null : getScene().getWindow();
    }

    /** The recent-files menu's entries (for tests). */
    public List<MenuItem> recentMenuItems() { return bars.recentMenuItems(); }

    /** Brings the annotation list to the front. */
    public void showAnnotations() { tabPane.getSelectionModel().select(notesTab); }

    /** The annotations and case data of the open evidence. */
    public AnnotationPane annotations() { return annotationPane; }

    /** How "Export report..." asks for the PDF file (tests inject their own). */
    public void setReportChooser(ReportExport.Chooser chooser) { this.reportChooser = chooser; }

    /** Asks for the PDF file ({@link #setReportChooser}) and exports the report there. */
    public void exportReport() {
        LoadedImage loaded = model.loadedImage();
        if (loaded == null) {
            showError("Open an image before exporting a report");
            return;
        }
        Path out = reportChooser.apply(owner(), ReportExport.defaultTarget(loaded, model.session()));
        if (out != null) exportReport(out);
    }

    /**
     * Writes the PDF report of the image on screen in the background ({@link WorkbenchViewModel#exportReport}) with
     * the annotations and the case data shown in the window; {@link #exportedProperty()} names the file once written.
     */
    public void exportReport(Path out) {
        model.exportReport(out, () -> annotationPane.caseFile().withAnnotations(annotationPane.annotations()));
    }

    /** File > Compare...: picks 1 to 3 more images to compare with the open one. */
    void chooseComparison() {
        List<File> files = imageChooser("Choose 1 to 3 images to compare with the open one").showOpenMultipleDialog(owner());
        if (files == null || files.isEmpty()) return;
        List<Path> paths = model.comparisonPaths(files.stream().map(File::toPath).toList());
        if (paths != null) {
            ComparisonView.show(paths, model.indicators(), model.engine(), model.session(), reportChooser,
                    getScene() == null ? null : getScene().getStylesheets());
        }
    }

    /** The case folder entries of the File menu (case view, New/Open case). */
    public CaseMenu caseMenu() { return caseMenu; }

    /** Cancels any analysis and stops the window's background threads. */
    public void dispose() { model.dispose(); }
}
