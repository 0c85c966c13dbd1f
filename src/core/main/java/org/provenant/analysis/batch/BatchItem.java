package org.provenant.analysis.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.provenant.analysis.ReportJsonReader;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;

/**
 * One file of a batch as the summaries show it.
 *
 * @param relative   the path below the batch folder, with '/' separators
 * @param path       the absolute path of the evidence
 * @param status     what happened to it
 * @param sha256     SHA-256 of the bytes read (empty when the file could not be read)
 * @param size       bytes
 * @param format     decoded format (png, jpeg...) or empty
 * @param width      pixels (0 when not decoded)
 * @param height     pixels
 * @param indicators each indicator's finding in words, headline and lean, in panel order
 * @param message    the error or skip reason, or a note (e.g. the evidence changed since it was last read)
 * @param millis     wall time spent on this file
 * @param json       the per-image JSON below the output folder, or null
 * @param thumbnail  the thumbnail below the output folder, or null
 */
public record BatchItem(String relative, Path path, Status status, String sha256, long size, String format, int width,
                        int height, List<IndicatorLine> indicators, String message, long millis, String json,
                        String thumbnail) {
    public enum Status { ANALYSED, REUSED, ERROR, SKIPPED, CANCELLED }

    /**
     * One indicator's outcome in a summary row.
     *
     * @param finding its finding in words (null unless done; the lean's {@link Finding#unstated} for results stored
     *                before findings were written)
     */
    public record IndicatorLine(String id, String name, String status, Hypothesis supports, double confidence,
                                String headlineLabel, double headlineValue, String error, Finding finding) {
        public IndicatorLine {
            if (finding == null && "DONE".equals(status)) finding = Finding.unstated(supports, confidence);
        }

        public boolean done() { return "DONE".equals(status); }

        /** The finding's phrase, or the state ("FAILED: ..."). */
        public String findingText() {
            return done() ? finding.phrase() : status + (error.isEmpty() ? "" : ": " + error);
        }

        /** True when it leans away from both "camera original" and "inconclusive". */
        public boolean leansAway() {
            return done() && supports != null && supports != Hypothesis.CAMERA_ORIGINAL && supports != Hypothesis.INCONCLUSIVE;
        }
    }

    public BatchItem {
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
        message = message == null ? "" : message;
        sha256 = sha256 == null ? "" : sha256;
        format = format == null ? "" : format;
    }

    /** The same row naming the per-image JSON and the thumbnail written below an output folder. */
    public BatchItem withOutputs(String json, String thumbnail) {
        return new BatchItem(relative, path, status, sha256, size, format, width, height, indicators, message, millis, json, thumbnail);
    }

    public boolean ok() {
        return status == Status.ANALYSED || status == Status.REUSED;
    }

    /** The id of the fusing indicator, when one is registered (issue 10). */
    public static final String OVERALL = "overall-assessment";

    /**
     * A triage ordering, not a verdict: the summed confidence of the indicators that lean away from "camera
     * original" (the overall assessment, once it exists, counts three times). Errors and skipped files sort last.
     */
    public double suspicion() {
        if (!ok()) return -1;
        double s = 0;
        for (IndicatorLine l : indicators) {
            if (!l.leansAway()) continue;
            double c = Double.isFinite(l.confidence()) ? l.confidence() : 0.5;
            s += (OVERALL.equals(l.id()) ? 3 : 1) * c;
        }
        return s;
    }

    /** The finding of the overall assessment in words, when it ran. */
    public String overall() {
        for (IndicatorLine l : indicators) if (OVERALL.equals(l.id()) && l.done()) return l.finding().phrase();
        return "";
    }

    /** The indicator lines of a {@code provenant-analysis} JSON tree (fresh or stored). */
    public static List<IndicatorLine> lines(JsonNode analysis) {
        List<IndicatorLine> out = new ArrayList<>();
        for (JsonNode n : analysis.path("indicators")) {
            JsonNode h = n.path("headline");
            Hypothesis sup = n.hasNonNull("supports") ? Hypothesis.valueOf(n.get("supports").asText()) : null;
            out.add(new IndicatorLine(n.path("id").asText(), n.path("name").asText(), n.path("status").asText(), sup,
                    num(n.get("confidence")), h.path("label").asText(""), num(h.get("value")),
                    n.hasNonNull("error") ? n.get("error").asText() : "", ReportJsonReader.finding(n)));
        }
        return out;
    }

    private static double num(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() ? Double.NaN : v.asDouble();
    }
}
