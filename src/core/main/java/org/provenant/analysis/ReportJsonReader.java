package org.provenant.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.provenant.core.image.FloatMap;
import org.provenant.core.render.ColourScale;
import org.provenant.indicators.Detail;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Marker;
import org.provenant.indicators.Score;

/**
 * Reads the JSON of {@link ReportJson} back into an {@link AnalysisReport} (stored results shown again without
 * recomputation). The JSON holds no map values, so they come from {@code maps}; null numbers are NaN again; the
 * structured findings ({@code details}) are read back with their tree.
 */
public final class ReportJsonReader {
    /** The values of an indicator's n-th map, or null when they are not stored. */
    @FunctionalInterface
    public interface MapValues {
        FloatMap get(String indicatorId, int index);
    }

    private ReportJsonReader() { }

    /**
     * @throws IllegalArgumentException when the JSON is not of this form or a map's values are missing
     */
    public static AnalysisReport read(JsonNode root, MapValues maps) {
        if (!"provenant-analysis".equals(root.path("format").asText())) {
            throw new IllegalArgumentException("not a provenant-analysis JSON");
        }
        List<IndicatorOutcome> outs = new ArrayList<>();
        for (JsonNode n : root.path("indicators")) outs.add(outcome(n, maps));
        Map<String, String> parameters = new java.util.TreeMap<>();
        root.path("parameters").fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
        return new AnalysisReport(outs, root.path("cancelled").asBoolean(false), parameters);
    }

    static IndicatorOutcome outcome(JsonNode n, MapValues maps) {
        String id = n.path("id").asText();
        IndicatorOutcome.Status status = IndicatorOutcome.Status.valueOf(n.path("status").asText());
        String error = n.hasNonNull("error") ? n.get("error").asText() : null;
        IndicatorResult r = null;
        if (n.has("headline")) {
            List<Score> scores = new ArrayList<>();
            for (JsonNode s : n.path("scores")) scores.add(score(s));
            Score headline = score(n.get("headline"));
            List<MapLayer> layers = new ArrayList<>();
            int i = 0;
            for (JsonNode m : n.path("maps")) {
                FloatMap values = maps.get(id, i++);
                if (values == null) throw new IllegalArgumentException("the values of map " + (i - 1) + " of " + id + " are not stored");
                List<Marker> markers = new ArrayList<>();
                for (JsonNode k : m.path("markers")) markers.add(new Marker(k.path("x").asDouble(), k.path("y").asDouble(), k.path("label").asText()));
                layers.add(new MapLayer(m.path("name").asText(), values, ColourScale.valueOf(m.path("scale").asText()),
                        number(m, "low"), number(m, "high"), m.path("lowLabel").asText(), m.path("highLabel").asText(),
                        m.path("overlay").asBoolean(), markers, number(m, "outlineAt")));   // absent: NaN, outlines nothing
            }
            JsonNode f = n.path("features");
            double[] features = new double[f.size()];
            for (int k = 0; k < features.length; k++) features[k] = f.get(k).isNull() ? Double.NaN : f.get(k).asDouble();
            r = new IndicatorResult(id, headline, scores, layers, n.path("explanation").asText(),
                    Hypothesis.valueOf(n.path("supports").asText()), number(n, "confidence"), features,
                    details(n.path("details")), finding(n));
        }
        return new IndicatorOutcome(id, n.path("name").asText(), n.path("method").asText(), status, r, error,
                n.path("millis").asLong());
    }

    /** The structured findings ({@link ReportJson#details}): without them a stored metadata or JPEG result is empty. */
    static List<Detail> details(JsonNode a) {
        List<Detail> out = new ArrayList<>();
        for (JsonNode d : a) {
            out.add(new Detail(d.path("label").asText(), d.path("value").asText(),
                    Detail.Tone.valueOf(d.path("tone").asText("NEUTRAL")), details(d.path("children"))));
        }
        return out;
    }

    /**
     * The finding in words of one indicator's JSON object ({@link ReportJson}); null (the lean's
     * {@link Finding#unstated}) in JSON written before it had one.
     */
    public static Finding finding(JsonNode n) {
        JsonNode d = n.path("findingDetail");
        if (!n.hasNonNull("finding") || !d.isObject()) return null;
        return new Finding(n.get("finding").asText(), d.path("strength").asText(), d.path("sentence").asText(),
                Finding.Standing.valueOf(d.path("standing").asText()), Hypothesis.valueOf(d.path("favours").asText()),
                number(d, "weight"));
    }

    private static Score score(JsonNode s) {
        return new Score(s.path("key").asText(), s.path("label").asText(), number(s, "value"), s.path("meaning").asText());
    }

    private static double number(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
}
