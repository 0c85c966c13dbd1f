package org.provenant.app.panels;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.provenant.indicators.Detail;
import org.provenant.indicators.IndicatorResult;

/**
 * The state of the Content Credentials panel, without any control (MVVM): a one-line banner saying what the
 * credentials amount to, counts of the checks that held, failed or are notes, and the manifest chain as a tree of
 * {@link Detail}s, optionally cut down to the lines that need the examiner's attention (failures and notes with the
 * branches that lead to them). The view binds to these properties; tests drive it without a toolkit.
 */
public final class C2paViewModel {
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Detail.Tone> bannerTone = new ReadOnlyObjectWrapper<>(Detail.Tone.NEUTRAL);
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<List<Detail>> tree = new ReadOnlyObjectWrapper<>(List.of());
    private final BooleanProperty problemsOnly = new SimpleBooleanProperty(false);
    private List<Detail> all = List.of();

    public C2paViewModel() {
        problemsOnly.addListener((o, a, b) -> refresh());
    }

    /** Shows a finished result of the Content Credentials indicator. */
    public void show(IndicatorResult r) {
        all = r.details();
        int good = 0, bad = 0, notes = 0;
        for (Detail d : all) {
            for (Detail.Row row : d.flatten()) {
                if (!row.detail().children().isEmpty()) continue;   // count status lines, not their headings
                switch (row.detail().tone()) {
                    case GOOD -> good++;
                    case BAD -> bad++;
                    case NOTE -> notes++;
                    default -> { }
                }
            }
        }
        counts.set(good + " check(s) held, " + bad + " failed, " + notes + " note(s)");
        double failures = r.value("failures");
        if (!Double.isFinite(failures)) {
            banner.set("No Content Credentials to validate: no evidence either way");
            bannerTone.set(Detail.Tone.NOTE);
        } else if (failures > 0) {
            banner.set("Content Credentials INVALID: " + (int) failures + " validation failure(s) - the file or its manifest "
                    + "was changed after signing");
            bannerTone.set(Detail.Tone.BAD);
        } else {
            banner.set("Content Credentials valid: signature valid; signer not checked against a trust list");
            bannerTone.set(Detail.Tone.GOOD);
        }
        refresh();
    }

    public void clear() {
        all = List.of();
        banner.set("");
        counts.set("");
        bannerTone.set(Detail.Tone.NEUTRAL);
        refresh();
    }

    private void refresh() {
        if (!problemsOnly.get()) {
            tree.set(all);
            return;
        }
        List<Detail> kept = new ArrayList<>();
        for (Detail d : all) {
            Detail k = keepProblems(d);
            if (k != null) kept.add(k);
        }
        tree.set(List.copyOf(kept));
    }

    /** The branch with only failure and note lines (and their parents), or null when it holds none. */
    private static Detail keepProblems(Detail d) {
        List<Detail> kids = new ArrayList<>();
        for (Detail c : d.children()) {
            Detail k = keepProblems(c);
            if (k != null) kids.add(k);
        }
        boolean problem = d.children().isEmpty() && (d.tone() == Detail.Tone.BAD || d.tone() == Detail.Tone.NOTE);
        if (!problem && kids.isEmpty()) return null;
        return new Detail(d.label(), d.value(), d.tone(), kids);
    }

    public ReadOnlyStringProperty bannerProperty() { return banner.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Detail.Tone> bannerToneProperty() { return bannerTone.getReadOnlyProperty(); }
    public ReadOnlyStringProperty countsProperty() { return counts.getReadOnlyProperty(); }
    /** The manifest chain as shown: all of it, or only the problems. */
    public ReadOnlyObjectProperty<List<Detail>> treeProperty() { return tree.getReadOnlyProperty(); }
    public BooleanProperty problemsOnlyProperty() { return problemsOnly; }
}
