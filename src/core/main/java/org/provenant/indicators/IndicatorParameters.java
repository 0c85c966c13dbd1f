package org.provenant.indicators;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The examiner's settings against what the registered indicators declare ({@link Indicator#parameters()}): the one
 * check of what was typed ({@link #validated}) and the one normal form that keys and records use
 * ({@link #nonDefault}: only values that differ from their default, so a setting equal to the default stores and
 * reads like no setting at all).
 */
public final class IndicatorParameters {
    private static volatile List<Parameter> registered;

    private IndicatorParameters() { }

    /** Every parameter the registered indicators declare, by key (read from the registry once). */
    public static List<Parameter> declared() {
        List<Parameter> r = registered;
        if (r == null) registered = r = declared(IndicatorRegistry.all());
        return r;
    }

    /** Every parameter these indicators declare, by key. */
    public static List<Parameter> declared(Collection<Indicator> indicators) {
        return indicators.stream().flatMap(i -> i.parameters().stream())
                .sorted(Comparator.comparing(Parameter::key)).distinct().toList();
    }

    /** The registered declaration of a key. */
    public static Optional<Parameter> find(String key) {
        return declared().stream().filter(p -> p.key().equals(key)).findFirst();
    }

    /**
     * The settings checked against the registered declarations, in their normal form ({@link #nonDefault}); an
     * {@link IllegalArgumentException} with one line naming the key and what is allowed for an unknown key or a value
     * that is not a whole number in range.
     */
    public static Map<String, String> validated(Map<String, String> given) {
        List<Parameter> known = declared();
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(given).entrySet()) {
            Parameter p = known.stream().filter(k -> k.key().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown parameter '" + e.getKey() + "'; known: "
                            + known.stream().map(k -> k.key() + " (" + k.min() + ".." + k.max() + ")")
                                    .collect(Collectors.joining(", "))));
            int v = p.parse(e.getValue());
            if (v != p.defaultValue()) out.put(p.key(), Integer.toString(v));
        }
        return Map.copyOf(out);
    }

    /**
     * The settings that differ from their declared default, a declared value written as its whole number; a key no
     * registered indicator declares is kept as given (test fixtures, another jar's indicator).
     */
    public static Map<String, String> nonDefault(Map<String, String> given) {
        if (given == null || given.isEmpty()) return Map.of();
        List<Parameter> known = declared();
        Map<String, String> out = new TreeMap<>();
        given.forEach((k, text) -> {
            Optional<Parameter> p = known.stream().filter(d -> d.key().equals(k)).findFirst();
            if (p.isEmpty()) {
                out.put(k, text);
                return;
            }
            int v = p.get().valueOf(text);
            if (v != p.get().defaultValue()) out.put(k, Integer.toString(v));
        });
        return Map.copyOf(out);
    }

    /** One line per setting, e.g. "ela.quality = 75 (default 90): JPEG quality of the re-save ...". */
    public static List<String> describe(Map<String, String> settings) {
        return new TreeMap<>(settings).entrySet().stream().map(e -> find(e.getKey())
                .map(p -> p.key() + " = " + e.getValue() + " (default " + p.defaultValue() + "): " + p.meaning())
                .orElse(e.getKey() + " = " + e.getValue())).toList();
    }
}
