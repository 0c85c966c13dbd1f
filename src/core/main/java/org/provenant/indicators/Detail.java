package org.provenant.indicators;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of an indicator's structured findings, shown as a tree by the panels, as an indented table in the report
 * and as nested objects in the JSON: e.g. a C2PA manifest with its signer, actions and validation status codes, or a
 * metadata directory with its tags. Structure only: what the numbers mean stays in the scores and the explanation.
 *
 * @param label    what the line is, e.g. "Signer" or a status code
 * @param value    its value in words (may be empty)
 * @param tone     how the views colour it
 * @param children lines below it
 */
public record Detail(String label, String value, Tone tone, List<Detail> children) {
    /** Colouring: NEUTRAL plain, GOOD green (a check that held), BAD red (a check that failed), NOTE amber. */
    public enum Tone { NEUTRAL, GOOD, BAD, NOTE }

    public Detail {
        label = label == null ? "" : label;
        value = value == null ? "" : value;
        tone = tone == null ? Tone.NEUTRAL : tone;
        children = List.copyOf(children);
    }

    public static Detail of(String label, String value) {
        return new Detail(label, value, Tone.NEUTRAL, List.of());
    }

    public static Detail of(String label, String value, Tone tone) {
        return new Detail(label, value, tone, List.of());
    }

    public static Detail group(String label, String value, Tone tone, List<Detail> children) {
        return new Detail(label, value, tone, children);
    }

    /** This line and all below it, depth first, with their depth (0 for this one): what flat views draw. */
    public List<Row> flatten() {
        List<Row> out = new ArrayList<>();
        walk(this, 0, out);
        return out;
    }

    /** One flattened line. */
    public record Row(int depth, Detail detail) { }

    private static void walk(Detail d, int depth, List<Row> out) {
        out.add(new Row(depth, d));
        for (Detail c : d.children) walk(c, depth + 1, out);
    }
}
