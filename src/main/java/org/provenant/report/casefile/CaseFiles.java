package org.provenant.report.casefile;

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
 * Reads and writes case files as JSON beside the evidence: {@code photo.jpg} gets {@code photo.jpg.provenant.json}.
 * The evidence file itself is never opened for writing. Writes go to a temporary file in the same folder and are
 * then moved over the old case file, so a crash never leaves half a case file.
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

    /** The case file beside the evidence, or empty when there is none. */
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
     * Saves the case file beside the evidence and returns its path. It never replaces the evidence nor a file that
     * is not a case file ({@link OutputGuard#checkSidecar}), and writes atomically.
     */
    public static Path save(Path evidence, CaseFile cf) throws CaseFileException {
        Path f = pathFor(evidence);
        try {
            OutputGuard.checkSidecar(f, List.of(evidence));
            ObjectNode root = MAPPER.createObjectNode();
            root.put("format", FORMAT);
            root.put("version", VERSION);
            root.set("case", MAPPER.valueToTree(cf));
            OutputGuard.writeAtomically(f, os -> MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(os, root));
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
