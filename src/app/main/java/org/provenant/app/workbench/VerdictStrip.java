package org.provenant.app.workbench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.provenant.analysis.FindingOrder;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.app.common.FindingStyle;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Indicator;

/**
 * One chip per indicator with its finding in words ({@link org.provenant.indicators.Finding}, drawn by
 * {@link FindingStyle}), the overall assessment first and then the indicators with something to say about this image
 * ({@link FindingOrder}); the number, its meaning and the explanation on hover; a click opens the indicator's panel.
 */
public final class VerdictStrip extends FlowPane {
    private final Map<String, Label> chips = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, IndicatorOutcome> outcomes = new HashMap<>();
    private final List<String> fusion = new ArrayList<>();
    /**
     * Widest a chip may be: a FlowPane is at least as wide as its widest child, so one long finding ("no verdict here:
     * ..." with its reason) would make the whole window wider than the screen and cut off the panels on the right.
     */
    static final double CHIP_MAX_WIDTH = 760;
    private final Label title = new Label("Findings (hover: figures and explanation, click: panel):");

    public VerdictStrip(List<Indicator> indicators, Consumer<String> onOpen) {
        super(8, 6);
        getStyleClass().add("verdict-strip");
        setPadding(new Insets(6, 8, 6, 8));
        setAlignment(Pos.CENTER_LEFT);
        title.getStyleClass().add("verdict-title");
        getChildren().add(title);
        for (Indicator ind : indicators) {
            Label chip = new Label();
            chip.getStyleClass().add("verdict-chip");
            chip.setId("verdict-" + ind.id());
            chip.setMaxWidth(CHIP_MAX_WIDTH);
            chip.setOnMouseClicked(e -> onOpen.accept(ind.id()));
            Tooltip tip = new Tooltip();
            tip.setWrapText(true);
            tip.setMaxWidth(520);
            tip.setShowDelay(Duration.millis(250));
            tip.setShowDuration(Duration.INDEFINITE);
            chip.setTooltip(tip);
            chips.put(ind.id(), chip);
            names.put(ind.id(), ind.displayName());
            if (ind.family() == EvidenceFamily.FUSION) fusion.add(ind.id());
            getChildren().add(chip);
        }
        resetAll("not analysed");
    }

    /** Every chip grey with the given state, e.g. "waiting", in panel order. */
    public void resetAll(String state) {
        outcomes.clear();
        for (String id : chips.keySet()) set(id, names.get(id) + ": " + state, false, null);
        reorder();
    }

    public void running(String id) {
        set(id, names.get(id) + ": running", false, null);
    }

    public void finished(IndicatorOutcome o) {
        if (!chips.containsKey(o.indicatorId())) return;
        outcomes.put(o.indicatorId(), o);
        switch (o.status()) {
            case DONE -> {
                Label chip = chips.get(o.indicatorId());
                FindingStyle.apply(chip, names.get(o.indicatorId()) + ": " + o.result().finding().phrase(), o.result().finding());
                capWidth(chip);
                chip.getTooltip().setText(FindingStyle.tooltip(o.result()) + "\n\nClick to open the panel.");
            }
            case FAILED -> set(o.indicatorId(), names.get(o.indicatorId()) + ": failed", true, o.error());
            case CANCELLED -> set(o.indicatorId(), names.get(o.indicatorId()) + ": cancelled", true, null);
        }
        reorder();
    }

    /** The chip of an indicator (for tests and for the report's screenshot). */
    public Label chip(String id) {
        return chips.get(id);
    }

    /** The indicator ids in the order the chips are shown (for tests). */
    public List<String> order() {
        List<String> ids = new ArrayList<>();
        for (Node n : getChildren()) if (n != title) ids.add(n.getId().substring("verdict-".length()));
        return ids;
    }

    /** The assessment first, then finished indicators by their findings, then those still to come, then failed ones. */
    private void reorder() {
        List<String> ids = new ArrayList<>(chips.keySet());
        ids.sort(Comparator.comparing((String id) -> !fusion.contains(id))
                .thenComparing(id -> rank(outcomes.get(id)))
                .thenComparing((a, b) -> outcomes.containsKey(a) && outcomes.containsKey(b)
                        ? FindingOrder.OUTCOMES.compare(outcomes.get(a), outcomes.get(b)) : 0));
        List<Node> now = new ArrayList<>();
        now.add(title);
        for (String id : ids) now.add(chips.get(id));
        if (!now.equals(getChildren())) getChildren().setAll(now);
    }

    private static int rank(IndicatorOutcome o) {
        return o == null ? 1 : o.ok() ? 0 : 2;
    }

    private void set(String id, String text, boolean failed, String tooltip) {
        Label chip = chips.get(id);
        if (chip == null) return;
        FindingStyle.state(chip, text, failed);
        capWidth(chip);
        chip.getTooltip().setText(tooltip == null ? text : tooltip);
    }

    /** A long finding ends in "..." (whole on hover): its chip is never wider than {@link #CHIP_MAX_WIDTH}. */
    private static void capWidth(Label chip) {
        chip.setPrefWidth(Region.USE_COMPUTED_SIZE);
        if (chip.prefWidth(-1) > CHIP_MAX_WIDTH) chip.setPrefWidth(CHIP_MAX_WIDTH);
    }

    /** A flow wraps: its narrowest is its title, never its longest chip (which would widen the whole window). */
    @Override protected double computeMinWidth(double height) {
        return snappedLeftInset() + Math.min(title.prefWidth(-1), CHIP_MAX_WIDTH) + snappedRightInset();
    }
}
