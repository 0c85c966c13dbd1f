package org.provenant.app.common;

import java.util.Locale;
import javafx.scene.control.Label;
import org.provenant.indicators.Finding;
import org.provenant.indicators.IndicatorResult;

/**
 * How every view of the window draws a finding in words (verdict strip, overview, panel headers): a verdict as a
 * chip filled with its hypothesis' colour; something to say without a verdict outlined in that colour; nothing either
 * way in quiet grey; "figures only" and "no verdict on this kind of image" in a plain, dashed outline, never as
 * the grey "inconclusive" of the others. The number and its unit stay in the hover text and the panel.
 */
public final class FindingStyle {
    /** Style classes of the standings, e.g. "finding-leans", "finding-not-here". */
    static final String PREFIX = "finding-";

    private FindingStyle() { }

    /** The chip's text, colour and style class for a finding (one class per {@link Finding.Standing}). */
    public static void apply(Label chip, String text, Finding f) {
        chip.setText(text);
        chip.getStyleClass().removeIf(c -> c.startsWith(PREFIX));
        chip.getStyleClass().add(styleClass(f.standing()));
        chip.setStyle(style(f));
    }

    /** A chip for a state without a finding (waiting, running, failed): grey, or dark grey when it failed. */
    public static void state(Label chip, String text, boolean failed) {
        chip.setText(text);
        chip.getStyleClass().removeIf(c -> c.startsWith(PREFIX));
        chip.getStyleClass().add(PREFIX + (failed ? "failed" : "pending"));
        chip.setStyle("");
    }

    static String styleClass(Finding.Standing s) {
        return PREFIX + s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The inline colour: filled for a lean, outlined for something to say; the style sheet draws the others. */
    static String style(Finding f) {
        String c = Formats.css(f.rgb());
        return switch (f.standing()) {
            case LEANS -> "-fx-background-color: " + c + ";";
            case SUPPORTS -> "-fx-border-color: " + c + "; -fx-text-fill: " + c + ";";
            default -> "";
        };
    }

    /**
     * The hover text of a result: the finding with its strength and sentence, the headline number with its label and
     * how to read it, then the explanation.
     */
    public static String tooltip(IndicatorResult r) {
        Finding f = r.finding();
        StringBuilder sb = new StringBuilder(f.phrase());
        if (!f.strength().isEmpty()) sb.append("\n(").append(f.strength()).append(')');
        if (!f.sentence().equals(f.phrase())) sb.append("\n").append(f.sentence());
        sb.append("\n\n").append(r.headline().label()).append(": ").append(Formats.value(r.headline().value()));
        if (!r.headline().meaning().isBlank()) sb.append(" (").append(r.headline().meaning()).append(')');
        return sb.append("\n\n").append(r.explanation()).toString();
    }
}
