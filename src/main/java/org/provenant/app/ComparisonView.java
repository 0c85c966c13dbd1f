package org.provenant.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.core.io.ImageLoadException;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.report.EvidenceAnalysis;
import org.provenant.report.PdfReport;
import org.provenant.report.ReportRequest;
import org.provenant.report.casefile.CaseFile;
import org.provenant.report.casefile.CaseFileException;
import org.provenant.report.casefile.CaseFiles;

/**
 * 2 to 4 suspect images side by side: one viewer each with zoom and pan synchronised, the same indicator's heat
 * map over each, its headline score under each, and the scores highlighted where they differ (the PDF report's
 * rule, {@link PdfReport#differs}). "Export comparison report" writes the one PDF for all of them.
 */
public final class ComparisonView extends BorderPane {
    private final List<Indicator> indicators;
    private final AnalysisEngine engine;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "provenant-comparison");
        t.setDaemon(true);
        return t;
    });
    private final ChoiceBox<Indicator> choice = new ChoiceBox<>();
    private final GridPane grid = new GridPane();
    private final Label status = new Label("Choose 2 to " + PdfReport.MAX_IMAGES + " images");
    private final Button export = new Button("Export comparison report...");
    private final Label verdict = new Label();
    private final List<ImageViewer> viewers = new ArrayList<>();
    private final List<Label> scores = new ArrayList<>();
    private final List<EvidenceAnalysis> analyses = new ArrayList<>();
    private final List<CaseFile> caseFiles = new ArrayList<>();
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private final ReadOnlyObjectWrapper<Path> exported = new ReadOnlyObjectWrapper<>(this, "exported");

    public ComparisonView(List<Indicator> indicators, AnalysisEngine engine) {
        this.indicators = List.copyOf(indicators);
        this.engine = engine;
        getStyleClass().add("comparison");
        choice.getItems().setAll(this.indicators);
        choice.setConverter(new StringConverter<>() {
            @Override public String toString(Indicator i) { return i == null ? "" : i.displayName(); }
            @Override public Indicator fromString(String s) { return null; }
        });
        choice.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showIndicator());
        choice.setId("comparison-indicator");
        export.setId("comparison-export");
        export.disableProperty().bind(ready.not());
        export.setOnAction(e -> chooseReportFile());
        status.setId("comparison-status");
        grid.setHgap(8);
        grid.setVgap(4);
        grid.setPadding(new Insets(8));
        verdict.setId("comparison-verdict");
        setTop(new ToolBar(new Label("Indicator:"), choice, verdict, export));
        setCenter(grid);
        BorderPane.setMargin(status, new Insets(4, 8, 4, 8));
        setBottom(status);
    }

    /** Opens a window comparing the files (2 to 4). */
    public static ComparisonView openWindow(Window owner, List<Indicator> indicators, AnalysisEngine engine, List<Path> files) {
        ComparisonView v = new ComparisonView(indicators, engine);
        Stage s = new Stage();
        if (owner != null) s.initOwner(owner);
        s.setTitle("Provenant: comparison of " + files.size() + " images");
        Scene scene = new Scene(v, 1300, 800);
        var css = WorkbenchApp.class.getResource("workbench.css");
        if (css != null) scene.getStylesheets().add(css.toExternalForm());
        s.setScene(scene);
        s.setOnHidden(e -> v.dispose());
        s.show();
        v.open(files);
        return v;
    }

    /** Loads and analyses the files in the background, then shows them. */
    public void open(List<Path> files) {
        if (files.size() < 2 || files.size() > PdfReport.MAX_IMAGES) {
            status.setText("A comparison needs 2 to " + PdfReport.MAX_IMAGES + " images, not " + files.size());
            return;
        }
        ready.set(false);
        status.setText("Loading and analysing " + files.size() + " images...");
        background.submit(() -> {
            List<EvidenceAnalysis> evs = new ArrayList<>();
            List<CaseFile> cfs = new ArrayList<>();
            List<javafx.scene.image.Image> pics = new ArrayList<>();
            StringBuilder notes = new StringBuilder();
            try {
                ImageLoader loader = new ImageLoader();
                for (Path f : files) {
                    LoadedImage li = loader.load(f);
                    CaseFile cf = CaseFile.empty();
                    try {
                        cf = CaseFiles.load(f).orElse(CaseFile.empty());
                    } catch (CaseFileException e) {
                        notes.append(" ").append(e.getMessage()).append(" (ignored).");
                    }
                    Instant when = Instant.now();
                    AnalysisReport rep = engine.analyze(li.image(), indicators, AnalysisListener.NONE);
                    evs.add(new EvidenceAnalysis(li, rep, when, cf.annotations()));
                    cfs.add(cf);
                    pics.add(SwingFXUtils.toFXImage(li.image().toBufferedImage(), null));
                }
            } catch (ImageLoadException e) {
                Platform.runLater(() -> status.setText(e.getMessage()));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Platform.runLater(() -> show(evs, cfs, pics, notes.toString()));
        });
    }

    private void show(List<EvidenceAnalysis> evs, List<CaseFile> cfs, List<javafx.scene.image.Image> pics, String notes) {
        analyses.clear();
        analyses.addAll(evs);
        caseFiles.clear();
        caseFiles.addAll(cfs);
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        viewers.clear();
        scores.clear();
        int cols = evs.size() <= 2 ? evs.size() : 2;
        for (int i = 0; i < evs.size(); i++) {
            ImageViewer v = new ImageViewer();
            v.setImage(pics.get(i));
            v.setMinSize(200, 150);
            if (i > 0) v.synchronizeWith(viewers.get(0));
            Label name = new Label("#" + (i + 1) + "  " + evs.get(i).image().fileName());
            name.getStyleClass().add("comparison-name");
            Label score = new Label();
            score.getStyleClass().add("comparison-score");
            score.setWrapText(true);
            score.setMaxWidth(Double.MAX_VALUE);
            VBox box = new VBox(4, name, v, score);
            VBox.setVgrow(v, Priority.ALWAYS);
            GridPane.setHgrow(box, Priority.ALWAYS);
            GridPane.setVgrow(box, Priority.ALWAYS);
            grid.add(box, i % cols, i / cols);
            viewers.add(v);
            scores.add(score);
        }
        if (choice.getSelectionModel().getSelectedItem() == null && !indicators.isEmpty()) choice.getSelectionModel().select(0);
        else showIndicator();
        Platform.runLater(() -> viewers.get(0).fit());
        status.setText("Compared " + evs.size() + " images; zoom and pan move all of them together." + notes);
        ready.set(true);
    }

    /** The chosen indicator's first heat map over each image and its headline score under it. */
    private void showIndicator() {
        Indicator ind = choice.getSelectionModel().getSelectedItem();
        if (ind == null || analyses.isEmpty()) return;
        List<IndicatorOutcome> outs = new ArrayList<>();
        for (EvidenceAnalysis e : analyses) outs.add(e.analysis().outcome(ind.id()).orElse(null));
        boolean differs = PdfReport.differs(outs);
        verdict.setText(differs ? "Differs between the images (highlighted)"
                : "Same lean, headline scores within " + Math.round(PdfReport.COMPARISON_RELATIVE_DIFFERENCE * 100) + " %");
        verdict.setStyle(differs ? "-fx-font-weight: bold; -fx-background-color: #fff0a8; -fx-padding: 2 6 2 6;" : "-fx-padding: 2 6 2 6;");
        for (int i = 0; i < outs.size(); i++) {
            IndicatorOutcome o = outs.get(i);
            ImageViewer v = viewers.get(i);
            v.layers().clear();
            Label l = scores.get(i);
            l.getStyleClass().remove("differs");
            if (o == null || !o.ok()) {
                l.setText(ind.displayName() + ": " + (o == null ? "not run" : o.status().name().toLowerCase(java.util.Locale.ROOT)
                        + (o.error() == null ? "" : " - " + o.error())));
                l.setStyle("");
            } else {
                IndicatorResult r = o.result();
                l.setText(r.headline().label() + ": " + Formats.value(r.headline().value()) + " - " + r.supports().phrase()
                        + String.format(java.util.Locale.ROOT, " (confidence %.2f)", r.confidence()));
                l.setStyle("-fx-text-fill: " + Formats.css(r.supports().rgb()) + ";");
                for (MapLayer m : r.maps()) {
                    if (m.overlay()) {
                        LoadedImage li = analyses.get(i).image();
                        v.layers().add(new MapOverlayLayer(m, ind.displayName(), li.image().width(), li.image().height()));
                        break;
                    }
                }
            }
            if (differs) {
                l.getStyleClass().add("differs");
                l.setStyle(l.getStyle() + "-fx-background-color: #fff0a8; -fx-font-weight: bold;");
            }
            v.repaint();
        }
    }

    private void chooseReportFile() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export comparison report");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF report", "*.pdf"));
        Path first = analyses.get(0).image().path().toAbsolutePath();
        fc.setInitialDirectory(first.getParent().toFile());
        fc.setInitialFileName("comparison-report.pdf");
        java.io.File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) exportReport(f.toPath());
    }

    /** Writes the comparison PDF in the background; {@link #exportedProperty()} names it once written. */
    public void exportReport(Path out) {
        if (!ready.get()) return;
        List<EvidenceAnalysis> evs = List.copyOf(analyses);
        List<CaseFile> cfs = List.copyOf(caseFiles);
        for (EvidenceAnalysis e : evs) {
            if (out.toAbsolutePath().normalize().equals(e.image().path().toAbsolutePath().normalize())) {
                status.setText("Cannot write " + out.getFileName() + ": it is one of the evidence files; choose another name");
                return;
            }
        }
        status.setText("Writing " + out.getFileName() + "...");
        background.submit(() -> {
            try {
                int pages = PdfReport.write(ReportRequest.of(null, null, null, evs, cfs, engine.models().entries()), out);
                Platform.runLater(() -> {
                    status.setText("Wrote comparison report " + out.getFileName() + " (" + pages + " pages)");
                    exported.set(out);
                });
            } catch (IOException | RuntimeException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                Platform.runLater(() -> status.setText("Cannot write " + out.getFileName() + ": " + why));
            }
        });
    }

    public void selectIndicator(String id) {
        for (Indicator i : indicators) if (i.id().equals(id)) choice.getSelectionModel().select(i);
    }

    public List<ImageViewer> viewers() { return List.copyOf(viewers); }
    public List<Label> scoreLabels() { return List.copyOf(scores); }
    public String statusText() { return status.getText(); }
    public ReadOnlyBooleanProperty readyProperty() { return ready.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Path> exportedProperty() { return exported.getReadOnlyProperty(); }

    public void dispose() {
        background.shutdownNow();
    }
}
