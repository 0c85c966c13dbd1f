package org.provenant.training.codec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.provenant.core.io.ImageLoader;
import org.provenant.indicators.features.CodecFeatures;

/**
 * The material of the neural-codec detector: the real and generated images of the evaluation corpus
 * (models/training/data/build_corpus.py, its index.tsv) and the codec class made from the corpus's real photos by
 * four codec families (models/training/data/build_codec_class.py). Every image is one row; its group for
 * validation is the photo ({@code parent}): a photo's crops, JPEG re-saves and codec reconstructions always fall in
 * the same fold. The {@code skimage} source is left out (two of its photos trained our codecs, three are test
 * fixtures).
 */
public final class CodecData {
    public static final String REAL = "real", CODEC = "codec", GENERATED = "generated";
    /** Sources of the classic-codec decodes (models/training/data/build_classic_train.py): real photos, label real. */
    public static final java.util.Set<String> CLASSIC = java.util.Set.of("avif", "jxl", "webp");
    /** The split (models/training/splits.py) whose photos are the evaluation's and never train anything here. */
    static final String HELD_OUT_SPLIT = "held-out";
    static final String EXCLUDED_SOURCE = "skimage", EXCLUDED_COLLECTION = "debian-wallpaper";

    /** One image: label (real, codec, generated), source (photo collection, codec family or generator), photo id. */
    public record Item(Path file, String label, String source, String parent, String format) {
        public boolean codec() { return CODEC.equals(label); }
        public boolean real() { return REAL.equals(label); }
    }

    /** One image and its features ({@link CodecFeatures}). */
    public record Row(Item item, double[] features) { }

    private CodecData() { }

    /**
     * The items of one index.tsv (corpus, codec class or classic-codec decodes); {@code edited} and skimage rows
     * left out, and so are the rows of the {@code held-out} split (column {@code split}): those photos, their codec
     * reconstructions and their classic decodes are the evaluation's (data/eval, runs c and k).
     */
    public static List<Item> read(Path folder) throws IOException {
        List<String> lines = Files.readAllLines(folder.resolve("index.tsv"), StandardCharsets.UTF_8);
        List<String> head = Arrays.asList(lines.get(0).split("\t", -1));
        int cPath = head.indexOf("path"), cLabel = head.indexOf("label"), cSource = head.indexOf("source"),
                cParent = head.indexOf("parent"), cColl = head.indexOf("collection"), cFormat = head.indexOf("format"), cPhoto = head.indexOf("photo_source"),
                cSplit = head.indexOf("split");
        if (cPath < 0 || cLabel < 0 || cSource < 0 || cParent < 0) throw new IOException(folder + "/index.tsv lacks columns");
        List<Item> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t", -1);
            if (c.length <= cParent) continue;
            String label = c[cLabel];
            if (!label.equals(REAL) && !label.equals(CODEC) && !label.equals(GENERATED)) continue;
            if (c[cSource].equals(EXCLUDED_SOURCE) || (cPhoto >= 0 && c.length > cPhoto && c[cPhoto].equals(EXCLUDED_SOURCE))) continue;
            if (cColl >= 0 && c[cColl].equals(EXCLUDED_COLLECTION)) continue;
            if (cSplit >= 0 && c.length > cSplit && c[cSplit].equals(HELD_OUT_SPLIT)) continue;
            if (cPhoto >= 0 && c.length > cPhoto && c[cPhoto].startsWith("wallpaper-")) continue;  // codec-class rows of wallpaper photos
            out.add(new Item(folder.resolve(c[cPath]), label, c[cSource], c[cParent], cFormat < 0 ? "" : c[cFormat]));
        }
        return out;
    }

    /** The fold of a photo among {@code k} (stable: from its id). */
    public static int fold(String parent, int k) {
        return Math.floorMod(parent.hashCode(), k);
    }

    /** The calibration half of a photo (0 or 1), independent of {@link #fold}. */
    public static int half(String parent) {
        return Math.floorMod(parent.hashCode() * 31 + 17, 2);
    }

    /**
     * Feature rows of the items, read from / added to a TSV cache (file, features) when one is given. Images whose
     * features are undefined (greyscale, smaller than a tile, flat channel) are skipped and counted.
     */
    public static List<Row> rows(List<Item> items, Path cache, PrintStream log) throws IOException {
        Map<String, double[]> known = new HashMap<>();
        if (cache != null && Files.isRegularFile(cache)) {
            for (String line : Files.readAllLines(cache, StandardCharsets.UTF_8)) {
                String[] c = line.split("\t");
                if (c.length != 1 + CodecFeatures.size()) continue;
                double[] f = new double[c.length - 1];
                for (int j = 0; j < f.length; j++) f[j] = Double.parseDouble(c[j + 1]);
                known.put(c[0], f);
            }
            log.println(known.size() + " feature rows read from " + cache);
        }
        ImageLoader loader = new ImageLoader();
        List<Row> rows = new ArrayList<>();
        StringBuilder added = new StringBuilder();
        int skipped = 0, done = 0;
        long t0 = System.nanoTime();
        for (Item it : items) {
            double[] f = known.get(it.file().toString());
            if (f == null) {
                try {
                    f = CodecFeatures.of(loader.load(it.file()).image());
                } catch (Exception e) {
                    f = null;
                }
                if (f == null) {
                    skipped++;
                    continue;
                }
                added.append(it.file());
                for (double v : f) added.append('\t').append(v);
                added.append('\n');
                if (++done % 100 == 0) {
                    log.printf(Locale.ROOT, "  %d images extracted (%.0f s)%n", done, (System.nanoTime() - t0) / 1e9);
                    if (cache != null) flush(cache, added);
                }
            }
            rows.add(new Row(it, f));
        }
        if (cache != null) flush(cache, added);
        log.printf(Locale.ROOT, "  %d rows, %d images skipped (features undefined)%n", rows.size(), skipped);
        return rows;
    }

    private static void flush(Path cache, StringBuilder added) throws IOException {
        if (added.length() == 0) return;
        if (cache.toAbsolutePath().getParent() != null) Files.createDirectories(cache.toAbsolutePath().getParent());
        Files.writeString(cache, added, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        added.setLength(0);
    }
}
