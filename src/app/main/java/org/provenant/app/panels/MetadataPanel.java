package org.provenant.app.panels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.provenant.indicators.Detail;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.file.metadata.MetadataIndicator;

/**
 * The metadata panel: a searchable tree of every directory and tag with a JSON export, then the findings (generator
 * traces in red) and the problems with metadata blocks, above the generic views (thumbnail and its difference map,
 * scores). State lives in {@link MetadataViewModel}; this class only binds controls to it.
 */
public final class MetadataPanel extends GenericIndicatorPanel {
    public static final String INDICATOR_ID = MetadataIndicator.ID;
    private final MetadataViewModel model = new MetadataViewModel();

    public MetadataPanel(Indicator indicator, PanelContext context) {
        super(indicator, context);
    }

    public MetadataViewModel model() { return model; }

    @Override
    public void reset() {
        super.reset();
        if (model != null) model.clear();
    }

    @Override
    protected Node extraView(IndicatorResult r) {
        model.show(r);
        VBox box = new VBox(6);
        if (!model.findings().isEmpty()) {
            Label title = new Label("Findings");
            title.getStyleClass().add("map-title");
            box.getChildren().add(title);
            for (Detail f : model.findings()) {
                Label l = new Label(f.label() + ": " + f.value());
                l.setWrapText(true);
                l.getStyleClass().addAll("explanation", "finding", "detail-" + f.tone().name().toLowerCase(java.util.Locale.ROOT));
                if (f.tone() == Detail.Tone.BAD) l.getStyleClass().add("panel-error");
                box.getChildren().add(l);
            }
        }
        for (String p : model.problems()) {
            Label l = new Label("Problem: " + p);
            l.setWrapText(true);
            l.getStyleClass().add("panel-error");
            box.getChildren().add(l);
        }
        TextField search = new TextField();
        search.setPromptText("Search directories, tags and values");
        search.getStyleClass().add("metadata-search");
        search.textProperty().bindBidirectional(model.filterProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        Button export = new Button("Export JSON...");
        export.setOnAction(e -> exportJson(export));
        HBox bar = new HBox(6, search, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        DetailTreeView tree = new DetailTreeView();
        tree.getStyleClass().add("metadata-tree");
        Runnable fill = () -> {
            List<Detail> dirs = model.visibleProperty().get();
            tree.show(dirs);
            // many directories and no search: directories closed, so that the list of them fits
            boolean open = dirs.size() <= 3 || !model.filterProperty().get().isBlank();
            for (var item : tree.getRoot().getChildren()) item.setExpanded(open);
        };
        model.visibleProperty().addListener((o, a, b) -> fill.run());
        fill.run();
        Label title = new Label("Every metadata directory and tag");
        title.getStyleClass().add("map-title");
        box.getChildren().addAll(0, List.of(title, bar, summary, tree));   // the tree first, then findings and problems
        return box;
    }

    private void exportJson(Node owner) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export metadata as JSON");
        fc.setInitialFileName("metadata.json");
        var file = fc.showSaveDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        if (file == null) return;
        try {
            Files.writeString(file.toPath(), model.exportJson(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            Label err = new Label("Could not write " + file + ": " + ex.getMessage());
            err.getStyleClass().add("panel-error");
            body().getChildren().add(err);
        }
    }
}
