package org.provenant.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.provenant.indicators.Hypothesis;
import org.provenant.report.batch.BatchItem;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A file's outcome as a table row ({@link ResultSchema#ROW}) and back as the batch's summary item. Everything in the
 * row is taken from the {@code analyze --json} tree through the batch's own reading of it
 * ({@link BatchItem#lines}, {@link BatchItem#suspicion}, {@link BatchItem#overall}), so a row says what the batch's
 * summary says for the same analysis.
 */
final class ResultRow {
    /** Writes the tree as {@code analyze --json} writes it (indented). */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultRow() { }

    /**
     * @param path     the file's full path on its file system
     * @param file     its name below the input folder
     * @param keepJson whether the row carries the {@code analyze --json} text
     */
    static Row of(String path, String file, ImageStep.Outcome o, String toolVersion, boolean keepJson) {
        List<BatchItem.IndicatorLine> lines = o.json() == null ? List.of() : BatchItem.lines(o.json());
        BatchItem item = item(path, file, o.status(), o.sha256(), o.bytes(), o.format(), o.width(), o.height(), lines,
                o.message(), o.millis());
        List<Row> inds = new ArrayList<>();
        JsonNode overall = null;
        int k = 0;
        for (JsonNode n : o.json() == null ? List.<JsonNode>of() : o.json().path("indicators")) {
            BatchItem.IndicatorLine l = lines.get(k++);
            if (BatchItem.OVERALL.equals(l.id()) && l.done()) overall = n;
            Map<String, Double> lr = new LinkedHashMap<>();
            for (JsonNode s : n.path("scores")) {
                String key = s.path("key").asText();
                if (key.startsWith("lr_")) lr.put(key, number(s.get("value")));
            }
            inds.add(RowFactory.create(l.id(), l.name(), l.status(), n.path("headline").path("key").asText(""),
                    l.headlineLabel(), finite(l.headlineValue()), l.supports() == null ? null : l.supports().name(),
                    finite(l.confidence()), CollectionConverters.asScala(lr), l.error(), n.path("millis").asLong()));
        }
        List<Object> v = new ArrayList<>(List.of(path, file, o.sha256(), o.bytes(), o.format(), o.width(), o.height(),
                o.status().name(), o.ok() ? "" : o.message(), toolVersion, item.overall()));
        v.add(overall == null ? null : overall.path("supports").asText());
        v.add(overall == null ? null : number(overall.get("confidence")));
        v.add(o.ok() ? item.suspicion() : null);
        for (String key : ResultSchema.OVERALL_SCORES) v.add(overall == null ? null : score(overall, key));
        v.add(CollectionConverters.asScala(inds).toSeq());
        v.add(o.millis());
        v.add(Timestamp.from(Instant.now()));
        v.add(keepJson && o.json() != null ? text(o.json()) : null);
        return RowFactory.create(v.toArray());
    }

    /** The batch's summary item of a table row (no JSON or thumbnail link; the summary adds those). */
    static BatchItem item(Row r, String json) {
        List<BatchItem.IndicatorLine> lines = new ArrayList<>();
        for (Row i : r.<Row>getList(r.fieldIndex("indicators"))) {
            String lean = i.getAs("lean");
            lines.add(new BatchItem.IndicatorLine(i.getAs("id"), i.getAs("name"), i.getAs("status"),
                    lean == null ? null : Hypothesis.valueOf(lean), nan(i.getAs("confidence")), i.getAs("headline_label"),
                    nan(i.getAs("headline_value")), i.getAs("error")));
        }
        BatchItem it = item(r.getAs("path"), r.getAs("file"), BatchItem.Status.valueOf(r.getAs("status")), r.getAs("sha256"),
                r.<Long>getAs("bytes"), r.getAs("format"), r.<Integer>getAs("width"), r.<Integer>getAs("height"), lines,
                r.getAs("error"), r.<Long>getAs("millis"));
        return json == null ? it : new BatchItem(it.relative(), it.path(), it.status(), it.sha256(), it.size(), it.format(),
                it.width(), it.height(), it.indicators(), it.message(), it.millis(), json, null);
    }

    private static BatchItem item(String path, String file, BatchItem.Status status, String sha, long bytes, String format,
                                  int w, int h, List<BatchItem.IndicatorLine> lines, String message, long millis) {
        return new BatchItem(file, localPath(path), status, sha, bytes, format, w, h, lines, message, millis, null, null);
    }

    /**
     * A file-system path as a {@link Path}: a local file's own path, else the path part of its URI (a
     * {@code Path} holds no scheme; the row's {@code path} column keeps the full URI).
     */
    static Path localPath(String path) {
        return Path.of(new org.apache.hadoop.fs.Path(path).toUri().getPath());
    }

    static String text(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
