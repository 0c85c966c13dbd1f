package org.provenant.app.panels;

import java.util.function.IntConsumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.provenant.indicators.Parameter;

/**
 * The control of one declared indicator setting ({@link Parameter}), drawn from its declaration alone: a slider that
 * snaps to the declared step when the range holds at most {@link #MAX_SLIDER_STEPS} steps, else a spinner; its label
 * names the value in use, and a changed value is handed to {@code apply} once the examiner lets go (the window runs
 * the indicator again in the background; the panel never computes). Ids: the key with '-' for '.', e.g.
 * {@code ela-quality}, and that plus {@code -value} for the label.
 */
final class SettingControl {
    static final int MAX_SLIDER_STEPS = 20;

    private SettingControl() { }

    static Node of(Parameter p, int used, IntConsumer apply) {
        String id = p.key().replace('.', '-');
        Label value = new Label(p.label() + " " + used);
        value.setId(id + "-value");
        IntConsumer changed = v -> {
            value.setText(p.label() + " " + v + (v == used ? "" : " (running...)"));
            if (v != used) apply.accept(v);
        };
        Node control;
        if ((p.max() - p.min()) / p.step() <= MAX_SLIDER_STEPS) {
            Slider s = new Slider(p.min(), p.max(), used);
            s.setMajorTickUnit(2.0 * p.step());
            s.setMinorTickCount(1);
            s.setSnapToTicks(true);
            s.setShowTickLabels(true);
            s.setShowTickMarks(true);
            s.valueChangingProperty().addListener((o, was, now) -> {
                if (!now) changed.accept((int) Math.round(s.getValue()));
            });
            s.valueProperty().addListener((o, a, v) -> {
                if (!s.isValueChanging()) changed.accept((int) Math.round(s.getValue()));
            });
            control = s;
        } else {
            Spinner<Integer> s = new Spinner<>(p.min(), p.max(), used, p.step());
            s.setEditable(true);
            s.valueProperty().addListener((o, a, v) -> changed.accept(v));
            control = s;
        }
        control.setId(id);
        HBox.setHgrow(control, Priority.ALWAYS);
        HBox row = new HBox(8, value, control);
        row.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label(p.meaning() + " Range " + p.min() + "-" + p.max() + ", default " + p.defaultValue()
                + "; a change runs the indicator again in the background.");
        hint.setWrapText(true);
        hint.getStyleClass().add("score-meaning");
        return new VBox(4, row, hint);
    }
}
