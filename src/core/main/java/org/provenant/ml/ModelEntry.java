package org.provenant.ml;

import java.util.List;
import java.util.Map;

/**
 * One model in {@code models/manifest.json}.
 *
 * @param name       unique name, e.g. "codec-hp-q2-analysis"
 * @param file       path relative to the models folder
 * @param sha256     expected SHA-256 of the file (hex); verified before the file is used
 * @param kind       what it is, e.g. "codec.analysis", "codec.synthesis", "classifier.colour", "lare.denoiser"
 * @param inputs     tensor descriptions, e.g. "x: float32[1,3,H,W] RGB in [0,1]"
 * @param outputs    tensor descriptions
 * @param howMade    how the file was produced (training command, data, or "user supplied")
 * @param properties free-form numbers and strings (rate point, lambda, latent channels...)
 */
public record ModelEntry(String name, String file, String sha256, String kind, List<String> inputs,
                         List<String> outputs, String howMade, Map<String, String> properties) {
    public ModelEntry {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public String property(String key, String fallback) {
        return properties.getOrDefault(key, fallback);
    }

    /** A count property written "a/b" (e.g. "8/27" detected) as {a, b}; {0, 0} when absent or malformed. */
    public int[] counts(String key) {
        String[] p = properties.getOrDefault(key, "").split("/");
        try {
            return p.length == 2 ? new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())} : new int[] {0, 0};
        } catch (NumberFormatException e) {
            return new int[] {0, 0};
        }
    }

    /** A numeric property, or NaN when it is absent or not a number. */
    public double number(String key) {
        String v = properties.get(key);
        if (v == null || v.isBlank()) return Double.NaN;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
