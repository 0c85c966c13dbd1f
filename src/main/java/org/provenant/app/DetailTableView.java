package org.provenant.app;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.provenant.indicators.ResultDetails;

/** One detail table of a result (quantization table, structure, findings) as a labelled grid. */
final class DetailTableView {
    private DetailTableView() { }

    static Node of(ResultDetails.Table t) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("score-table");
        grid.setHgap(10);
        grid.setVgap(3);
        for (int c = 0; c < t.columns().size(); c++) {
            Label h = new Label(t.columns().get(c));
            h.getStyleClass().add("score-header");
            grid.add(h, c, 0);
        }
        int r = 1;
        for (var row : t.rows()) {
            for (int c = 0; c < row.size(); c++) {
                Label cell = new Label(row.get(c));
                cell.setWrapText(true);
                cell.setMaxWidth(t.columns().size() <= 2 && c == 1 ? 420 : 220);
                if (r % 2 == 0) cell.getStyleClass().add("score-row-even");
                grid.add(cell, c, r);
            }
            r++;
        }
        Label title = new Label(t.title());
        title.getStyleClass().add("map-title");
        return new VBox(4, title, grid);
    }
}
