package org.provenant.training.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.provenant.training.evaluation.LabelledSet.Item;

/**
 * Images with masks of their edited pixels, for the localization tables of {@code provenant evaluate}: the
 * real-edits validation set ({@code SOURCES.tsv} with columns file, kind, edit_type, benchmark), the synthetic edits of
 * {@code models/training/edits/build_edits.py} ({@code index.tsv} with columns path, mask, original, split, edit_type,
 * host_key) and untouched photographs (any {@link LabelledSet}; only its real images are taken). An edit's mask is
 * {@code <stem>.mask.png} beside it (255 = edited).
 *
 * <p>Items are {@link Item}s so that the evaluation machinery runs them: label {@value #EDITED} for edits and
 * {@value LabelledSet#REAL} for originals and untouched photos; source = the benchmark, or the host photo's repository
 * or collection (the split key); parent = the edit's id, shared with its original; transform = the kind and edit type
 * ("edit/splice", "original/splice", "untouched").
 */
public final class MaskedSet {
    public static final String EDITED = "edited";
    public static final String EDIT = "edit", ORIGINAL = "original", UNTOUCHED = "untouched";
    /** Fold of the held-out sources where calibrations of the localization are fitted; the other fold is for figures. */
    public static final int FIT_FOLD = 0, FIGURES_FOLD = 1;
    /**
     * Photo collections (sources of models/training/edits/heldout_photos.py) kept for measuring false alarms only:
     * never used to fit a threshold or a calibration, whatever their fold.
     */
    public static final java.util.Set<String> NEVER_FITTED = java.util.Set.of("skimage", "debian-wallpaper");

    private MaskedSet() { }

    /** Whether the set is a masked set this class reads (a real-edits SOURCES.tsv or an edits index.tsv). */
    public static boolean isMasked(Path set) {
        try {
            Path f = table(set);
            if (f == null) return false;
            String head = Files.readAllLines(f, StandardCharsets.UTF_8).get(0);
            List<String> cols = List.of(head.split("\t"));
            return cols.contains("kind") && cols.contains("edit_type") || cols.contains("mask") && cols.contains("original");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Path table(Path set) {
        if (Files.isRegularFile(set)) return set;
        for (String n : List.of("SOURCES.tsv", LabelledSet.INDEX)) if (Files.isRegularFile(set.resolve(n))) return set.resolve(n);
        return null;
    }

    /**
     * The edits and their originals. {@code split} selects the part of a synthetic set ("training", "heldout"; null
     * or "all" for every row); real-edits has no parts.
     */
    public static List<Item> read(Path set, String split) throws IOException {
        Path f = table(set);
        if (f == null) throw new IOException(set + " holds neither SOURCES.tsv nor index.tsv");
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        Map<String, Integer> col = new HashMap<>();
        String[] head = lines.get(0).split("\t", -1);
        for (int i = 0; i < head.length; i++) col.put(head[i].trim(), i);
        Path base = f.toAbsolutePath().getParent();
        List<Item> out = new ArrayList<>();
        boolean real = col.containsKey("kind");
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] c = line.split("\t", -1);
            String type = c[col.get("edit_type")];
            if (real) {
                String file = c[col.get("file")];
                boolean edit = EDIT.equals(c[col.get("kind")]);
                String id = stem(file).replaceAll("\\.orig$", "");
                out.add(new Item(base.resolve(file), edit ? EDITED : LabelledSet.REAL, c[col.get("benchmark")], id,
                        (edit ? EDIT : ORIGINAL) + "/" + type));
            } else {
                if (split != null && !split.equals("all") && !split.equals(c[col.get("split")])) continue;
                String id = c[col.get("id")], key = c[col.get("host_key")];
                String sub = col.containsKey("subtype") && !c[col.get("subtype")].isBlank() ? type + ":" + c[col.get("subtype")] : type;
                out.add(new Item(base.resolve(c[col.get("path")]), EDITED, key, id, EDIT + "/" + sub));
                out.add(new Item(base.resolve(c[col.get("original")]), LabelledSet.REAL, key, id, ORIGINAL + "/" + sub));
            }
        }
        if (out.isEmpty()) throw new IOException("no edits in " + f + (split == null ? "" : " (split " + split + ")"));
        return out;
    }

    /** The real images of a labelled set as untouched photos (source and parent kept). */
    public static List<Item> untouched(Path set) throws IOException {
        List<Item> out = new ArrayList<>();
        for (Item it : LabelledSet.read(set)) {
            if (it.real()) out.add(new Item(it.file(), it.label(), it.source(), it.parent(), UNTOUCHED));
        }
        if (out.isEmpty()) throw new IOException("no real photos in " + set);
        return out;
    }

    /** The mask beside an edit ({@code <stem>.mask.png}); null for originals and untouched photos. */
    public static Path mask(Item it) {
        if (!kind(it).equals(EDIT)) return null;
        return it.file().resolveSibling(stem(it.file().getFileName().toString()) + ".mask.png");
    }

    /** "edit", "original" or "untouched". */
    public static String kind(Item it) {
        String t = it.transform();
        int s = t.indexOf('/');
        return s < 0 ? t : t.substring(0, s);
    }

    /** The edit type ("splice", "copy-move", "inpainting:taef2", ...); "" for untouched photos. */
    public static String editType(Item it) {
        String t = it.transform();
        int s = t.indexOf('/');
        return s < 0 ? "" : t.substring(s + 1);
    }

    /**
     * The fold (0 or 1) of a source key: bit 0 of the second 32-bit word of its SHA-1. Held-out sources are dealt
     * whole to two folds so that a calibration fitted on one is measured on the other. ({@link SourceSplit} is not
     * used: it deals a key per label, and an edit must stay with its original.)
     */
    public static int fold(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(key.getBytes(StandardCharsets.UTF_8));
            return d[7] & 1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The held-out fold a source counts in for a fitted threshold or calibration: its {@link #fold}, except the
     * {@link #NEVER_FITTED} collections, which only ever measure ({@link #FIGURES_FOLD}).
     */
    public static int calibrationFold(String source) {
        return NEVER_FITTED.contains(source) ? FIGURES_FOLD : fold(source);
    }

    private static String stem(String file) {
        String n = Path.of(file).getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
