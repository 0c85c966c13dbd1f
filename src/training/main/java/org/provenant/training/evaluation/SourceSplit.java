package org.provenant.training.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.provenant.training.evaluation.LabelledSet.Item;

/**
 * Splits by source, never by crop: every generator, codec and photo collection goes whole into one part, so all
 * crops and re-saves of one original stay together (an original belongs to one source). Sources are dealt, largest
 * first (ties by name), to the part that holds the fewest images of that label so far: the same set always gives the
 * same split, and each part gets a share of every label.
 */
public final class SourceSplit {
    /** Part 0 of the two-part split: where calibrations are fitted; part 1 is held out. */
    public static final int CALIBRATION = 0, HELD_OUT = 1;

    private SourceSplit() { }

    /** The part (0..parts-1) of every source, dealt per label. */
    public static Map<String, Integer> assign(List<Item> items, int parts) {
        Map<String, Map<String, Integer>> countsByLabel = new TreeMap<>();
        for (Item it : items) countsByLabel.computeIfAbsent(it.label(), k -> new HashMap<>()).merge(key(it), 1, Integer::sum);
        Map<String, Integer> out = new HashMap<>();
        for (Map<String, Integer> counts : countsByLabel.values()) {
            List<Map.Entry<String, Integer>> order = new ArrayList<>(counts.entrySet());
            order.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                    .thenComparing(Map.Entry::getKey));
            int[] load = new int[parts];
            for (Map.Entry<String, Integer> e : order) {
                int best = 0;
                for (int p = 1; p < parts; p++) if (load[p] < load[best]) best = p;
                load[best] += e.getValue();
                out.put(e.getKey(), best);
            }
        }
        return out;
    }

    /** The part of one item under an assignment. */
    public static int partOf(Item it, Map<String, Integer> assignment) {
        Integer p = assignment.get(key(it));
        if (p == null) throw new IllegalArgumentException("source " + key(it) + " is not in the split");
        return p;
    }

    /** Label and source: the same source name under two labels is two sources. */
    static String key(Item it) {
        return it.label() + "/" + it.source();
    }

    /** The items of one part of the two-part split. */
    public static List<Item> part(List<Item> items, int part) {
        Map<String, Integer> a = assign(items, 2);
        List<Item> out = new ArrayList<>();
        for (Item it : items) if (partOf(it, a) == part) out.add(it);
        return out;
    }
}
