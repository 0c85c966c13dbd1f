package org.provenant.training.generated;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.provenant.core.filter.Resample;
import org.provenant.core.image.FloatImage;
import org.provenant.core.jpeg.JpegResave;
import org.provenant.indicators.features.ResidualFeatures;

/**
 * The training material of the generated-image detector: the rows of the shared data sets' SOURCES.tsv and the
 * variants made of each image. Format, size and metadata are confounded with the label in those sets, so every
 * image, real or generated, goes through the same treatment: decoded pixels only (metadata never read), a random
 * crop of at most {@link #MAX_CROP} px, and the same variants (as published; JPEG re-save at a random quality in
 * 60-100 with 4:2:0 or 4:4:4 chroma; downscaled by 0.5-0.9 then re-saved; downscaled by 0.5-0.9 and kept lossless). Groups for validation: a generator
 * (fine-tunes merged with their base model) or a real-photo source (benchmark set), never a crop.
 */
public final class DetectorData {
    /** Largest crop side. Our choice: near the generated images' typical size (256-384 px), caps the work. */
    public static final int MAX_CROP = 384;
    public static final String PUBLISHED = "published", JPEG = "jpeg", RESIZED_JPEG = "resized-jpeg", RESIZED = "resized";
    /** Every variant, in the order they are made. */
    public static final List<String> VARIANTS = List.of(PUBLISHED, JPEG, RESIZED_JPEG, RESIZED);

    /** One image of a data set. {@code group} is the unit of held-out validation. */
    public record Item(Path file, boolean generated, String generator, String group) { }

    /** One training row: an image variant and its features. */
    public record Row(Item item, String variant, double[] features) { }

    private DetectorData() { }

