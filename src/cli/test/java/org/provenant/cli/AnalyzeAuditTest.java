package org.provenant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.core.io.ImageLoader;
import org.provenant.ml.ModelRegistry;
import org.provenant.analysis.ToolVersion;
import org.provenant.analysis.casefolder.AuditLog;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.analysis.workflow.ResultKey;

/** {@code analyze} leaves the batch's audit trail in the case folder: the read, the analysis, the JSON written. */
class AnalyzeAuditTest {
    @Test
    void analyzeLogsTheReadTheAnalysisWithModelHashesAndTheJsonWithItsSha256(@TempDir Path dir) throws Exception {
        Path ev = Files.createDirectories(dir.resolve("evidence"));
        Path img = ev.resolve("suspect.png");
        ImageIO.write(BenchCommand.photoLike(96, 72, 5).toBufferedImage(), "png", img.toFile());
        String sha = ImageLoader.sha256(Files.readAllBytes(img));
        Path caseDir = dir.resolve("case"), json = dir.resolve("out/suspect.json");

        CliRun r = CliRun.of("analyze", img.toString(), "--json", json.toString(), "--case", caseDir.toString());
        assertEquals(0, r.code(), r.err());
        String jsonSha = ImageLoader.sha256(Files.readAllBytes(json));
        assertTrue(r.out().contains("SHA-256 " + jsonSha), r.out());

        CaseFolder cf = CaseFolder.open(caseDir);
        List<AuditLog.Entry> mine = cf.audit().entriesFor(img, sha);
        assertEquals(List.of("evidence-read", "analysed", "report-exported"), mine.stream().map(AuditLog.Entry::event).toList());
        assertEquals(sha, mine.get(0).sha256(), "the SHA-256 of the bytes read");
        AuditLog.Entry analysed = mine.get(1);
        assertEquals(ToolVersion.current(), analysed.detail("toolVersion"));
        try (ModelRegistry models = ModelRegistry.locate()) {
            Map<String, String> logged = new ObjectMapper().convertValue(analysed.details().path("models"),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
            assertEquals(models.fileHashes(), logged, "every model's SHA-256, as its file is on disk");
            assertFalse(logged.isEmpty(), "the repository's models were used");
            assertEquals(ResultKey.of(models), analysed.detail("modelSet"));
            assertTrue(cf.results().load(sha, ResultKey.of(models)).isPresent(), "stored for the workbench and batch");
        }
        assertTrue(analysed.details().path("indicators").size() > 5, analysed.details().toString());
        AuditLog.Entry exported = mine.get(2);
        assertEquals(jsonSha, exported.detail("reportSha256"));
        assertEquals(json.toAbsolutePath().normalize().toString(), exported.detail("report"));
        try (var s = Files.list(ev)) {
            assertEquals(1, s.count(), "nothing written beside the evidence");
        }

        // without --case: the default case folder (the tests' one, -Dprovenant.case) gets the entries
        CliRun d = CliRun.of("analyze", img.toString());
        assertEquals(0, d.code(), d.err());
        List<String> events = CaseFolder.openDefault().audit().entriesFor(img, sha).stream().map(AuditLog.Entry::event).toList();
        assertEquals(List.of("evidence-read", "analysed"), events);

        // a case folder in the evidence's folder is refused before anything is read
        CliRun refused = CliRun.of("analyze", img.toString(), "--case", ev.resolve("case").toString());
        assertEquals(2, refused.code(), refused.err());
        assertFalse(Files.exists(ev.resolve("case")));
    }
}
