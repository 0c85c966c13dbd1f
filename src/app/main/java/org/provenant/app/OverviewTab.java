package org.provenant.app;

import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.provenant.indicators.EvidenceFamily;

/**
 * The Overview: every indicator at once as a grid of small maps with its headline and lean, grouped by evidence
 * family, so that the examiner sees the whole picture before opening one panel. Clicking a card opens its panel.
 * State lives in {@link OverviewViewModel}; map pictures are drawn once by {@link MapImages}.
 */
public final class OverviewTab {
    /** Side of a card's small map. */
    public static final int MAP_SIDE = 132;
    private final OverviewViewModel model;
    private final Consumer<String> open;
    private final VBox groups = new VBox(10);
    private final ScrollPane scroll = new ScrollPane(groups);

    public OverviewTab(OverviewViewModel model, Consumer<String> open) {
        this.model = model;
        this.open = open;
        groups.setPadding(new Insets(10));
        groups.getStyleClass().add("overview");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setId("overview");
        model.cards().addListener((ListChangeListener<OverviewViewModel.Card>) c -> rebuild());
        rebuild();
    }

    public OverviewViewModel model() { return model; }

    public Node node() { return scroll; }

    private void rebuild() {
        groups.getChildren().clear();
        for (EvidenceFamily f : model.families()) {
            FlowPane grid = new FlowPane(8, 8);
            for (OverviewViewModel.Card c : model.cards()) if (c.family() == f) grid.getChildren().add(card(c));
            Label title = new Label(f.displayName() + ": " + f.description());
            title.getStyleClass().add("map-title");
            groups.getChildren().add(new VBox(4, title, grid));
        }
    }

    private Node card(OverviewViewModel.Card c) {
        Label name = new Label(c.name());
        name.getStyleClass().add("overview-name");
        name.setMaxWidth(MAP_SIDE + 20);
        StackPane picture = new StackPane();
        picture.setPrefSize(MAP_SIDE, MAP_SIDE * 0.75);
        picture.setMinSize(MAP_SIDE, MAP_SIDE * 0.75);
        picture.getStyleClass().add("overview-map");
        if (c.map() != null) {
            MapImages.Pictures p = MapImages.of(c.map());
            ImageView v = new ImageView(c.map().overlay() ? p.thumbnail() : p.standalone());
            v.setPreserveRatio(true);
            v.setFitWidth(MAP_SIDE);
            v.setFitHeight(MAP_SIDE * 0.75);
            picture.getChildren().add(v);
        } else {
            Label none = new Label(c.state() == OverviewViewModel.State.DONE ? "no map" : "");
            none.getStyleClass().add("overview-nomap");
            picture.getChildren().add(none);
        }
        Label headline = new Label(c.headline());
        headline.setWrapText(true);
        headline.setMaxWidth(MAP_SIDE + 20);
        headline.getStyleClass().add("overview-headline");
        Label lean = new Label(c.leanText());
        lean.getStyleClass().add("hypothesis-chip");
        lean.setMaxWidth(MAP_SIDE + 20);
        if (c.state() == OverviewViewModel.State.DONE) lean.setStyle("-fx-background-color: " + Formats.css(c.lean().rgb()) + ";");
        VBox card = new VBox(4, name, picture, headline, lean);
        card.setAlignment(Pos.TOP_LEFT);
        card.setPadding(new Insets(6));
        card.setPrefWidth(MAP_SIDE + 24);
        card.getStyleClass().add("overview-card");
        card.setId("overview-" + c.indicatorId());
        card.setCursor(Cursor.HAND);
        if (!c.explanation().isEmpty()) Tooltip.install(card, new Tooltip(c.explanation()));
        card.setOnMouseClicked(e -> open.accept(c.indicatorId()));
        return card;
    }
}
