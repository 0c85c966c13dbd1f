package org.provenant.app.comparison;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
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
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.StringConverter;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisReport;
import org.provenant.app.annotation.AnnotationLayer;
import org.provenant.app.casework.CaseSession;
import org.provenant.app.casework.ReportExport;
import org.provenant.app.common.MapImages;
import org.provenant.app.viewer.ImageViewer;
import org.provenant.app.viewer.MapOverlayLayer;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.MapLayer;
import org.provenant.report.PdfReport;

/**
 * Two to four images side by side: one {@link ImageViewer} each, zoom and pan synchronised, each image analysed in
 * the background (progress per image, one cancel for all), one indicator chosen for all (its heat map over every
 * image, its scores under each), and a summary table of every indicator's headline score per image
 * ({@link ComparisonTable}). A row whose scores differ (the report's rule, {@link PdfReport#differs}) is tinted, the
 * image that departs most from the others is marked, and the spread is said in words. "Export report..." writes one
 * comparison PDF. The state and actions (analyses, results stored in the case folder through the case workflow ({@link CaseSession#lookup}),
 * rows, status) are in the {@link ComparisonViewModel}; this view lays out and binds.
 */
public final class ComparisonView extends BorderPane {
    public static final int MAX_IMAGES = ComparisonViewModel.MAX_IMAGES;
    /** How an image's state begins when its results came from the case folder. */
    static final String STORED = ComparisonViewModel.STORED;

    /** One compared image: its viewer, marks and labels over the model's {@link ComparisonViewModel.Item}. */
    public static final class Entry {
        final ComparisonViewModel.Item item;
        final ImageViewer viewer = new ImageViewer();
        final AnnotationLayer marks = new AnnotationLayer(viewer);
        final Label state = new Label();
        final Label scores = new Label();
        final ProgressBar progress = new ProgressBar(0);
        MapOverlayLayer overlay;

        Entry(ComparisonViewModel.Item item) {
            this.item = item;
            state.textProperty().bind(item.stateProperty());
            scores.textProperty().bind(item.scoresProperty());
            progress.progressProperty().bind(item.progressProperty());
            progress.visibleProperty().bind(item.endedProperty().not());   // still managed: the viewers keep their size
        }

        public ImageViewer viewer() { return viewer; }
        public AnalysisReport report() { return item.report(); }
        public String stateText() { return state.getText(); }
        public String scoresText() { return scores.getText(); }
        public MapOverlayLayer overlay() { return overlay; }
    }

    private final ComparisonViewModel model;
    private final List<Entry> entries = new ArrayList<>();
    private final ComboBox<Indicator> choice = new ComboBox<>();
    private final ComparisonTable table;
    private final Label status = new Label();
    private final ImageView legend = new ImageView();
    private final Label legendCaption = new Label();
    private ReportExport.Chooser chooser = ReportExport.DIALOG;

    public ComparisonView(List<Path> images, List<Indicator> indicators, AnalysisEngine engine, CaseSession session) {
        model = new ComparisonViewModel(images, indicators, engine, session);
        getStyleClass().add("workbench");
        for (ComparisonViewModel.Item it : model.items()) entries.add(new Entry(it));
        for (int i = 1; i < entries.size(); i++) entries.get(0).viewer.synchronizeWith(entries.get(i).viewer);
        for (Entry e : entries) e.viewer.setAutoFitting(this::fitAll);   // a resized viewer re-fits them all, never alone

        choice.setId("compare-indicator");
        choice.getItems().setAll(model.indicators());
        choice.setConverter(new StringConverter<>() {
            @Override public String toString(Indicator i) { return i == null ? "" : i.displayName(); }
            @Override public Indicator fromString(String s) { return null; }
        });
        choice.valueProperty().bindBidirectional(model.chosenProperty());
        choice.valueProperty().addListener((o, a, b) -> showMaps());
        setTop(toolBar());

        HBox cells = new HBox(8);
        cells.setPadding(new Insets(8));
        for (int i = 0; i < entries.size(); i++) cells.getChildren().add(cell(i, entries.get(i)));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) names.add("#" + (i + 1) + " " + entries.get(i).item.path().getFileName());
        table = new ComparisonTable(names);
        ScrollPane sp = new ScrollPane(table.node());
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
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        setCenter(split);
        status.setId("compare-status");
        status.textProperty().bind(model.statusProperty());
        HBox statusBar = new HBox(status);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setPadding(new Insets(4, 8, 4, 8));
        setBottom(statusBar);

