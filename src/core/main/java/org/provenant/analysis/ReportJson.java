package org.provenant.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Detail;
import org.provenant.indicators.Finding;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Marker;
import org.provenant.indicators.Score;

/**
 * The one JSON form of an analysis (used by {@code provenant analyze --json}, and meant for the report and any
 * export): the evidence file's identity, then per indicator its status, its finding in words ({@code finding}, the
 * phrase every view shows, with {@code findingDetail}: strength, sentence, standing, favours, weight), scores with their meanings, the
 * hypothesis it leans to, the explanation, the feature vector, and each map's description (not its values;
 * with the PNG file name when maps were written) and its structured findings ({@code details}, when it has any).
 * Non-finite numbers are written as null.
 */
public final class ReportJson {
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() { }

    /**
     * @param image    the analysed file, or null when the image did not come from a file
     * @param report   the analysis
     * @param withMapFiles whether the maps were written as PNG under {@link #mapFileName} names
     */
    public static ObjectNode toTree(LoadedImage image, AnalysisReport report, boolean withMapFiles) {
        return toTree(image == null ? null : imageBlock(image), report, withMapFiles);
    }

    /** The evidence file's identity as the JSON form names it: file, path, bytes, SHA-256, size, channels, format. */
    public static ObjectNode imageBlock(LoadedImage image) {
        ObjectNode img = MAPPER.createObjectNode();
        img.put("file", image.fileName());
        img.put("path", image.path().toString());
        img.put("bytes", image.fileSize());
        img.put("sha256", image.sha256());
        img.put("width", image.image().width());
        img.put("height", image.image().height());
        img.put("channels", image.image().channels());
        if (image.metadata() != null) img.put("format", image.metadata().formatName());
        return img;
    }

    /**
     * @param image the evidence file's block ({@link #imageBlock}, or the one of a stored analysis), or null
     */
    public static ObjectNode toTree(ObjectNode image, AnalysisReport report, boolean withMapFiles) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "provenant-analysis");
        root.put("version", FORMAT_VERSION);
        if (image != null) root.set("image", image.deepCopy());
        root.put("cancelled", report.cancelled());
        if (!report.parameters().isEmpty()) {   // the examiner's settings that differ from the defaults; none: all defaults
            ObjectNode ps = root.putObject("parameters");
            new java.util.TreeMap<>(report.parameters()).forEach((k, v) -> {
                if (v.matches("-?\\d{1,9}")) ps.put(k, Integer.parseInt(v));
                else ps.put(k, v);
            });
        }
        ArrayNode inds = root.putArray("indicators");
        for (IndicatorOutcome o : report.outcomes()) {
            ObjectNode n = inds.addObject();
            n.put("id", o.indicatorId());
            n.put("name", o.displayName());
            n.put("method", o.methodReference());
            n.put("status", o.status().name());
            n.put("millis", o.millis());
            if (o.error() != null) n.put("error", o.error());
            IndicatorResult r = o.result();
            if (r == null) continue;
            n.put("finding", r.finding().phrase());
            n.set("findingDetail", finding(r.finding()));
            n.set("headline", score(r.headline()));
            ArrayNode scores = n.putArray("scores");
            for (Score s : r.scores()) scores.add(score(s));
            n.put("supports", r.supports().name());
            n.put("supportsPhrase", r.supports().phrase());
            number(n, "confidence", r.confidence());
            n.put("explanation", r.explanation());
            ArrayNode f = n.putArray("features");
            for (double v : r.features()) {
                if (Double.isFinite(v)) f.add(v);
                else f.addNull();
            }
            ArrayNode maps = n.putArray("maps");
            List<MapLayer> layers = r.maps();
            for (int i = 0; i < layers.size(); i++) {
                MapLayer m = layers.get(i);
                ObjectNode mn = maps.addObject();
                mn.put("name", m.name());
                mn.put("width", m.map().width());
                mn.put("height", m.map().height());
                mn.put("overlay", m.overlay());
                mn.put("scale", m.scale().name());
                number(mn, "low", m.low());
                number(mn, "high", m.high());
                mn.put("lowLabel", m.lowLabel());
                mn.put("highLabel", m.highLabel());
                if (m.outlines()) outlined(mn, m, image);
                number(mn, "min", m.map().min());
                number(mn, "max", m.map().max());
                number(mn, "mean", m.map().mean());
                ArrayNode mk = mn.putArray("markers");
                for (Marker k : m.markers()) {
                    ObjectNode kn = mk.addObject();
                    kn.put("x", k.x());
                    kn.put("y", k.y());
                    kn.put("label", k.label());
                }
                if (withMapFiles) mn.put("png", mapFileName(o.indicatorId(), i, m));
            }
            if (!r.details().isEmpty()) n.set("details", details(r.details()));
        }
        return root;
    }

    /** Structured findings as nested objects: label, value, tone (NEUTRAL, GOOD, BAD, NOTE) and children. */
    public static ArrayNode details(List<Detail> ds) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Detail d : ds) {
            ObjectNode x = a.addObject();
            x.put("label", d.label());
            x.put("value", d.value());
            x.put("tone", d.tone().name());
            if (!d.children().isEmpty()) x.set("children", details(d.children()));
        }
        return a;
    }

    public static String toString(LoadedImage image, AnalysisReport report, boolean withMapFiles) {
        return text(toTree(image, report, withMapFiles));
    }

    public static void write(Path file, LoadedImage image, AnalysisReport report, boolean withMapFiles) throws IOException {
        write(file, toTree(image, report, withMapFiles));
    }

    /** The tree as {@code analyze --json} writes it (indented, UTF-8, no final line break). */
    public static String text(ObjectNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the tree ({@link #text}) atomically. */
    public static void write(Path file, ObjectNode tree) throws IOException {
        org.provenant.core.io.OutputGuard.writeString(file, text(tree));
    }

    /** File name of a map picture: indicator id, map index, and the map name in lower-case ASCII. */
    public static String mapFileName(String indicatorId, int index, MapLayer layer) {
        String slug = layer.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return indicatorId + "-" + index + "-" + slug + ".png";
    }

    /** The outline threshold and, when the image size is known, the outlined regions' boxes in image pixels. */
    private static void outlined(ObjectNode mn, MapLayer m, ObjectNode image) {
        number(mn, "outlineAt", m.outlineAt());
        if (image == null || !image.path("width").canConvertToInt() || !image.path("height").canConvertToInt()) return;
        ArrayNode regions = mn.putArray("outlinedRegions");
        for (var r : org.provenant.indicators.features.Regions.find(m.map(), m.outlineAt(), image.path("width").asInt(),
                image.path("height").asInt())) {
            regions.addObject().put("x", r.x()).put("y", r.y()).put("width", r.width()).put("height", r.height()).put("area", r.area());
        }
    }

    private static ObjectNode finding(Finding f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("strength", f.strength());
        n.put("sentence", f.sentence());
        n.put("standing", f.standing().name());
        n.put("favours", f.favours().name());
        number(n, "weight", f.weight());
        return n;
    }

    private static ObjectNode score(Score s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("key", s.key());
        n.put("label", s.label());
        number(n, "value", s.value());
        n.put("meaning", s.meaning());
        return n;
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) n.put(key, v);
        else n.putNull(key);
    }
}
