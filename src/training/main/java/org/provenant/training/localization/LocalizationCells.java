package org.provenant.training.localization;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.provenant.training.evaluation.LabelledSet.Item;
import org.provenant.training.evaluation.MaskedSet;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.ProgressSink;
import org.provenant.indicators.SharedWork;
import org.provenant.ml.ModelRegistry;
import org.provenant.indicators.pixel.localization.CellCues;
import org.provenant.indicators.pixel.localization.CellFeatures;
import org.provenant.indicators.pixel.localization.CellGrid;
import org.provenant.indicators.pixel.localization.Localization;

/**
 * The cell features of many images with the truth of each cell (the share of its pixels that the mask marks; 0 for
 * originals and untouched photos), for fitting the fusion model. Features are computed once per image and kept in a
 * cache folder (one small binary file per image, keyed by the file's content), so that refits and threshold searches
 * do not analyse again.
 */
public final class LocalizationCells {
    /** One image: its item, size, grid, feature table and per-cell truth (NaN when the mask could not be read). */
    public record ImageCells(Item item, int width, int height, int gw, int gh, CellFeatures.Table table, float[] truth) {
        public boolean edit() { return MaskedSet.kind(item).equals(MaskedSet.EDIT); }
    }

    /** Bumped whenever a cue changes (4: the copy-move indicator's dense field, session 10). */
    private static final int VERSION = 4;

    private LocalizationCells() { }

    public static List<ImageCells> all(List<Item> items, ModelRegistry models, int threads, Path cache, Consumer<Integer> progress)
            throws IOException, InterruptedException {
        return all(items, models, threads, cache, false, progress);
    }

