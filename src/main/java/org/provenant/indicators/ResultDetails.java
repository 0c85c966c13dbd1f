package org.provenant.indicators;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Structured details of a result beyond its scores: named tables (a metadata directory and its tags, the
 * quantization tables, findings). They travel beside the {@link IndicatorResult} rather than in it, so that the
 * record every indicator constructs stays as it is: an indicator attaches them with {@link #attach}, and the
 * panel, the JSON and the PDF report read them with {@link #of}. The link is weak: details go with their result.
 *
 * @param tables the tables, in display order
 */
public record ResultDetails(List<Table> tables) {
    /**
     * One table.
     *
     * @param group   what kind of table, e.g. "Metadata" (a directory and its tags), "Findings", "Structure";
     *                views may treat a group specially (the metadata panel shows "Metadata" tables as a tree)
     * @param title   its title, e.g. "Exif IFD0"
     * @param columns column headings
     * @param rows    rows of cells, each as long as {@code columns}
     */
    public record Table(String group, String title, List<String> columns, List<List<String>> rows) {
        public Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** Results are records whose feature array is copied per instance, so equality is identity in practice. */
    private static final Map<IndicatorResult, ResultDetails> DETAILS = Collections.synchronizedMap(new WeakHashMap<>());

    public ResultDetails {
        tables = List.copyOf(tables);
    }

    /** Attaches the details to the result and returns the result. */
    public static IndicatorResult attach(IndicatorResult result, ResultDetails details) {
        DETAILS.put(result, details);
        return result;
    }

    /** The details attached to this result, if any. */
    public static Optional<ResultDetails> of(IndicatorResult result) {
        return result == null ? Optional.empty() : Optional.ofNullable(DETAILS.get(result));
    }

    /** The tables of one group, in order. */
    public List<Table> group(String group) {
        return tables.stream().filter(t -> t.group().equals(group)).toList();
    }
}
