package org.provenant.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorRegistry;

/**
 * The options of {@code analyze}: where the evidence is (a folder, or a text file listing paths, on any Hadoop file
 * system), where the table goes, which models, which indicators, and how the work is cut.
 *
 * @param input       a folder read recursively (hidden files included, as the batch does), or null
 * @param list        a text file with one path per line, or null
 * @param out         the output folder (the table is {@code out/results}, run records {@code out/runs})
 * @param models      the models folder on the driver, or null for the one the desktop tools find
 * @param json        whether each row carries the {@code analyze --json} text
 * @param chunk       files per committed chunk (0: 64 per task slot of the cluster)
 * @param only        {@code --only} ids, or null for every indicator
 * @param skip        {@code --skip} ids
 * @param retryErrors whether files that failed in an earlier run are tried again
 */
record JobOptions(String input, String list, String out, String models, boolean json, int chunk, List<String> only,
                  List<String> skip, boolean retryErrors) implements Serializable {
    static final String USAGE = "analyze (--input DIR | --list FILE) --out DIR [--models DIR] [--json] [--chunk N]"
            + " [--only id,id] [--skip id,id] [--retry-errors]";

    JobOptions {
        skip = skip == null ? List.of() : List.copyOf(skip);
        only = only == null ? null : List.copyOf(only);
    }

    /** Parses the arguments after {@code analyze}; a mistake is an {@link IllegalArgumentException} in words. */
    static JobOptions parse(List<String> args) {
        String input = null, list = null, out = null, models = null;
        boolean json = false, retry = false;
        int chunk = 0;
        List<String> only = null, skip = List.of();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--json" -> json = true;
                case "--retry-errors" -> retry = true;
                case "--input", "--list", "--out", "--models", "--chunk", "--only", "--skip" -> {
                    if (i + 1 >= args.size()) throw new IllegalArgumentException(a + " needs a value");
                    String v = args.get(++i);
                    switch (a) {
                        case "--input" -> input = v;
                        case "--list" -> list = v;
                        case "--out" -> out = v;
                        case "--models" -> models = v;
                        case "--chunk" -> chunk = positive(a, v);
                        case "--only" -> only = ids(v);
                        default -> skip = ids(v);
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if ((input == null) == (list == null)) throw new IllegalArgumentException("give --input DIR or --list FILE (one of them)");
        if (out == null) throw new IllegalArgumentException("--out DIR is required");
        JobOptions o = new JobOptions(input, list, out, models, json, chunk, only, skip, retry);
        o.indicators();   // unknown ids are refused here, before anything runs
        return o;
    }

    /** The registered indicators the options leave, in panel order. */
    List<Indicator> indicators() {
        return IndicatorRegistry.choose(IndicatorRegistry.all(), only, skip);
    }

    List<String> indicatorIds() {
        return indicators().stream().map(Indicator::id).toList();
    }

    private static List<String> ids(String v) {
        List<String> l = new ArrayList<>();
        for (String s : v.split(",")) if (!s.isBlank()) l.add(s.strip());
        return l;
    }

    private static int positive(String option, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(option + " needs a whole number of at least 1, not '" + v + "'");
    }
}
