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

    public static Indicator byId(String id) {
        for (Indicator i : all()) if (i.id().equals(id)) return i;
        throw new IllegalArgumentException("no indicator " + id);
    }
}
