package org.provenant.app.comparison;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import org.provenant.app.common.Formats;

/**
 * The comparison's summary table: one row per indicator ({@link ComparisonSummary.Row}), one column per image and
 * the spread in words. A row whose scores differ is tinted ("summary-differs"), the cell that departs most framed
 * ("summary-departs"), each finished cell written in a darker shade of its lean's colour. Cells have the ids
 * {@code summary-<indicator>-<image index>} and {@code summary-<indicator>-spread}.
 */
final class ComparisonTable {
    private final GridPane grid = new GridPane();
    private final List<String> names;

    /** @param names the images' column headers */
    ComparisonTable(List<String> names) {
        this.names = List.copyOf(names);
        grid.setId("compare-summary");
        grid.setHgap(1);
        grid.setVgap(1);
        grid.setPadding(new Insets(8));
    }

    GridPane node() { return grid; }

    /** Lays out the table anew for these rows. */
    void show(List<ComparisonSummary.Row> rows) {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getColumnConstraints().add(column(18));
        for (int i = 0; i < names.size(); i++) grid.getColumnConstraints().add(column(52.0 / names.size()));
        grid.getColumnConstraints().add(column(30));
        grid.add(header("Indicator"), 0, 0);
        for (int i = 0; i < names.size(); i++) grid.add(header(names.get(i)), i + 1, 0);
        grid.add(header("Spread"), names.size() + 1, 0);
        int r = 1;
        for (ComparisonSummary.Row row : rows) {
            Label name = cellLabel(row.name(), row.differs());
            name.getStyleClass().add("verdict-title");
            grid.add(name, 0, r);
            for (int i = 0; i < row.cells().size(); i++) {
                ComparisonSummary.Cell cell = row.cells().get(i);
                Label c = cellLabel(cell.text(), row.differs());
                c.setId("summary-" + row.indicatorId() + "-" + i);
                if (cell.lean() != null) c.setStyle("-fx-text-fill: " + Formats.css(darker(cell.lean().rgb())) + ";");
                if (cell.departs()) c.getStyleClass().add("summary-departs");
                grid.add(c, i + 1, r);
            }
            Label spread = cellLabel(row.spread(), row.differs());
            spread.setId("summary-" + row.indicatorId() + "-spread");
            spread.setWrapText(true);
            grid.add(spread, names.size() + 1, r);
            r++;
        }
    }

    private static ColumnConstraints column(double percent) {
        ColumnConstraints c = new ColumnConstraints();
        c.setPercentWidth(percent);
        return c;
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
}
