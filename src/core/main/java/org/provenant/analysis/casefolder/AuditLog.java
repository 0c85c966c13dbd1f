package org.provenant.analysis.casefolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The case's chain of custody, {@code audit.jsonl}: one JSON object per line, only ever appended (the file is
 * opened for APPEND under a file lock, never rewritten). Each entry says who (the case's examiner, else the
 * operating-system user), when (UTC), what ({@link Event}), which evidence (path and the SHA-256 of the bytes
 * read at that moment) and details (tool version, model hashes, report SHA-256...). The evidence's SHA-256 is
 * logged each time it is read, so a later change is detected ({@link #recordRead}) and logged as
 * {@code evidence-changed}.
 */
public final class AuditLog {
    public static final String FILE = "audit.jsonl";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What happened. */
    public enum Event {
        CASE_OPENED("case-opened"), OPENED("opened"), EVIDENCE_READ("evidence-read"), EVIDENCE_CHANGED("evidence-changed"),
        ANALYSED("analysed"), RESULTS_REUSED("results-reused"), ANNOTATED("annotated"),
        REPORT_EXPORTED("report-exported"), BATCH_STARTED("batch-started"), BATCH_FINISHED("batch-finished");

        private final String word;

        Event(String word) { this.word = word; }

        public String word() { return word; }
    }

    /** One line of the log. */
    public record Entry(String when, String who, String event, String path, String sha256, JsonNode details) {
        public String detail(String key) {
            return details == null ? "" : details.path(key).asText("");
        }
    }

    private final Path file;
    private final Supplier<String> who;
    /** Path -> SHA-256 of its last logged read: read from the file once, then kept up to date by {@link #append}. */
    private java.util.Map<String, String> lastReads;

    private AuditLog(Path file, Supplier<String> who) {
        this.file = file;
        this.who = who;
    }

    /**
     * The log kept in {@code file} (a case folder's {@link #FILE}, or another file for a job without a case folder),
     * naming {@code who} in each entry.
     */
    public static AuditLog at(Path file, Supplier<String> who) {
        return new AuditLog(file, who);
    }

    public Path file() { return file; }

    /** Appends one entry; details values may be strings, numbers, maps or lists. */
    public synchronized Entry append(Event event, Path evidence, String sha256, Map<String, ?> details) throws IOException {
        ObjectNode n = MAPPER.createObjectNode();
        String when = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        n.put("when", when);
        n.put("who", who.get());
        n.put("event", event.word());
        if (evidence != null) n.put("path", evidence.toAbsolutePath().normalize().toString());
        if (sha256 != null) n.put("sha256", sha256);
        JsonNode d = MAPPER.valueToTree(details == null ? Map.of() : details);
        n.set("details", d);
        byte[] line = (MAPPER.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND); FileLock lock = ch.lock()) {
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) ch.write(b);
            ch.force(false);
        }
        if (lastReads != null && event == Event.EVIDENCE_READ && evidence != null && sha256 != null) {
            lastReads.put(n.get("path").asText(), sha256);
        }
        return new Entry(when, n.get("who").asText(), event.word(), n.path("path").asText(null), sha256, d);
    }

    /**
     * Logs that the evidence was read with this SHA-256 and returns the SHA-256 logged for the same path before,
     * when it differs (the evidence changed since: that is logged too, as {@code evidence-changed}).
     */
    public synchronized Optional<String> recordRead(Path evidence, String sha256) throws IOException {
        Optional<String> before = lastSha(evidence);
        if (before.isPresent() && !before.get().equalsIgnoreCase(sha256)) {
            append(Event.EVIDENCE_CHANGED, evidence, sha256, Map.of("previousSha256", before.get(),
                    "message", "the file's SHA-256 differs from the one logged when it was read before"));
        }
        append(Event.EVIDENCE_READ, evidence, sha256, Map.of());
        return before.filter(b -> !b.equalsIgnoreCase(sha256));
    }

    /** The SHA-256 logged at the last read of this path, if any. */
    public synchronized Optional<String> lastSha(Path evidence) throws IOException {
        if (lastReads == null) {
            java.util.Map<String, String> m = new java.util.HashMap<>();
            for (Entry e : entries()) {
                if (e.path() != null && e.sha256() != null && e.event().equals(Event.EVIDENCE_READ.word())) m.put(e.path(), e.sha256());
            }
            lastReads = m;
        }
        return Optional.ofNullable(lastReads.get(evidence.toAbsolutePath().normalize().toString()));
    }

    /** Every entry, oldest first; a damaged line (a torn last line after a power loss) is skipped. */
    public synchronized List<Entry> entries() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) return out;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                try {
                    JsonNode n = MAPPER.readTree(line);
                    out.add(new Entry(n.path("when").asText(), n.path("who").asText(), n.path("event").asText(),
                            n.hasNonNull("path") ? n.get("path").asText() : null,
                            n.hasNonNull("sha256") ? n.get("sha256").asText() : null, n.path("details")));
                } catch (IOException e) {
                    // a line cut by a crash: not an entry
                }
            }
        }
        return out;
    }

    /** The entries about one evidence file (by its SHA-256, or by its path). */
    public List<Entry> entriesFor(Path evidence, String sha256) throws IOException {
        String p = evidence == null ? null : evidence.toAbsolutePath().normalize().toString();
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries()) {
            boolean bySha = sha256 != null && sha256.equalsIgnoreCase(e.sha256());
            boolean byPath = p != null && p.equals(e.path());
            if (bySha || byPath) out.add(e);
        }
        return out;
    }

    /** One line for a report: "2026-11-30T08:00:00Z  A. Examiner  analysed  sha 1a2b3c4d...  details". */
    public static String describe(Entry e) {
        StringBuilder s = new StringBuilder(e.when()).append("  ").append(e.who()).append("  ").append(e.event());
        if (e.sha256() != null) s.append("  SHA-256 ").append(e.sha256(), 0, Math.min(16, e.sha256().length())).append("...");
        if (e.details() != null) {
            for (String k : List.of("toolVersion", "modelSet", "indicators", "report", "reportSha256", "previousSha256", "annotations")) {
                if (e.details().has(k)) s.append("  ").append(k).append(" ").append(e.details().get(k).toString().replace("\"", ""));
            }
        }
        return s.toString();
    }
}
