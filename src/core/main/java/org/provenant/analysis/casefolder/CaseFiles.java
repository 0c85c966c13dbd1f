package org.provenant.analysis.casefolder;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.provenant.core.io.OutputGuard;
import java.util.Optional;

/**
 * Reads and writes the examiner's case data of one evidence file. It is written only into the case folder
 * ({@link CaseFolder#annotationsFile}); a legacy case file beside the evidence ({@code photo.jpg.provenant.json},
 * {@link #pathFor}) is still read when the case folder has none, but never written: evidence folders stay as
 * they were (read-only media, forensic practice).
 */
public final class CaseFiles {
    public static final String SUFFIX = ".provenant.json";
    public static final String FORMAT = "provenant-case";
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private CaseFiles() { }

    /** Where the case file of this evidence lives. */
    public static Path pathFor(Path evidence) {
        Path abs = evidence.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + SUFFIX);
    }

    /** The legacy case file beside the evidence (read only), or empty when there is none. */
    public static Optional<CaseFile> load(Path evidence) throws CaseFileException {
        Path f = pathFor(evidence);
        if (!Files.isRegularFile(f)) return Optional.empty();
        return Optional.of(read(f));
    }

    public static CaseFile read(Path caseFile) throws CaseFileException {
        try {
            JsonNode root = MAPPER.readTree(caseFile.toFile());
            if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
                throw new CaseFileException(caseFile, "it is not a Provenant case file (no \"format\": \"" + FORMAT + "\")");
            }
            int v = root.path("version").asInt(-1);
            if (v < 1 || v > VERSION) {
                throw new CaseFileException(caseFile, "case file version " + v + " is not supported (this build reads 1 to " + VERSION + ")");
            }
            return MAPPER.treeToValue(root.path("case"), CaseFile.class);
        } catch (CaseFileException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new CaseFileException(caseFile, "the JSON is damaged (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    /**
     * The examiner's case data for this evidence: from the case folder (by SHA-256; else the last file saved for
     * the same path, whose {@code evidenceSha256} then tells that the evidence changed), else a legacy case file
     * beside the evidence, which is read but never written.
     */
    public static Optional<CaseFile> load(CaseFolder folder, Path evidence, String sha256) throws CaseFileException {
        Path f = folder.annotationsFile(sha256);
        if (Files.isRegularFile(f)) return Optional.of(read(f));
        try {
            Optional<String> before = folder.audit().lastSha(evidence);
            if (before.isPresent() && Files.isRegularFile(folder.annotationsFile(before.get()))) {
                return Optional.of(read(folder.annotationsFile(before.get())));
            }
        } catch (java.io.IOException e) {
            // no audit to go by: fall through to the sidecar
        }
        return load(evidence);
    }

    /**
     * Saves the case data of this evidence into the case folder ({@code annotations/SHA256.json}, naming the
     * evidence's path) and logs {@code annotated}; nothing is written beside the evidence.
     */
    public static Path save(CaseFolder folder, Path evidence, CaseFile cf) throws CaseFileException {
        if (cf.evidenceSha256().isBlank()) throw new CaseFileException(evidence, "the evidence's SHA-256 is not known");
        Path f = folder.annotationsFile(cf.evidenceSha256());
        try {
            OutputGuard.checkOutside(f, List.of(evidence.toAbsolutePath().getParent()));
            OutputGuard.check(f, List.of(evidence));
            ObjectNode root = MAPPER.createObjectNode();
            root.put("format", FORMAT);
            root.put("version", VERSION);
            root.put("evidencePath", evidence.toAbsolutePath().normalize().toString());
            root.set("case", MAPPER.valueToTree(cf));
            OutputGuard.writeAtomically(f, out -> MAPPER.writeValue(out, root));
            folder.audit().append(AuditLog.Event.ANNOTATED, evidence, cf.evidenceSha256(),
                    java.util.Map.of("annotations", cf.annotations().size(), "caseNumber", cf.caseNumber()));
            return f;
        } catch (OutputGuard.RefusedException e) {
            throw new CaseFileException(f, e.getMessage(), e);
        } catch (IOException e) {
            throw new CaseFileException(f, "it could not be written (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static String firstLine(String m) {
        if (m == null) return "unknown error";
        int nl = m.indexOf('\n');
        String s = nl < 0 ? m : m.substring(0, nl);
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
