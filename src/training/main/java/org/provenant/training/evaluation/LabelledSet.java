package org.provenant.training.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A labelled set of images for {@code provenant evaluate}: either a TSV index (columns path, label, source, parent,
 * transform; others ignored; see models/training/data/README.md) or labelled folders
 * {@code ROOT/<label>/<source>/<file>}, where a file name {@code <parent>__<transform>.<ext>} names the original it
 * came from (otherwise the file is its own original). Label {@value #REAL} is the camera-original class; every other
 * label ({@code generated}, {@code codec}, {@code edited}) is a hypothesis that accuses.
 */
public final class LabelledSet {
    public static final String REAL = "real";
    public static final String INDEX = "index.tsv";

    /** One image: its file, class label, source (generator, codec or photo collection), original and transform. */
    public record Item(Path file, String label, String source, String parent, String transform) {
        public boolean real() { return REAL.equals(label); }

        /** The file as the camera or generator wrote it (not cropped or re-saved here). */
        public boolean asPublished() { return transform.equals("original") || transform.startsWith("resized"); }

        /** A coarse group of the transform: "original", "png crop", "jpeg 4:2:0", "jpeg 4:4:4". */
        public String transformGroup() {
            if (asPublished()) return file.toString().toLowerCase(Locale.ROOT).matches(".*\\.jpe?g") ? "as published, JPEG" : "as published, PNG";
            if (transform.contains("jpeg")) return transform.endsWith("444") ? "JPEG re-save 4:4:4" : "JPEG re-save 4:2:0";
            return "PNG crop";
        }
    }

    private LabelledSet() { }

    /** Reads an index file, a folder holding {@value #INDEX}, or labelled folders. */
    public static List<Item> read(Path path) throws IOException {
        if (Files.isRegularFile(path)) return readIndex(path);
        if (Files.isRegularFile(path.resolve(INDEX))) return readIndex(path.resolve(INDEX));
        if (!Files.isDirectory(path)) throw new IOException(path + " is neither an index file nor a folder");
        return readFolders(path);
    }

    static List<Item> readIndex(Path index) throws IOException {
        List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8);
        if (lines.isEmpty()) throw new IOException(index + " is empty");
        String[] head = lines.get(0).split("\t", -1);
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < head.length; i++) col.put(head[i].trim(), i);
        for (String need : List.of("path", "label")) {
            if (!col.containsKey(need)) throw new IOException(index + " has no column '" + need + "'");
        }
        Path base = index.toAbsolutePath().getParent();
        List<Item> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String[] f = lines.get(i).split("\t", -1);
            String p = f[col.get("path")];
            String label = f[col.get("label")];
            String source = get(f, col, "source", "unknown");
            String parent = get(f, col, "parent", p);
            String transform = get(f, col, "transform", "original");
            out.add(new Item(base.resolve(p), label, source, parent, transform));
        }
        return out;
    }

    private static String get(String[] f, Map<String, Integer> col, String key, String fallback) {
        Integer i = col.get(key);
        return i == null || i >= f.length || f[i].isBlank() ? fallback : f[i];
    }

    static List<Item> readFolders(Path root) throws IOException {
        List<Item> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).filter(LabelledSet::isImage).sorted(Comparator.comparing(Path::toString)).forEach(p -> {
                Path rel = root.relativize(p);
                if (rel.getNameCount() < 2) return;
                String label = rel.getName(0).toString();
                String source = rel.getNameCount() >= 3 ? rel.getName(1).toString() : label;
                String name = p.getFileName().toString();
                String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
                int cut = stem.indexOf("__");
                String parent = cut > 0 ? stem.substring(0, cut) : stem;
                String transform = cut > 0 ? stem.substring(cut + 2) : "original";
                out.add(new Item(p, label, source, source + "/" + parent, transform));
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (out.isEmpty()) throw new IOException("no images under " + root + " (expected ROOT/<label>/<source>/<file>)");
        return out;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".webp") || n.endsWith(".tif")
                || n.endsWith(".tiff") || n.endsWith(".bmp");
    }
}
