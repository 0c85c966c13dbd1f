package org.provenant.indicators;

import java.util.ArrayList;
import java.util.List;

/**
 * A labelled point on a map, in map pixel coordinates (e.g. a detected spectral peak). Two markers labelled
 * "A" + n and "B" + n (e.g. a copied region and its look-alike) form a pair that views join with a line.
 */
public record Marker(double x, double y, String label) {
    /** The pairs A-n / B-n among the markers, in the order of the A markers. */
    public static List<Marker[]> pairs(List<Marker> markers) {
        List<Marker[]> out = new ArrayList<>();
        for (Marker a : markers) {
            if (!a.label().matches("A\\d+")) continue;
            String b = "B" + a.label().substring(1);
            for (Marker m : markers) if (m.label().equals(b)) out.add(new Marker[]{a, m});
        }
        return out;
    }
}
