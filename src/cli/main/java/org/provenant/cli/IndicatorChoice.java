package org.provenant.cli;

import java.util.ArrayList;
import java.util.List;
import org.provenant.core.command.UsageException;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorRegistry;

/** The options {@code --only id,id}, {@code --skip id,id} and {@code --threads N} shared by batch and the benches. */
final class IndicatorChoice {
    List<String> only;
    List<String> skip = List.of();
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** Takes the option at {@code args[i]} (and its value) when it is one of ours; returns the next index, or -1. */
    int take(List<String> args, int i) throws UsageException {
        String a = args.get(i);
        if (!List.of("--only", "--skip", "--threads").contains(a)) return -1;
        if (i + 1 >= args.size()) throw new UsageException(a + " needs a value");
        String v = args.get(i + 1);
        switch (a) {
            case "--only" -> only = ids(v);
            case "--skip" -> skip = ids(v);
            default -> threads = positive(v);
        }
        return i + 2;
    }

    /** Takes every one of our options (with its value) out of {@code args}; returns the other arguments in order. */
    List<String> takeAll(List<String> args) throws UsageException {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); ) {
            int next = take(args, i);
            if (next > 0) i = next;
            else rest.add(args.get(i++));
        }
        return rest;
    }

    /** The registered indicators the options leave, in panel order. */
    List<Indicator> indicators() throws UsageException {
        return choose(IndicatorRegistry.all(), only, skip);
    }

    static List<Indicator> choose(List<Indicator> all, List<String> only, List<String> skip) throws UsageException {
        try {
            return IndicatorRegistry.choose(all, only, skip);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static List<String> ids(String v) {
        List<String> l = new ArrayList<>();
        for (String s : v.split(",")) if (!s.isBlank()) l.add(s.strip());
        return l;
    }

    private static int positive(String v) throws UsageException {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= 64) return n;
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("--threads needs a whole number from 1 to 64, not '" + v + "'");
    }
}
