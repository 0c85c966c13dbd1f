package org.provenant.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.util.Duration;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorResult;

/**
 * One chip per indicator: its headline score, coloured by the hypothesis the result supports
 * ({@link Hypothesis#rgb()}), with the plain-language explanation on hover; a click opens the indicator's panel.
 */
public final class VerdictStrip extends FlowPane {
    private final Map<String, Label> chips = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();

    public VerdictStrip(List<Indicator> indicators, Consumer<String> onOpen) {
        super(8, 6);
        getStyleClass().add("verdict-strip");
        setPadding(new Insets(6, 8, 6, 8));
        setAlignment(Pos.CENTER_LEFT);
        Label title = new Label("Verdicts (hover: explanation, click: panel):");
        title.getStyleClass().add("verdict-title");
        getChildren().add(title);
        for (Indicator ind : indicators) {
            Label chip = new Label();
            chip.getStyleClass().add("verdict-chip");
            chip.setId("verdict-" + ind.id());
            chip.setOnMouseClicked(e -> onOpen.accept(ind.id()));
            Tooltip tip = new Tooltip();
            tip.setWrapText(true);
            tip.setMaxWidth(520);
            tip.setShowDelay(Duration.millis(250));
            tip.setShowDuration(Duration.INDEFINITE);
            chip.setTooltip(tip);
            chips.put(ind.id(), chip);
            names.put(ind.id(), ind.displayName());
            getChildren().add(chip);
        }
        resetAll("not analysed");
    }

    /** Every chip grey with the given state, e.g. "waiting". */
    public void resetAll(String state) {
        for (String id : chips.keySet()) set(id, names.get(id) + ": " + state, Hypothesis.INCONCLUSIVE.rgb(), null);
    }

    public void running(String id) {
        set(id, names.get(id) + ": running", Hypothesis.INCONCLUSIVE.rgb(), null);
    }

    public void finished(IndicatorOutcome o) {
        switch (o.status()) {
            case DONE -> {
                IndicatorResult r = o.result();
                set(o.indicatorId(), names.get(o.indicatorId()) + ": " + Formats.value(r.headline().value()) + " - "
                        + r.supports().phrase(), r.supports().rgb(), r.headline().label() + ": "
                        + Formats.value(r.headline().value()) + "\n" + r.headline().meaning() + "\n\n" + r.explanation()
                        + "\n\nClick to open the panel.");
            }
            case FAILED -> set(o.indicatorId(), names.get(o.indicatorId()) + ": failed", 0x424242, o.error());
            case CANCELLED -> set(o.indicatorId(), names.get(o.indicatorId()) + ": cancelled", 0x424242, null);
        }
    }

    /** The chip of an indicator (for tests and for the report's screenshot). */
    public Label chip(String id) {
        return chips.get(id);
    }

    private void set(String id, String text, int rgb, String tooltip) {
        Label chip = chips.get(id);
        if (chip == null) return;
        chip.setText(text);
        chip.setStyle("-fx-background-color: " + Formats.css(rgb) + ";");
        chip.getTooltip().setText(tooltip == null ? text : tooltip);
    }
}
