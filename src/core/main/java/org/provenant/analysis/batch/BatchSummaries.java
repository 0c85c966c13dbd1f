package org.provenant.analysis.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.provenant.analysis.ScoreFormat;
import org.provenant.core.io.OutputGuard;

/**
 * The batch summaries in the output folder: {@code summary.jsonl} (one JSON object per file) and
 * {@code summary.csv} (file, SHA-256, size, format, status, the overall assessment's finding, then per indicator its
 * finding in words, headline value and lean, then the error). Both are written through {@link OutputGuard}.
 */
public final class BatchSummaries {
    public static final String JSONL = "summary.jsonl";
    public static final String CSV = "summary.csv";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BatchSummaries() { }

    public static ObjectNode json(BatchItem it) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("file", it.relative());
        n.put("path", it.path().toString());
        n.put("status", it.status().name());
        n.put("sha256", it.sha256());
        n.put("bytes", it.size());
        n.put("format", it.format());
        n.put("width", it.width());
        n.put("height", it.height());
        n.put("overall", it.overall());
        double s = it.suspicion();
        if (s >= 0) n.put("suspicion", s);
        else n.putNull("suspicion");
        ArrayNode a = n.putArray("indicators");
        for (BatchItem.IndicatorLine l : it.indicators()) {
            ObjectNode o = a.addObject();
            o.put("id", l.id());
            o.put("status", l.status());
            if (l.done()) o.put("finding", l.finding().phrase());
            o.put("headline", l.headlineLabel());
            if (Double.isFinite(l.headlineValue())) o.put("value", l.headlineValue());
            else o.putNull("value");
            o.put("lean", l.supports() == null ? "" : l.supports().name());
            if (!l.error().isEmpty()) o.put("error", l.error());
        }
        n.put("message", it.message());
        n.put("millis", it.millis());
        if (it.json() != null) n.put("json", it.json());
        return n;
    }

    /** One line of {@code summary.jsonl} (without its line break). */
    public static String jsonLine(BatchItem it) {
        try {
            return MAPPER.writeValueAsString(json(it));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void writeJsonLines(Path file, List<BatchItem> items) throws IOException {
        StringBuilder s = new StringBuilder();
        for (BatchItem it : items) s.append(jsonLine(it)).append('\n');
        OutputGuard.writeString(file, s.toString());
    }

    public static void writeCsv(Path file, List<BatchItem> items) throws IOException {
        OutputGuard.writeString(file, csv(items));
    }

    /** The text of {@code summary.csv}: a header naming every indicator any row has, then one row per item. */
    public static String csv(List<BatchItem> items) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (BatchItem it : items) for (BatchItem.IndicatorLine l : it.indicators()) ids.putIfAbsent(l.id(), l.name());
        List<String> head = new ArrayList<>(List.of("file", "sha256", "bytes", "format", "width", "height", "status",
                "overall", "suspicion"));
        for (String id : ids.keySet()) {
            head.add(id + " finding");
            head.add(id + " headline");
            head.add(id + " lean");
        }
        head.add("error");
        StringBuilder s = new StringBuilder(row(head));
        for (BatchItem it : items) {
            List<String> r = new ArrayList<>(List.of(it.relative(), it.sha256(), String.valueOf(it.size()), it.format(),
                    String.valueOf(it.width()), String.valueOf(it.height()), it.status().name(), it.overall(),
                    it.suspicion() < 0 ? "" : ScoreFormat.number(it.suspicion())));
            for (String id : ids.keySet()) {
                BatchItem.IndicatorLine l = it.indicators().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
                if (l == null) {
                    r.addAll(List.of("", "", ""));
                } else if (!l.done()) {
                    r.add(l.findingText());
                    r.add("");
                    r.add(l.status() + (l.error().isEmpty() ? "" : ": " + l.error()));
                } else {
                    r.add(l.finding().phrase());
                    r.add(ScoreFormat.number(l.headlineValue()));
                    r.add(l.supports() == null ? "" : l.supports().name());
                }
            }
            r.add(it.ok() ? "" : it.message());
            s.append(row(r));
        }
        return s.toString();
    }

    private static String row(List<String> cells) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) s.append(',');
            String c = cells.get(i) == null ? "" : cells.get(i);
            if (c.matches(".*[,\"\\n\\r].*") || c.startsWith("=") || c.startsWith("+") || c.startsWith("-") || c.startsWith("@")) {
                // quoted; a leading formula character is defused for spreadsheets
                String safe = c.startsWith("=") || c.startsWith("+") || c.startsWith("@") ? "'" + c : c;
                c = "\"" + safe.replace("\"", "\"\"") + "\"";
            }
            s.append(c);
        }
        return s.append("\r\n").toString();
    }
}
