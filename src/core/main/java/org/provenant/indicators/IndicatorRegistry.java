package org.provenant.indicators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Every indicator on the class path, found through {@code META-INF/services/org.provenant.indicators.Indicator}.
 * Adding an indicator means adding a class and a line there: no view, CLI or report code changes.
 */
public final class IndicatorRegistry {
    private IndicatorRegistry() { }

    public static List<Indicator> all() {
        List<Indicator> list = new ArrayList<>();
        for (Indicator i : ServiceLoader.load(Indicator.class, IndicatorRegistry.class.getClassLoader())) list.add(i);
        list.sort(Comparator.comparingInt(Indicator::order).thenComparing(Indicator::id));
        return List.copyOf(list);
    }

    /**
     * The indicators of {@code all} that {@code --only} (null: every one) and {@code --skip} leave, in their order.
     *
     * @throws IllegalArgumentException naming an unknown id, or when nothing is left to run
     */
    public static List<Indicator> choose(List<Indicator> all, List<String> only, List<String> skip) {
        List<String> known = all.stream().map(Indicator::id).toList();
        List<String> named = new ArrayList<>(skip);
        if (only != null) named.addAll(only);
        for (String id : named) {
            if (!known.contains(id)) throw new IllegalArgumentException("no indicator '" + id + "' (known: " + String.join(", ", known) + ")");
        }
        List<Indicator> out = new ArrayList<>();
        for (Indicator i : all) if ((only == null || only.contains(i.id())) && !skip.contains(i.id())) out.add(i);
        if (out.isEmpty()) throw new IllegalArgumentException("--only/--skip leave no indicator to run");
        return out;
    }

    public static Indicator byId(String id) {
        for (Indicator i : all()) if (i.id().equals(id)) return i;
        throw new IllegalArgumentException("no indicator " + id);
    }
}