    /** Reads SOURCES.tsv of a gen-vs-real style folder (columns file, label, generator, repo, path_in_repo). */
    public static List<Item> read(Path dataset) throws IOException {
        List<String> lines = Files.readAllLines(dataset.resolve("SOURCES.tsv"), StandardCharsets.UTF_8);
        List<String> head = Arrays.asList(lines.get(0).split("\t", -1));
        int cFile = head.indexOf("file"), cLabel = head.indexOf("label"), cGen = head.indexOf("generator"),
                cRepo = head.indexOf("repo"), cPath = head.indexOf("path_in_repo");
        if (cFile < 0 || cLabel < 0 || cGen < 0) throw new IOException(dataset + "/SOURCES.tsv lacks file/label/generator columns");
        List<Item> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] c = line.split("\t", -1);
            boolean gen = c[cLabel].equals("generated");
            String generator = c[cGen];
            String group = gen ? "gen:" + generatorFamily(generator)
                    : "real:" + realSource(cRepo < 0 ? "" : c[cRepo], cPath < 0 ? "" : c[cPath]);
            out.add(new Item(dataset.resolve(c[cFile]), gen, generator, group));
        }
        return out;
    }

    /**
     * The Debian wallpaper photographs of the real/generated corpus (branch trust, models/training/data): the
     * files as published ({@code original} or {@code resized2048-*} transforms of the {@code debian-wallpaper}
     * collection in its index.tsv). Photos from sources the detector never saw, used only to measure false alarms.
     */
    public static List<Item> readWallpapers(Path corpus) throws IOException {
        List<String> lines = Files.readAllLines(corpus.resolve("index.tsv"), StandardCharsets.UTF_8);
        List<String> head = Arrays.asList(lines.get(0).split("\t", -1));
        int cPath = head.indexOf("path"), cSource = head.indexOf("source"), cColl = head.indexOf("collection"),
                cTransform = head.indexOf("transform");
        if (cPath < 0 || cSource < 0 || cColl < 0 || cTransform < 0) throw new IOException(corpus + "/index.tsv lacks columns");
        List<Item> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t", -1);
            if (c.length <= cTransform || !c[cColl].equals("debian-wallpaper")) continue;
            if (c[cTransform].equals("original") || c[cTransform].startsWith("resized"))
                out.add(new Item(corpus.resolve(c[cPath]), false, "camera", "real:" + c[cSource]));
        }
        return out;
    }

    /** A generator's family: community fine-tunes count with their base model ("sdxl-ft" is "sdxl"). */
    static String generatorFamily(String g) {
        String s = g.toLowerCase(Locale.ROOT);
        if (s.endsWith("-ft")) s = s.substring(0, s.length() - 3);
        if (s.equals("sd2.x")) s = "sd2-base";
        return s;
    }

    /** A real photo's source: the benchmark folder under data/ or testsets/, else the repository. */
    static String realSource(String repo, String path) {
        String[] p = path.split("/");
        String name = repo.contains("/") ? repo.substring(repo.indexOf('/') + 1) : repo;
        if (p.length > 2 && (p[0].equals("data") || p[0].equals("testsets"))) return name + "/" + p[1];
        return name.isEmpty() ? "unknown" : name;
    }

    /**
     * The variants of one image (deterministic for a seed): as published, one JPEG re-save, and one downscale
     * followed by a JPEG re-save (left out when the result would be smaller than a tile). Each from its own
     * random crop of at most MAX_CROP px.
     */
    public static Map<String, FloatImage> variants(FloatImage img, long seed) {
        Random rnd = new Random(seed);
        Map<String, FloatImage> out = new LinkedHashMap<>();
        out.put(PUBLISHED, crop(img, rnd));
        out.put(JPEG, JpegResave.resave(crop(img, rnd), quality(rnd), rnd.nextBoolean()));
        double s = 0.5 + 0.4 * rnd.nextDouble();
        int w = (int) Math.round(img.width() * s), h = (int) Math.round(img.height() * s);
        float q = quality(rnd);
        boolean c444 = rnd.nextBoolean();
        if (Math.min(w, h) >= ResidualFeatures.TILE) {
            FloatImage small = resize(img, w, h);
            out.put(RESIZED_JPEG, JpegResave.resave(crop(small, rnd), q, c444));
        }
        // a downscale saved losslessly: mostly wipes the camera JPEG's traces, so that "lossless" is not "generated"
        double s2 = 0.5 + 0.4 * rnd.nextDouble();
        int w2 = (int) Math.round(img.width() * s2), h2 = (int) Math.round(img.height() * s2);
        if (Math.min(w2, h2) >= ResidualFeatures.TILE) out.put(RESIZED, crop(resize(img, w2, h2), rnd));
        return out;
    }

    /** JPEG quality uniform in 60..100 (as a 0..1 encoder setting). */
    static float quality(Random rnd) {
        return (60 + rnd.nextInt(41)) / 100f;
    }

    static FloatImage crop(FloatImage img, Random rnd) {
        int cw = Math.min(MAX_CROP, img.width()), ch = Math.min(MAX_CROP, img.height());
        int x = rnd.nextInt(img.width() - cw + 1), y = rnd.nextInt(img.height() - ch + 1);
        return img.crop(x, y, cw, ch);
    }

    static FloatImage resize(FloatImage img, int w, int h) {
        float[][] p = new float[3][];
        for (int c = 0; c < 3; c++) p[c] = Resample.resize(img.plane(c), img.width(), img.height(), w, h);
        return new FloatImage(w, h, p).quantize8();
    }

    /**
     * Assigns every group to one of {@code k} folds: generators and real sources separately, largest first, each
     * to the fold with the fewest images of its class so far (ties: lowest fold). Deterministic.
     */
    public static Map<String, Integer> folds(List<Item> items, int k) {
        Map<String, Integer> fold = new TreeMap<>();
        for (boolean gen : new boolean[] {true, false}) {
            Map<String, Integer> size = new TreeMap<>();
            for (Item it : items) if (it.generated() == gen) size.merge(it.group(), 1, Integer::sum);
            List<Map.Entry<String, Integer>> groups = new ArrayList<>(size.entrySet());
            groups.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                    .thenComparing(Map.Entry::getKey));
            int[] load = new int[k];
            for (Map.Entry<String, Integer> g : groups) {
                int best = 0;
                for (int f = 1; f < k; f++) if (load[f] < load[best]) best = f;
                load[best] += g.getValue();
                fold.put(g.getKey(), best);
            }
        }
        return fold;
    }
}
