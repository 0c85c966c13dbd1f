package org.provenant.analysis.casefolder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** Writes a case file beside the evidence as older builds did, so tests can check it is still read. */
public final class LegacySidecar {
    private LegacySidecar() { }

    public static Path write(Path evidence, CaseFile cf) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("format", CaseFiles.FORMAT);
        root.put("version", CaseFiles.VERSION);
        root.set("case", m.valueToTree(cf));
        Path f = CaseFiles.pathFor(evidence);
        m.writeValue(f.toFile(), root);
        return f;
    }
}
