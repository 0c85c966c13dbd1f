package org.provenant.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.provenant.analysis.batch.BatchItem;
import org.provenant.analysis.batch.ImageStep;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A file's outcome as a table row ({@link ResultSchema#ROW}) and back as the batch's summary item. Everything in the
 * row is taken from the {@code analyze --json} tree through the batch's own reading of it
 * ({@link BatchItem#lines}, {@link BatchItem#suspicion}, {@link BatchItem#overall}), so a row says what the batch's
 * summary says for the same analysis.
 */
final class ResultRow {
    private ResultRow() { }

    /**
     * @param path     the file's full path on its file system
     * @param o        what the per-file step made of it (its row names the file below the input folder)
     * @param keepJson whether the row carries the {@code analyze --json} text
     */
    static Row of(String path, ImageStep.Result o, String toolVersion, boolean keepJson) {
        BatchItem item = o.row();
        ObjectNode json = o.result() == null ? null : o.result().json(false);
        List<BatchItem.IndicatorLine> lines = item.indicators();
        List<Row> inds = new ArrayList<>();
        JsonNode overall = null;
        int k = 0;
        for (JsonNode n : json == null ? List.<JsonNode>of() : json.path("indicators")) {
            BatchItem.IndicatorLine l = lines.get(k++);
            if (BatchItem.OVERALL.equals(l.id()) && l.done()) overall = n;
            Map<String, Double> lr = new LinkedHashMap<>();
            for (JsonNode s : n.path("scores")) {
                String key = s.path("key").asText();
                if (key.startsWith("lr_")) lr.put(key, number(s.get("value")));
            }
            Finding f = l.done() ? l.finding() : null;
            inds.add(RowFactory.create(l.id(), l.name(), l.status(), n.path("headline").path("key").asText(""),
                    l.headlineLabel(), finite(l.headlineValue()), l.supports() == null ? null : l.supports().name(),
                    finite(l.confidence()), CollectionConverters.asScala(lr), l.error(), n.path("millis").asLong(),
                    f == null ? null : f.phrase(), f == null ? null : f.strength(), f == null ? null : f.sentence(),
                    f == null ? null : f.standing().name(), f == null ? null : f.favours().name(),
                    f == null ? null : f.weight()));
        }
        List<Object> v = new ArrayList<>(List.of(path, item.relative(), item.sha256(), item.size(), item.format(),
                item.width(), item.height(), item.status().name(), item.ok() ? "" : item.message(), toolVersion, item.overall()));
        v.add(overall == null ? null : overall.path("supports").asText());
        v.add(overall == null ? null : number(overall.get("confidence")));
        v.add(item.ok() ? item.suspicion() : null);
        for (String key : ResultSchema.OVERALL_SCORES) v.add(overall == null ? null : score(overall, key));
        v.add(CollectionConverters.asScala(inds).toSeq());
        v.add(item.millis());
        v.add(Timestamp.from(Instant.now()));
        v.add(keepJson && o.result() != null ? o.result().jsonText() : null);
        return RowFactory.create(v.toArray());
    }

    /** The batch's summary item of a table row (no thumbnail; {@code json} the per-image JSON's link or null). */
    static BatchItem item(Row r, String json) {
        List<BatchItem.IndicatorLine> lines = new ArrayList<>();
        for (Row i : r.<Row>getList(r.fieldIndex("indicators"))) {
            String lean = i.getAs("lean");
            String phrase = i.getAs("finding");
            String favours = i.getAs("finding_favours");
            Finding f = phrase == null ? null : new Finding(phrase, i.getAs("finding_strength"), i.getAs("finding_sentence"),
                    Finding.Standing.valueOf(i.getAs("finding_standing")), favours == null ? null : Hypothesis.valueOf(favours),
                    nan(i.getAs("finding_weight")));
            lines.add(new BatchItem.IndicatorLine(i.getAs("id"), i.getAs("name"), i.getAs("status"),
                    lean == null ? null : Hypothesis.valueOf(lean), nan(i.getAs("confidence")), i.getAs("headline_label"),
                    nan(i.getAs("headline_value")), i.getAs("error"), f));
        }
        return new BatchItem(r.getAs("file"), localPath(r.getAs("path")), BatchItem.Status.valueOf(r.getAs("status")),
                r.getAs("sha256"), r.<Long>getAs("bytes"), r.getAs("format"), r.<Integer>getAs("width"),
                r.<Integer>getAs("height"), lines, r.getAs("error"), r.<Long>getAs("millis"), json, null);
    }

    /**
     * A file-system path as a {@link Path}: a local file's own path, else the path part of its URI (a
     * {@code Path} holds no scheme; the row's {@code path} column keeps the full URI).
     */
    static Path localPath(String path) {
        return Path.of(new org.apache.hadoop.fs.Path(path).toUri().getPath());
    }

    private static Double score(JsonNode indicator, String key) {
        for (JsonNode s : indicator.path("scores")) if (key.equals(s.path("key").asText())) return number(s.get("value"));
        return null;
    }

    private static Double number(JsonNode v) {
        return v == null || !v.isNumber() ? null : v.asDouble();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }
}
