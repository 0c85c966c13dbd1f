package org.provenant.app.caseview;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import org.provenant.analysis.ScoreFormat;
import org.provenant.analysis.batch.BatchItem;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.app.common.FindingStyle;
import org.provenant.indicators.Indicator;

/**
 * The case view: a sortable table of every file of the case's evidence folders with its thumbnail, status,
 * suspicion (a triage order, not a verdict) and one coloured chip per indicator (its lean and headline), filled
 * in by the batch engine in the background (progress bar, Cancel). Double-click opens the file in the workbench
 * (stored results, no recomputation when the file and models are unchanged); select 2-4 rows and Compare.
 */
public final class CaseView extends BorderPane {
    static final double THUMB = 72;
    private final CaseViewModel model;
    private final CaseFolder caseFolder;
    private final TableView<CaseViewModel.Row> table = new TableView<>();
    private final Label message = new Label();
    private final Map<Path, Image> thumbs = new HashMap<>();
    private Consumer<List<Path>> compare = p -> { };

    public CaseView(CaseViewModel model, CaseFolder caseFolder, Consumer<Path> open) {
        this.model = model;
        this.caseFolder = caseFolder;
        getStyleClass().add("case-view");
        table.setId("case-table");
        javafx.collections.transformation.SortedList<CaseViewModel.Row> sorted = new javafx.collections.transformation.SortedList<>(model.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());   // re-sorts as rows arrive
        table.setItems(sorted);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("Add an evidence folder: File > Add evidence folder..."));
        table.getColumns().add(thumbColumn());
        TableColumn<CaseViewModel.Row, String> file = new TableColumn<>("File");
        file.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().relative()));
        file.setPrefWidth(330);
        TableColumn<CaseViewModel.Row, String> st = new TableColumn<>("Status");
        st.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
        st.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                CaseViewModel.Row r = empty ? null : getTableRow().getItem();
                setText(empty ? null : s);
                setTooltip(r != null && r.item() != null && !r.item().message().isEmpty() ? new Tooltip(r.item().message()) : null);
            }
        });
        st.setPrefWidth(80);
        TableColumn<CaseViewModel.Row, Number> susp = new TableColumn<>("Suspicion");
        susp.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().suspicion()));
        susp.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(Number n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null || n.doubleValue() < 0 ? null : ScoreFormat.number(n.doubleValue()));
            }
        });
        susp.setComparator(Comparator.comparingDouble(Number::doubleValue));
        susp.setSortType(TableColumn.SortType.DESCENDING);
        table.getColumns().addAll(List.of(file, st, susp));
        for (Indicator ind : model.indicators()) table.getColumns().add(chipColumn(ind));
        table.getSortOrder().add(susp);
        table.setRowFactory(tv -> {
            TableRow<CaseViewModel.Row> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) open.accept(row.getItem().path());
            });
            return row;
        });

        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(model.progressProperty());
        bar.setPrefWidth(220);
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        status.setId("case-status");
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        Button openBtn = new Button("Open in workbench");
        openBtn.setOnAction(e -> {
            CaseViewModel.Row r = table.getSelectionModel().getSelectedItem();
            if (r != null) open.accept(r.path());
        });
        Button cmp = new Button("Compare selected");
        cmp.setOnAction(e -> {
            try {
                compare.accept(model.comparable(List.copyOf(table.getSelectionModel().getSelectedItems())));
                message.setText("");
            } catch (IllegalArgumentException x) {
                message.setText(x.getMessage());
            }
        });
        Label where = new Label("Case folder " + caseFolder.dir());
        HBox top = new HBox(10, bar, status, cancel, openBtn, cmp, message);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6, 10, 6, 10));
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setStyle("-fx-text-fill: #b71c1c;");
        setTop(top);
        setCenter(table);
        Label legend = new Label("Suspicion orders the files for triage: the summed confidence of the indicators leaning away from"
                + " a camera original. It is not a verdict; open a file for what each indicator measured and how reliable it is.");
        legend.setWrapText(true);
        HBox bottom = new HBox(20, where, legend);
        bottom.setPadding(new Insets(4, 10, 4, 10));
        setBottom(bottom);
    }

    public TableView<CaseViewModel.Row> table() { return table; }

    public void setCompare(Consumer<List<Path>> compare) { this.compare = compare; }

    private TableColumn<CaseViewModel.Row, CaseViewModel.Row> thumbColumn() {
        TableColumn<CaseViewModel.Row, CaseViewModel.Row> c = new TableColumn<>("");
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(x.getValue()));
        c.setSortable(false);
        c.setMinWidth(THUMB + 10);
        c.setPrefWidth(THUMB + 10);
        c.setCellFactory(x -> new TableCell<>() {
            private final ImageView view = new ImageView();

            @Override protected void updateItem(CaseViewModel.Row r, boolean empty) {
                super.updateItem(r, empty);
                Path t = empty || r == null ? null : CaseViewModel.thumbnail(caseFolder, r);
                if (t == null) {
                    setGraphic(null);
                    return;
                }
                view.setImage(thumbs.computeIfAbsent(t, p -> new Image(p.toUri().toString(), THUMB, THUMB, true, true, true)));
                setGraphic(view);
            }
        });
        return c;
    }

    private static TableColumn<CaseViewModel.Row, BatchItem.IndicatorLine> chipColumn(Indicator ind) {
        TableColumn<CaseViewModel.Row, BatchItem.IndicatorLine> c = new TableColumn<>(ind.displayName());
        c.setId("case-col-" + ind.id());
        c.setPrefWidth(150);
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(x.getValue().line(ind.id())));
        c.setComparator(Comparator.nullsFirst(Comparator.comparingDouble(l -> l.leansAway() ? l.confidence() : l.done() ? 0 : -1)));
        c.setCellFactory(x -> new TableCell<>() {
            @Override protected void updateItem(BatchItem.IndicatorLine l, boolean empty) {
                super.updateItem(l, empty);
                if (empty || l == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                // the finding in words, drawn as in the verdict strip; the number and the lean on hover
                Label chip = new Label();
                chip.getStyleClass().addAll("hypothesis-chip", "case-chip");
                if (l.done()) FindingStyle.apply(chip, l.finding().phrase(), l.finding());
                else FindingStyle.state(chip, l.status().toLowerCase(java.util.Locale.ROOT), true);
                chip.setTooltip(new Tooltip(l.name() + ": " + l.findingText() + (l.done() ? "\n" + l.headlineLabel() + " "
                        + ScoreFormat.number(l.headlineValue()) + "\nleans: " + l.supports().phrase() : "")));
                setGraphic(chip);
                setText(null);
            }
        });
        return c;
    }

    /** Shows the case view in its own window. */
    public static Stage show(CaseView view, List<String> stylesheets) {
        Stage stage = new Stage();
        Scene scene = new Scene(view, 1280, 760);
        if (stylesheets != null) scene.getStylesheets().addAll(stylesheets);
        stage.setScene(scene);
        stage.setTitle("Provenant - case " + view.caseFolder.dir().getFileName());
        stage.show();
        return stage;
    }
}