        table.show(model.rows());
        model.rows().addListener((ListChangeListener<ComparisonSummary.Row>) c -> table.show(model.rows()));
        model.finishedProperty().addListener((o, was, now) -> {
            if (now) Platform.runLater(this::fitAll);   // after the layout of the last results
        });
        model.start();
    }

    private ToolBar toolBar() {
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
        cancel.disableProperty().bind(model.finishedProperty());
        Button export = new Button("Export report...");
        export.setId("compare-export");
        export.setTooltip(new Tooltip("One PDF with every image, the summary table and each image's pages"));
        export.setOnAction(e -> exportReport());
        Label show = new Label("Indicator shown on every image:");
        legend.setId("compare-legend");
        legendCaption.getStyleClass().add("muted");
        legendCaption.setWrapText(true);
        legendCaption.setMaxWidth(420);
        return new ToolBar(show, choice, new Separator(), fit, in, out, new Separator(), cancel, export,
                new Separator(), legendCaption);
    }

    private VBox cell(int i, Entry e) {
        Label name = new Label("#" + (i + 1) + "  " + e.item.path().getFileName());
        name.getStyleClass().add("panel-title");
        name.setMnemonicParsing(false);
        e.viewer.setPrefSize(360, 300);
        e.state.setWrapText(true);
        e.scores.setWrapText(true);
        e.scores.getStyleClass().add("score-row-meaning");
        e.progress.setMaxWidth(Double.MAX_VALUE);
        e.viewer.setId("compare-viewer-" + i);
        e.item.unreadableProperty().addListener((o, was, now) -> {
            if (now) e.state.getStyleClass().add("panel-error");
        });
        e.item.pictureProperty().addListener((o, was, now) -> {
            e.viewer.setImage(SwingFXUtils.toFXImage(now, null));
            e.marks.annotations().setAll(e.item.caseFile().annotations());
            fitAll();
        });
        e.item.endedProperty().addListener((o, was, now) -> showMaps());
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

    /** The comparison's state and actions. */
    public ComparisonViewModel model() { return model; }
    public List<Entry> entries() { return List.copyOf(entries); }
    /** True once every image is analysed, failed to open, or cancelled. */
    public ReadOnlyBooleanProperty finishedProperty() { return model.finishedProperty(); }
    public ComboBox<Indicator> indicatorChoice() { return choice; }
    public GridPane summary() { return table.node(); }
    public String statusText() { return status.getText(); }
    public void setReportChooser(ReportExport.Chooser c) { this.chooser = c; }
    public void setTrace(Consumer<String> trace) { model.setTrace(trace); }

    /** Opens the comparison in its own window. */
    public static ComparisonView show(List<Path> images, List<Indicator> indicators, AnalysisEngine engine, CaseSession session,
                                      ReportExport.Chooser chooser, List<String> stylesheets) {
        ComparisonView v = new ComparisonView(images, indicators, engine, session);
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
    public void cancel() { model.cancel(); }

    /** Lays the chosen indicator's heat map over every image (its scores under each are the model's). */
    private void showMaps() {
        Indicator ind = choice.getValue();
        for (Entry e : entries) {
            if (e.overlay != null) e.viewer.layers().remove(e.overlay);
            e.overlay = null;
            MapLayer m = ComparisonViewModel.overlayMap(ind, e.item.report());
            if (m != null && e.item.image() != null) {
                e.overlay = new MapOverlayLayer(m, ind.displayName(), e.item.image().image().width(), e.item.image().image().height());
                e.viewer.layers().add(0, e.overlay);
            }
        }
        MapOverlayLayer any = entries.stream().map(x -> x.overlay).filter(Objects::nonNull).findFirst().orElse(null);
        legend.setImage(any == null ? null : MapImages.of(any.mapLayer()).legend());
        legendCaption.setText(any == null ? "" : "Heat map over each image: " + any.mapLayer().name() + " (colour scale at the bottom left of #1)");
        for (Entry e : entries) e.viewer.repaint();
    }

    /** Asks for the PDF file ({@link #setReportChooser}) and exports the comparison report there. */
    public void exportReport() {
        if (!model.exportable()) return;
        Path out = chooser.apply(getScene() == null ? null : getScene().getWindow(),
                ReportExport.reportFolder(model.session()).resolve("comparison-report.pdf"));
        if (out != null) exportReport(out);
    }

    /**
     * Writes one comparison PDF of the images that opened, in the background ({@link ComparisonViewModel#exportReport});
     * {@link #exportedProperty()} names the file once written.
     */
    public void exportReport(Path out) { model.exportReport(out); }

    /** The last report file written. */
    public ReadOnlyObjectProperty<Path> exportedProperty() { return model.exportedProperty(); }

    /** Cancels the analyses and stops the background threads. */
    public void dispose() { model.dispose(); }
}
