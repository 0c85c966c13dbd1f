package org.provenant.app.workbench;

import java.util.List;
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
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.provenant.app.workbench.OverviewViewModel.Card;
import org.provenant.app.workbench.OverviewViewModel.Group;
import org.provenant.app.common.FindingStyle;
import org.provenant.app.common.MapImages;

/**
 * The Overview, the first screen that points somewhere: the overall assessment on top with its sentence; then the
 * indicators with something to say about this image as cards (their finding in words, the map small, what the
 * finding rests on); then, one line each, those with nothing to say here, those still running and those that failed.
 * Clicking a card or line opens the indicator's panel; hovering shows the figures and the explanation. State lives in
 * {@link OverviewViewModel}; map pictures are drawn once by {@link MapImages}.
 */
public final class OverviewTab {
    /** Side of a card's small map. */
    public static final int MAP_SIDE = 132;
    /** Widest a one-line row's finding may be before it wraps (with the name's 220 px it fits a 600 px pane). */
    static final int ROW_CHIP_WIDTH = 330;
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
        model.cards().addListener((ListChangeListener<Card>) c -> rebuild());
        rebuild();
    }

    public OverviewViewModel model() { return model; }

    public Node node() { return scroll; }

    private void rebuild() {
        groups.getChildren().clear();
        List<Card> cards = model.cards();
        for (Card c : cards) if (c.group() == Group.ASSESSMENT) groups.getChildren().add(assessment(c));
        FlowPane telling = new FlowPane(8, 8);
        for (Card c : cards) if (c.group() == Group.TELLING) telling.getChildren().add(card(c));
        if (!telling.getChildren().isEmpty()) groups.getChildren().add(section("Something to say about this image", telling));
        rows(cards, Group.QUIET, "Nothing either way here");
        rows(cards, Group.PENDING, "Still to come");
        rows(cards, Group.FAILED, "Did not finish");
    }

    private void rows(List<Card> cards, Group g, String title) {
        VBox list = new VBox(3);
        for (Card c : cards) if (c.group() == g) list.getChildren().add(row(c));
        if (!list.getChildren().isEmpty()) groups.getChildren().add(section(title, list));
    }

    private static Node section(String title, Node content) {
        Label t = new Label(title);
        t.getStyleClass().add("map-title");
        return new VBox(4, t, content);
    }

    private Node assessment(Card c) {
        Label name = new Label(c.name());
        name.getStyleClass().add("overview-name");
        Label chip = chip(c);
        Label sentence = new Label(c.state() == OverviewViewModel.State.DONE ? c.finding().sentence() : "");
        sentence.setWrapText(true);
        sentence.getStyleClass().add("assessment-sentence");
        VBox box = new VBox(5, name, chip, sentence);
        if (c.state() == OverviewViewModel.State.DONE && !c.finding().strength().isEmpty()) box.getChildren().add(strength(c));
        box.getStyleClass().add("assessment-box");
        return clickable(box, c);
    }

    private Node card(Card c) {
        Label name = new Label(c.name());
        name.getStyleClass().add("overview-name");
        name.setMaxWidth(MAP_SIDE + 20);
        name.setWrapText(true);
        Label chip = chip(c);
        chip.setMaxWidth(MAP_SIDE + 20);
        VBox card = new VBox(4, name, chip);
        if (c.map() != null) {
            StackPane picture = new StackPane();
            picture.setPrefSize(MAP_SIDE, MAP_SIDE * 0.75);
            picture.setMinSize(MAP_SIDE, MAP_SIDE * 0.75);
            picture.getStyleClass().add("overview-map");
            MapImages.Pictures p = MapImages.of(c.map());
            ImageView v = new ImageView(c.map().overlay() ? p.thumbnail() : p.standalone());
            v.setPreserveRatio(true);
            v.setFitWidth(MAP_SIDE);
            v.setFitHeight(MAP_SIDE * 0.75);
            picture.getChildren().add(v);
            card.getChildren().add(picture);
        }
        if (!c.finding().strength().isEmpty()) {
            Label s = strength(c);
            s.setMaxWidth(MAP_SIDE + 20);
            card.getChildren().add(s);
        }
        card.setAlignment(Pos.TOP_LEFT);
        card.setPadding(new Insets(6));
        card.setPrefWidth(MAP_SIDE + 24);
        card.getStyleClass().add("overview-card");
        return clickable(card, c);
    }

    private Node row(Card c) {
        Label name = new Label(c.name());
        name.getStyleClass().add("overview-name");
        name.setMinWidth(180);
        name.setPrefWidth(220);
        name.setWrapText(true);
        Label chip = chip(c);
        chip.setMaxWidth(ROW_CHIP_WIDTH);   // a long "no verdict here: ..." wraps instead of widening the whole overview
        HBox row = new HBox(8, name, chip);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("overview-quiet-row");
        return clickable(row, c);
    }

    private static Label chip(Card c) {
        Label chip = new Label();
        chip.getStyleClass().add("hypothesis-chip");
        chip.setWrapText(true);
        chip.setId("finding-" + c.indicatorId());
        if (c.state() == OverviewViewModel.State.DONE) FindingStyle.apply(chip, c.findingText(), c.finding());
        else FindingStyle.state(chip, c.findingText(), c.state() == OverviewViewModel.State.FAILED);
        return chip;
    }

    private static Label strength(Card c) {
        Label s = new Label(c.finding().strength());
        s.setWrapText(true);
        s.getStyleClass().add("finding-strength");
        return s;
    }

    private Node clickable(javafx.scene.layout.Region node, Card c) {
        node.setId("overview-" + c.indicatorId());
        node.setCursor(Cursor.HAND);
        if (!c.explanation().isEmpty()) {
            Tooltip t = new Tooltip(c.explanation());
            t.setWrapText(true);
            t.setMaxWidth(520);
            t.setShowDelay(Duration.millis(250));
            t.setShowDuration(Duration.INDEFINITE);
            Tooltip.install(node, t);
        }
        node.setOnMouseClicked(e -> open.accept(c.indicatorId()));
        return node;
    }
}
