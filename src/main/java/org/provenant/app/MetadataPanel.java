package org.provenant.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.metadata.MetadataIndicator;

/**
 * The metadata panel: findings (generator traces first, in red), problems with metadata blocks, then a searchable
 * tree of every directory and tag with a JSON export, above the generic views (thumbnail and its difference map,
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
            for (List<String> f : model.findings()) {
                Label l = new Label(f.get(0) + ": " + f.get(1));
                l.setWrapText(true);
                l.getStyleClass().add(f.get(0).equals("Generator") ? "panel-error" : "explanation");
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
        TreeView<String> tree = new TreeView<>();
        tree.getStyleClass().add("metadata-tree");
        tree.setShowRoot(false);
        tree.setPrefHeight(360);
        Runnable fill = () -> tree.setRoot(treeOf(model.visibleProperty().get(), !model.filterProperty().get().isBlank()));
        model.visibleProperty().addListener((o, a, b) -> fill.run());
        fill.run();
        Label title = new Label("Every metadata directory and tag");
        title.getStyleClass().add("map-title");
        box.getChildren().addAll(title, bar, summary, tree);
        return box;
    }

    static TreeItem<String> treeOf(List<MetadataViewModel.Directory> dirs, boolean expand) {
        TreeItem<String> root = new TreeItem<>("metadata");
        for (MetadataViewModel.Directory d : dirs) {
            TreeItem<String> di = new TreeItem<>(d.name() + " (" + d.tags().size() + ")");
            for (List<String> t : d.tags()) di.getChildren().add(new TreeItem<>(t.get(0) + " = " + t.get(1)));
            di.setExpanded(expand || dirs.size() <= 3);
            root.getChildren().add(di);
        }
        return root;
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
