package org.provenant.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code runs/RUN.json} in the output folder: what a run was (input, model set, tool version, models and their
 * SHA-256, indicators, options) and, once it ends, what it did (counts, chunks, time). Written when the run starts
 * and again when it ends, so a killed run leaves its start on record; the cluster counterpart of the case folder's
 * audit log.
 */
final class RunRecord {
    static final String RUNS = "runs";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RunRecord() { }

    /** A new run id: UTC time to the second and 6 random hex digits, so that ids sort by start time. */
    static String newId() {
        byte[] b = new byte[3];
        new SecureRandom().nextBytes(b);
        return ID.format(Instant.now()) + "-" + HexFormat.of().formatHex(b);
    }

    static void write(String out, Configuration conf, String run, ObjectNode record) throws IOException {
        Path p = new Path(new Path(out, RUNS), run + ".json");
        FileSystem fs = p.getFileSystem(conf);
        try (OutputStream o = fs.create(p, true)) {
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(o, record);
        }
    }

    /** The latest run record of a model set, or null. */
    static JsonNode latest(String out, Configuration conf, String modelSet) throws IOException {
        Path dir = new Path(out, RUNS);
        FileSystem fs = dir.getFileSystem(conf);
        if (!fs.exists(dir)) return null;
        JsonNode best = null;
        String bestRun = "";
        for (FileStatus s : fs.listStatus(dir)) {
            if (!s.getPath().getName().endsWith(".json")) continue;
            JsonNode r;
            try (InputStream in = fs.open(s.getPath())) {
                r = MAPPER.readTree(in);
            }
            String run = r.path("run").asText();
            if (modelSet.equals(r.path("modelSet").asText()) && run.compareTo(bestRun) > 0) {
                best = r;
                bestRun = run;
            }
        }
        return best;
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
