package org.provenant.analysis.casefolder;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.provenant.analysis.ToolVersion;
import org.provenant.core.io.OutputGuard;

/**
 * A case folder chosen by the examiner, never beside the evidence: {@code case.json} (case number, examiner,
 * notes, the evidence folders added), {@code audit.jsonl} ({@link AuditLog}), {@code annotations/SHA256.json}
 * (one {@link CaseFile} per evidence file, keyed by its SHA-256 and naming its path), {@code results/}
 * ({@link ResultFiles}) and {@code thumbs/}. Nothing is ever written into the evidence folders.
 */
public final class CaseFolder {
    /** System property naming the case folder; else $PROVENANT_CASE, else {@link #defaultDir()}. */
    public static final String PROPERTY = "provenant.case";
    public static final String INFO = "case.json";
    public static final String FORMAT = "provenant-case-folder";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path dir;
    private volatile CaseFile info;
    private final List<Path> evidenceFolders = new ArrayList<>();
    private final AuditLog audit;
    private final ResultFiles results;

    private CaseFolder(Path dir, CaseFile info, List<Path> folders) {
        this.dir = dir;
        this.info = info;
        this.evidenceFolders.addAll(folders);
        this.audit = AuditLog.at(dir.resolve(AuditLog.FILE), this::who);
        this.results = new ResultFiles(dir.resolve("results"), dir.resolve("thumbs"));
    }

    /**
     * The default case folder, outside any evidence: -Dprovenant.case, $PROVENANT_CASE, else
     * {@code ~/Provenant/cases/default}.
     */
    public static Path defaultDir() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) p = System.getenv("PROVENANT_CASE");
        if (p != null && !p.isBlank()) return Path.of(p);
        return Path.of(System.getProperty("user.home"), "Provenant", "cases", "default");
    }

    /** Opens the case folder, creating it (and its case.json) when new, and logs {@code case-opened}. */
    public static CaseFolder open(Path dir) throws CaseFileException {
        Path abs = dir.toAbsolutePath().normalize();
        Path infoFile = abs.resolve(INFO);
        CaseFile info = CaseFile.empty();
        List<Path> folders = new ArrayList<>();
        try {
            if (Files.isRegularFile(infoFile)) {
                JsonNode root = MAPPER.readTree(infoFile.toFile());
                if (root == null || !FORMAT.equals(root.path("format").asText())) {
                    throw new CaseFileException(infoFile, "it is not a Provenant case folder (no \"format\": \"" + FORMAT + "\")");
                }
                info = new CaseFile(root.path("caseNumber").asText(""), root.path("examiner").asText(""),
                        root.path("notes").asText(""), "", "", List.of());
                for (JsonNode f : root.path("evidenceFolders")) folders.add(Path.of(f.asText()));
            } else if (Files.exists(abs) && !Files.isDirectory(abs)) {
                throw new CaseFileException(abs, "it is a file, not a folder");
            }
            CaseFolder cf = new CaseFolder(abs, info, folders);
            if (!Files.isRegularFile(infoFile)) cf.saveInfo();
            cf.audit.append(AuditLog.Event.CASE_OPENED, null, null, Map.of("caseFolder", abs.toString(),
                    "toolVersion", ToolVersion.current()));
            return cf;
        } catch (IOException e) {
            throw new CaseFileException(infoFile, "the case folder cannot be opened (" + e.getMessage() + ")", e);
        }
    }

    /** Opens {@link #defaultDir()}. */
    public static CaseFolder openDefault() throws CaseFileException {
        return open(defaultDir());
    }

    public Path dir() { return dir; }

    public AuditLog audit() { return audit; }

    public ResultFiles results() { return results; }

    /** Case number, examiner and notes (a CaseFile without annotations). */
    public CaseFile info() { return info; }

    /** Who acts: the case's examiner, else the operating-system user. */
    public String who() {
        String e = info.examiner();
        return e.isBlank() ? System.getProperty("user.name", "unknown") : e;
    }

    public synchronized List<Path> evidenceFolders() { return List.copyOf(evidenceFolders); }

    public synchronized void setInfo(String caseNumber, String examiner, String notes) throws CaseFileException {
        info = info.withCase(caseNumber, examiner, notes);
        saveInfo();
    }

    /** Records an evidence folder as part of the case (nothing is written into it). */
    public synchronized void addEvidenceFolder(Path folder) throws CaseFileException {
        Path abs = folder.toAbsolutePath().normalize();
        if (!evidenceFolders.contains(abs)) {
            evidenceFolders.add(abs);
            saveInfo();
        }
    }

    /** Where the annotations of the evidence with this SHA-256 are kept. */
    public Path annotationsFile(String sha256) {
        return dir.resolve("annotations").resolve(sha256.toLowerCase(java.util.Locale.ROOT) + ".json");
    }

    private synchronized void saveInfo() throws CaseFileException {
        Path f = dir.resolve(INFO);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("caseNumber", info.caseNumber());
        root.put("examiner", info.examiner());
        root.put("notes", info.notes());
        ArrayNode a = root.putArray("evidenceFolders");
        for (Path p : evidenceFolders) a.add(p.toString());
        try {
            OutputGuard.writeAtomically(f, out -> MAPPER.writeValue(out, root));
        } catch (IOException e) {
            throw new CaseFileException(f, "it could not be written (" + e.getMessage() + ")", e);
        }
    }
}
