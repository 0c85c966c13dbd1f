package org.provenant.app.panels;

import java.util.List;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.provenant.indicators.Detail;

/**
 * A tree of an indicator's {@link Detail}s: label and value per line, checks that held in green, failures in red,
 * notes in amber (CSS classes {@code detail-good}, {@code detail-bad}, {@code detail-note}).
 */
public final class DetailTreeView extends TreeView<Detail> {
    /** Lines shown before the tree scrolls. */
    static final int VISIBLE_LINES = 22;

    public DetailTreeView() {
        setShowRoot(false);
        getStyleClass().add("detail-tree");
        setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(Detail d, boolean empty) {
                super.updateItem(d, empty);
                getStyleClass().removeAll("detail-good", "detail-bad", "detail-note");
                if (empty || d == null) {
                    setText(null);
                    return;
                }
                setText(d.value().isEmpty() ? d.label() : d.label() + ":  " + d.value());
                switch (d.tone()) {
                    case GOOD -> getStyleClass().add("detail-good");
                    case BAD -> getStyleClass().add("detail-bad");
                    case NOTE -> getStyleClass().add("detail-note");
                    default -> { }
                }
            }
        });
        setPrefHeight(VISIBLE_LINES * 24);
    }

    /** Shows these lines, every branch expanded. */
    public void show(List<Detail> details) {
        TreeItem<Detail> root = new TreeItem<>(Detail.of("", ""));
        for (Detail d : details) root.getChildren().add(item(d));
        setRoot(root);
    }

    private static TreeItem<Detail> item(Detail d) {
        TreeItem<Detail> it = new TreeItem<>(d);
        it.setExpanded(true);
        for (Detail c : d.children()) it.getChildren().add(item(c));
        return it;
    }
}
