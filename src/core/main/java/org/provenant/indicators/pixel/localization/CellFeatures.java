package org.provenant.indicators.pixel.localization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.provenant.core.image.FloatMap;

/**
 * The feature vector of every cell that the fusion model weighs: for each cue, how far the cell departs from the rest
 * of the image (robust z against the image's median and MAD, clipped to +-{@link #CLIP}, split into its rise and its
 * fall so that each direction gets its own weight), alone and averaged with its 3x3 neighbours (a region, not a
 * speck); for the share cues (duplicates, copy-move) the share itself, alone and averaged; and the context of the
 * cell (texture, clipping, brightness, how many cues could speak). A cue without a value in a cell (a flat block)
 * contributes 0 there: no evidence either way.
 */
public final class CellFeatures {
    /** Largest |z| a feature takes: one extreme cell does not outweigh everything. Our choice. */
    static final double CLIP = 6;
    /**
     * Cues given as shares or probabilities (0..1) rather than compared with the rest of the image (the camera-noise
     * anomaly is already a comparison with the rest of the image).
     */
    static final List<String> SHARE_CUES = List.of(CellCues.DUPLICATES, CellCues.COPY_MOVE, CellCues.DOUBLE_JPEG,
            CellCues.NOISEPRINT);

    /** Feature names in order, and per cell (row-major on the grid) the vector. */
    public record Table(List<String> names, float[][] rows) { }

    private CellFeatures() { }

    /** The features of every cue: the image's own cues and context first, then the {@link CellCues#EXTERNAL} cues. */
    public static Table of(CellCues.Cues c) {
        Map<String, FloatMap> own = new LinkedHashMap<>(), external = new LinkedHashMap<>();
        c.cues().forEach((k, v) -> (CellCues.external(k) ? external : own).put(k, v));
        return concat(own(own, c), external(external, c.grid().gw(), c.grid().gh()));
    }

    /**
     * The features of the image's own cues and of its context; {@code valid} is the share of these comparative cues
     * that could score the cell (the external maps, which cover only part of some images, do not count).
     */
    static Table own(Map<String, FloatMap> cues, CellCues.Cues c) {
        int n = c.grid().cells(), gw = c.grid().gw(), gh = c.grid().gh();
        List<String> names = new ArrayList<>();
        List<float[]> cols = new ArrayList<>();
        int[] valid = new int[n];
        int comparative = 0;
        for (Map.Entry<String, FloatMap> e : cues.entrySet()) {
            float[] v = e.getValue().data();
            if (!SHARE_CUES.contains(e.getKey())) {
                comparative++;
                for (int i = 0; i < n; i++) if (Float.isFinite(v[i])) valid[i]++;
            }
            addCue(names, cols, e.getKey(), v, gw, gh);
        }
        float[] tex = c.context().get(CellCues.TEXTURE).data();
        add(names, cols, "texture.z", zeroNaN(clip(CellCues.robustZ(tex))));
        add(names, cols, "texture", zeroNaN(tex));
        add(names, cols, CellCues.SATURATED, zeroNaN(c.context().get(CellCues.SATURATED).data()));
        add(names, cols, CellCues.DARK, zeroNaN(c.context().get(CellCues.DARK).data()));
        float[] share = new float[n];
        for (int i = 0; i < n; i++) share[i] = comparative == 0 ? 0 : valid[i] / (float) comparative;
        add(names, cols, "valid", share);
        return table(names, cols, n);
    }

    /** The features of the {@link CellCues#EXTERNAL} cues alone (so that a cache of the others can be extended). */
    public static Table external(Map<String, FloatMap> cues, int gw, int gh) {
        List<String> names = new ArrayList<>();
        List<float[]> cols = new ArrayList<>();
        cues.forEach((k, v) -> addCue(names, cols, k, v.data(), gw, gh));
        return table(names, cols, gw * gh);
    }

    /** The columns of {@code a} followed by those of {@code b} (same cells). */
    public static Table concat(Table a, Table b) {
        List<String> names = new ArrayList<>(a.names());
        names.addAll(b.names());
        float[][] rows = new float[a.rows().length][];
        for (int i = 0; i < rows.length; i++) {
            float[] r = Arrays.copyOf(a.rows()[i], names.size());
            System.arraycopy(b.rows()[i], 0, r, a.names().size(), b.names().size());
            rows[i] = r;
        }
        return new Table(List.copyOf(names), rows);
    }

    /** A share cue as its share, alone and 3x3; any other cue as its robust z's rise and fall, alone and 3x3. */
    private static void addCue(List<String> names, List<float[]> cols, String k, float[] v, int gw, int gh) {
        if (SHARE_CUES.contains(k)) {
            float[] raw = zeroNaN(v);
            add(names, cols, k, raw);
            add(names, cols, k + ".s", smooth(raw, gw, gh));
            return;
        }
        float[] z = zeroNaN(clip(CellCues.robustZ(v)));
        float[] zs = smooth(z, gw, gh);
        add(names, cols, k + ".up", part(z, true));
        add(names, cols, k + ".down", part(z, false));
        add(names, cols, k + ".s.up", part(zs, true));
        add(names, cols, k + ".s.down", part(zs, false));
    }

    private static Table table(List<String> names, List<float[]> cols, int n) {
        float[][] rows = new float[n][names.size()];
        for (int j = 0; j < cols.size(); j++) {
            float[] col = cols.get(j);
            for (int i = 0; i < n; i++) rows[i][j] = col[i];
        }
        return new Table(List.copyOf(names), rows);
    }

    private static void add(List<String> names, List<float[]> cols, String name, float[] v) {
        names.add(name);
        cols.add(v);
    }

    static float[] clip(float[] z) {
        float[] out = z.clone();
        for (int i = 0; i < out.length; i++) if (Float.isFinite(out[i])) out[i] = (float) Math.max(-CLIP, Math.min(CLIP, out[i]));
        return out;
    }

    static float[] zeroNaN(float[] v) {
        float[] out = v.clone();
        for (int i = 0; i < out.length; i++) if (!Float.isFinite(out[i])) out[i] = 0;
        return out;
    }

    static float[] part(float[] z, boolean up) {
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) out[i] = up ? Math.max(0, z[i]) : Math.max(0, -z[i]);
        return out;
    }

    /** 3x3 mean (cells outside the grid left out). */
    static float[] smooth(float[] v, int gw, int gh) {
        float[] out = new float[v.length];
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                double s = 0;
                int k = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx, yy = y + dy;
                        if (xx < 0 || yy < 0 || xx >= gw || yy >= gh) continue;
                        s += v[yy * gw + xx];
                        k++;
                    }
                }
                out[y * gw + x] = (float) (s / k);
            }
        }
        return out;
    }
}
