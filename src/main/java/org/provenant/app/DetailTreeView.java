package org.provenant.app;

import java.util.List;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.provenant.indicators.Detail;

/** A result's structured details as a tree: "label: value" per line, coloured by tone (style classes detail-good/bad/note). */
final class DetailTreeView {
    private DetailTreeView() { }

    /** A tree of the details; lines down to {@code expandDepth} are open, and everything when {@code expandAll}. */
    static TreeView<Detail> of(List<Detail> details, int expandDepth, boolean expandAll) {
        TreeView<Detail> tree = new TreeView<>(root(details, expandDepth, expandAll));
        tree.setShowRoot(false);
        tree.getStyleClass().add("detail-tree");
        tree.setCellFactory(v -> new TreeCell<>() {
            @Override protected void updateItem(Detail d, boolean empty) {
                super.updateItem(d, empty);
                getStyleClass().removeAll("detail-good", "detail-bad", "detail-note");
                if (empty || d == null) {
                    setText(null);
                    return;
                }
                setText(text(d));
                if (d.tone() != Detail.Tone.NEUTRAL) getStyleClass().add("detail-" + d.tone().name().toLowerCase(java.util.Locale.ROOT));
            }
        });
        return tree;
    }

    static TreeItem<Detail> root(List<Detail> details, int expandDepth, boolean expandAll) {
        TreeItem<Detail> root = new TreeItem<>(Detail.of("", ""));
        for (Detail d : details) root.getChildren().add(item(d, 0, expandDepth, expandAll));
        root.setExpanded(true);
        return root;
    }

    private static TreeItem<Detail> item(Detail d, int depth, int expandDepth, boolean expandAll) {
        TreeItem<Detail> it = new TreeItem<>(d);
        for (Detail c : d.children()) it.getChildren().add(item(c, depth + 1, expandDepth, expandAll));
        it.setExpanded(expandAll || depth < expandDepth);
        return it;
    }

    static String text(Detail d) {
        if (d.label().isEmpty()) return d.value();
        return d.value().isEmpty() ? d.label() : d.label() + ": " + d.value();
    }
}
