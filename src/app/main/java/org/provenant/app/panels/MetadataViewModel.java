package org.provenant.app.panels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.provenant.analysis.ReportJson;
import org.provenant.indicators.Detail;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.file.metadata.MetadataIndicator;

/**
 * State of the metadata panel, without any control: the directories and tags of the last result, the search
 * text, the directories and tags that match it, the findings and the problems, and the JSON export. The view
 * binds to it; tests drive it directly.
 */
public final class MetadataViewModel {
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyObjectWrapper<List<Detail>> visible = new ReadOnlyObjectWrapper<>(this, "visible", List.of());
    private final ReadOnlyObjectWrapper<String> summary = new ReadOnlyObjectWrapper<>(this, "summary", "");
    private List<Detail> details = List.of();
    private List<Detail> directories = List.of();
    private List<Detail> findings = List.of();
    private List<Detail> problems = List.of();

    public MetadataViewModel() {
        filter.addListener((o, a, b) -> refilter());
    }

    public StringProperty filterProperty() { return filter; }

    /** The directories, each with the tags that match the search (all when the directory's name matches). */
    public ReadOnlyObjectProperty<List<Detail>> visibleProperty() { return visible.getReadOnlyProperty(); }

    /** e.g. "240 tags in 9 directories" or "12 of 240 tags match 'canon'". */
    public ReadOnlyObjectProperty<String> summaryProperty() { return summary.getReadOnlyProperty(); }

    /** Findings: label = kind, value = the sentence, tone = how to colour it. */
    public List<Detail> findings() { return findings; }

    public List<String> problems() { return problems.stream().map(Detail::value).toList(); }

    /** Shows a result; one without details (no file) empties the panel. */
    public void show(IndicatorResult r) {
        details = r == null ? List.of() : r.details();
        directories = children(MetadataIndicator.DIRECTORIES);
        findings = children(MetadataIndicator.FINDINGS);
        problems = children(MetadataIndicator.PROBLEMS);
        refilter();
    }

    public void clear() {
        show(null);
    }

    /** Every directory, tag, finding and problem as JSON (the form of {@code analyze --json}); "[]" when none. */
    public String exportJson() {
        return ReportJson.details(details).toPrettyString();
    }

    private List<Detail> children(String label) {
        for (Detail d : details) if (d.label().equals(label)) return d.children();
        return List.of();
    }

    private void refilter() {
        String q = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        List<Detail> out = new ArrayList<>();
        int total = 0, shown = 0;
        for (Detail dir : directories) {
            total += dir.children().size();
            boolean dirMatches = q.isEmpty() || dir.label().toLowerCase(Locale.ROOT).contains(q);
            List<Detail> tags = dirMatches ? dir.children() : dir.children().stream().filter(t -> matches(t, q)).toList();
            if (tags.isEmpty()) continue;
            shown += tags.size();
            out.add(new Detail(dir.label(), dir.value(), dir.tone(), tags));
        }
        visible.set(List.copyOf(out));
        summary.set(details.isEmpty() ? "" : q.isEmpty() ? total + " tags in " + directories.size() + " directories"
                : shown + " of " + total + " tags match '" + filter.get().strip() + "'");
    }

    private static boolean matches(Detail d, String q) {
        if (d.label().toLowerCase(Locale.ROOT).contains(q) || d.value().toLowerCase(Locale.ROOT).contains(q)) return true;
        for (Detail c : d.children()) if (matches(c, q)) return true;
        return false;
    }
}