    /**
     * As {@link #all(List, ModelRegistry, int, Path, Consumer)}; with {@code cachedOnly}, only the images whose features
     * are already in the cache (a time-boxed run: which images those are depends on the order they were measured in,
     * never on their results); without {@code externals}, the features of the {@link CellCues#EXTERNAL} cues are left
     * out (the fusion as it was before they joined; a cache entry without them is then enough).
     */
    public static List<ImageCells> all(List<Item> items, ModelRegistry models, int threads, Path cache, boolean cachedOnly,
                                       boolean externals, Consumer<Integer> progress) throws IOException, InterruptedException {
        if (cache != null) Files.createDirectories(cache);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<ImageCells>> fs = new ArrayList<>();
            int[] done = {0};
            for (Item it : items) {
                fs.add(pool.submit(() -> {
                    ImageCells c = cached(it, models, cache, cachedOnly, externals);
                    synchronized (done) {
                        progress.accept(++done[0]);
                    }
                    return c;
                }));
            }
            List<ImageCells> out = new ArrayList<>();
            for (Future<ImageCells> f : fs) {
                try {
                    ImageCells c = f.get();
                    if (c != null) out.add(c);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException(e.getCause());
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** As {@link #all(List, ModelRegistry, int, Path, boolean, boolean, Consumer)} with every cue. */
    public static List<ImageCells> all(List<Item> items, ModelRegistry models, int threads, Path cache, boolean cachedOnly,
                                       Consumer<Integer> progress) throws IOException, InterruptedException {
        return all(items, models, threads, cache, cachedOnly, true, progress);
    }

    /**
     * The cached features when the cache has them; a cache entry made before the {@link CellCues#EXTERNAL} cues joined
     * is extended by measuring those cues alone (their indicators only) and written back.
     */
    static ImageCells cached(Item it, ModelRegistry models, Path cache, boolean cachedOnly, boolean externals) throws IOException {
        Path f = cache == null ? null : cache.resolve(key(it.file()) + ".cells");
        ImageCells c = f != null && Files.isRegularFile(f) ? read(f, it) : null;
        if (c != null && externals && !hasExternals(c.table())) {
            if (cachedOnly) return null;
            c = withExternals(c, models);
            if (c != null) write(f, c);
        }
        if (c == null) {
            if (cachedOnly) return null;
            c = compute(it, models);
            if (f != null && c != null) write(f, c);
        }
        return c == null || externals ? c : new ImageCells(c.item, c.width, c.height, c.gw, c.gh, ownOnly(c.table), c.truth);
    }

    static boolean hasExternals(CellFeatures.Table t) {
        return CellCues.EXTERNAL.stream().allMatch(e -> t.names().stream().anyMatch(n -> externalName(e.cue(), n)));
    }

    private static boolean externalName(String cue, String name) {
        return name.equals(cue) || name.startsWith(cue + ".");
    }

    /** The table without the features of the {@link CellCues#EXTERNAL} cues. */
    static CellFeatures.Table ownOnly(CellFeatures.Table t) {
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < t.names().size(); j++) {
            String n = t.names().get(j);
            if (CellCues.EXTERNAL.stream().noneMatch(e -> externalName(e.cue(), n))) keep.add(j);
        }
        float[][] rows = new float[t.rows().length][keep.size()];
        for (int i = 0; i < rows.length; i++) for (int k = 0; k < keep.size(); k++) rows[i][k] = t.rows()[i][keep.get(k)];
        return new CellFeatures.Table(keep.stream().map(t.names()::get).toList(), rows);
    }

    /** {@code c} (features of the image's own cues) with the {@link CellCues#EXTERNAL} cues' features added; null if unreadable. */
    static ImageCells withExternals(ImageCells c, ModelRegistry models) throws IOException {
        LoadedImage img;
        try {
            img = new ImageLoader().load(c.item().file());
        } catch (Exception e) {
            return null;
        }
        FloatImage image = img.image();
        CellGrid g = CellGrid.of(image.width(), image.height());
        if (image.width() != c.width || image.height() != c.height || g.gw() != c.gw || g.gh() != c.gh) return null;
        IndicatorContext ctx = new IndicatorContext(models, ProgressSink.NONE, img.evidence(), Map.of(), new SharedWork(image));
        try {
            CellFeatures.Table ext = CellFeatures.external(CellCues.externals(image, ctx, g), g.gw(), g.gh());
            return new ImageCells(c.item, c.width, c.height, c.gw, c.gh, CellFeatures.concat(c.table, ext), c.truth);
        } catch (Exception e) {
            return null;
        }
    }

    /** The features of one image and the truth of its cells; null when the image cannot be read or is too small. */
    public static ImageCells compute(Item it, ModelRegistry models) throws IOException {
        LoadedImage img;
        try {
            img = new ImageLoader().load(it.file());
        } catch (Exception e) {
            return null;
        }
        FloatImage image = img.image();
        if (Math.min(image.width(), image.height()) < Localization.MIN_SIDE) return null;
        IndicatorContext ctx = new IndicatorContext(models, ProgressSink.NONE, img.evidence(), Map.of(), new SharedWork(image));
        Localization.Localized l;
        try {
            l = Localization.localize(image, ctx, Optional.empty());
        } catch (Exception e) {
            return null;
        }
        CellGrid g = l.cues().grid();
        float[] truth = new float[g.cells()];
        Path mask = MaskedSet.mask(it);
        if (mask != null) {
            boolean[] m = org.provenant.training.evaluation.LocalizationEvaluation.readMaskOrNull(mask, image.width(), image.height());
            if (m == null) {
                java.util.Arrays.fill(truth, Float.NaN);
            } else {
                float[] px = new float[m.length];
                for (int i = 0; i < m.length; i++) px[i] = m[i] ? 1 : 0;
                truth = g.fromPixels(px).data();
            }
        }
        return new ImageCells(it, image.width(), image.height(), g.gw(), g.gh(), l.features(), truth);
    }

    /**
     * The cache key of an image file: SHA-1 of its bytes and of the cache version (not its path or modification time,
     * which change between checkouts and mounts of the same data).
     */
    static String key(Path file) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-1");
            try (java.io.InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int r; (r = in.read(buf)) > 0; ) d.update(buf, 0, r);
            }
            d.update(("|v" + VERSION).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Path f, ImageCells c) throws IOException {
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            o.writeInt(VERSION);
            o.writeInt(c.width);
            o.writeInt(c.height);
            o.writeInt(c.gw);
            o.writeInt(c.gh);
            o.writeInt(c.table.names().size());
            for (String n : c.table.names()) o.writeUTF(n);
            for (float[] row : c.table.rows()) for (float v : row) o.writeFloat(v);
            for (float v : c.truth) o.writeFloat(v);
        }
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static ImageCells read(Path f, Item it) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
            if (in.readInt() != VERSION) return null;
            int w = in.readInt(), h = in.readInt(), gw = in.readInt(), gh = in.readInt(), k = in.readInt();
            List<String> names = new ArrayList<>();
            for (int j = 0; j < k; j++) names.add(in.readUTF());
            float[][] rows = new float[gw * gh][k];
            for (float[] row : rows) for (int j = 0; j < k; j++) row[j] = in.readFloat();
            float[] truth = new float[gw * gh];
            for (int i = 0; i < truth.length; i++) truth[i] = in.readFloat();
            return new ImageCells(it, w, h, gw, gh, new CellFeatures.Table(List.copyOf(names), rows), truth);
        } catch (IOException e) {
            return null;
        }
    }
}
