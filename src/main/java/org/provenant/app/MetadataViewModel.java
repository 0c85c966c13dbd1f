package org.provenant.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.provenant.analysis.ReportJson;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.ResultDetails;

/**
 * State of the metadata panel, without any control: the directories and tags of the last result, the search
 * text, the directories and tags that match it, the findings and the problems, and the JSON export. The view
 * binds to it; tests drive it directly.
 */
public final class MetadataViewModel {
    /** One directory of the tree with the tags shown under it. */
    public record Directory(String name, List<ResultDetails.Table> source, List<List<String>> tags) { }

    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyObjectWrapper<List<Directory>> visible = new ReadOnlyObjectWrapper<>(this, "visible", List.of());
    private final ReadOnlyObjectWrapper<String> summary = new ReadOnlyObjectWrapper<>(this, "summary", "");
    private ResultDetails details;
    private List<List<String>> findings = List.of();
    private List<String> problems = List.of();

    public MetadataViewModel() {
        filter.addListener((o, a, b) -> refilter());
    }

    public StringProperty filterProperty() { return filter; }

    /** The directories (with their matching tags) the tree shows now. */
    public ReadOnlyObjectProperty<List<Directory>> visibleProperty() { return visible.getReadOnlyProperty(); }

    /** e.g. "240 tags in 9 directories" or "12 of 240 tags match 'canon'". */
    public ReadOnlyObjectProperty<String> summaryProperty() { return summary.getReadOnlyProperty(); }

    /** Rows of (kind, sentence). */
    public List<List<String>> findings() { return findings; }

    public List<String> problems() { return problems; }

    /** Shows a result; one without details (another indicator's, or no file) empties the panel. */
    public void show(IndicatorResult r) {
        details = ResultDetails.of(r).orElse(null);
        findings = details == null ? List.of() : details.group("Findings").stream().flatMap(t -> t.rows().stream()).toList();
        problems = details == null ? List.of() : details.group("Problems").stream().flatMap(t -> t.rows().stream())
                .map(row -> row.get(0)).toList();
        refilter();
    }

    public void clear() {
        details = null;
        findings = List.of();
        problems = List.of();
        refilter();
    }

    /** Every directory and tag as JSON (the same form as in {@code analyze --json}); "[]" when none. */
    public String exportJson() {
        return details == null ? "[]" : ReportJson.details(details).toPrettyString();
    }

    private void refilter() {
        List<ResultDetails.Table> dirs = details == null ? List.of() : details.group("Metadata");
        String q = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        List<Directory> out = new ArrayList<>();
        int total = 0, shown = 0;
        for (ResultDetails.Table t : dirs) {
            total += t.rows().size();
            boolean dirMatches = q.isEmpty() || t.title().toLowerCase(Locale.ROOT).contains(q);
            List<List<String>> rows = dirMatches ? t.rows() : t.rows().stream()
                    .filter(row -> row.stream().anyMatch(c -> c.toLowerCase(Locale.ROOT).contains(q))).toList();
            if (rows.isEmpty()) continue;
            shown += rows.size();
            out.add(new Directory(t.title(), List.of(t), rows));
        }
        visible.set(List.copyOf(out));
        summary.set(details == null ? "" : q.isEmpty() ? total + " tags in " + dirs.size() + " directories"
                : shown + " of " + total + " tags match '" + filter.get().strip() + "'");
    }
}
