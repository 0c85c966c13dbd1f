package org.provenant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.analysis.workflow.ResultKey;
import org.provenant.core.io.ImageLoader;
import org.provenant.ml.ModelRegistry;

/** {@code --param KEY=VALUE} on analyze and batch: checked in one line, recorded, stored under its own key. */
class ParameterOptionTest {
    @Test
    void anUnknownKeyOrAValueOutOfRangeIsOneLineNamingTheKeyAndWhatIsAllowedWithExitCode2(@TempDir Path dir) throws Exception {
        Path img = dir.resolve("a.png");
        ImageIO.write(BenchCommand.photoLike(64, 48, 2).toBufferedImage(), "png", img.toFile());
        CliRun unknown = CliRun.of("analyze", img.toString(), "--param", "ela.qualty=80", "--case", dir.resolve("c").toString());
        assertEquals(2, unknown.code());
        assertEquals("unknown parameter 'ela.qualty'; known: copymove.min_blocks (3..4096), ela.quality (50..100),"
                + " latentquant.map_side (256..4096)", unknown.err().lines().findFirst().orElseThrow());
        CliRun high = CliRun.of("batch", dir.toString(), "--out", dir.resolve("o").toString(), "--param", "ela.quality=120");
        assertEquals(2, high.code());
        assertEquals("parameter ela.quality must be a whole number from 50 to 100 (default 90), not '120'",
                high.err().lines().findFirst().orElseThrow());
        CliRun bare = CliRun.of("analyze", img.toString(), "--param", "ela.quality");
        assertEquals(2, bare.code());
        assertEquals("--param needs KEY=VALUE, not 'ela.quality'", bare.err().lines().findFirst().orElseThrow());
        assertFalse(Files.exists(dir.resolve("c")), "nothing was read or written");
        assertTrue(CliRun.of("analyze", "--help").out().contains("ela.quality  50..100, default 90: "));
    }

    @Test
    void aRunWithOtherSettingsIsRecordedAndStoredBesideTheDefaultsUnderItsOwnKey(@TempDir Path dir) throws Exception {
        Path ev = Files.createDirectories(dir.resolve("evidence"));
        Path img = ev.resolve("suspect.png");
        ImageIO.write(BenchCommand.photoLike(96, 72, 5).toBufferedImage(), "png", img.toFile());
        String sha = ImageLoader.sha256(Files.readAllBytes(img));
        Path caseDir = dir.resolve("case"), json = dir.resolve("out/q80.json");

        CliRun q80 = CliRun.of("analyze", img.toString(), "--param", "ela.quality=80", "--json", json.toString(), "--case", caseDir.toString());
        assertEquals(0, q80.code(), q80.err());
        assertTrue(q80.out().contains("ela.quality = 80 (default 90): "), q80.out());
        JsonNode tree = new ObjectMapper().readTree(json.toFile());
        assertEquals(80, tree.path("parameters").path("ela.quality").asInt(), "the JSON records the setting");
        JsonNode ela = null;
        for (JsonNode n : tree.path("indicators")) if (n.path("id").asText().equals("error-level")) ela = n;
        assertTrue(ela != null && ela.toString().contains("\"ela_quality\""), "ELA states the quality it used");

        CliRun defaults = CliRun.of("analyze", img.toString(), "--param", "ela.quality=90", "--case", caseDir.toString());
        assertEquals(0, defaults.code(), defaults.err());
        assertFalse(defaults.out().contains("stored results"), "the defaults are another key: analysed, not reused");
        CliRun again = CliRun.of("analyze", img.toString(), "--param", "ela.quality=80", "--case", caseDir.toString());
        assertTrue(again.out().contains("indicators from the case folder's stored results"), "the q80 run survived: " + again.out());

        CaseFolder cf = CaseFolder.open(caseDir);
        try (ModelRegistry models = ModelRegistry.locate()) {
            String key80 = ResultKey.of(models, Map.of("ela.quality", "80"));
            assertTrue(cf.results().load(sha, ResultKey.of(models)).isPresent(), "the defaults' analysis");
            assertTrue(cf.results().load(sha, key80).isPresent(), "the q80 analysis");
            assertTrue(Files.isRegularFile(cf.results().jsonFile(sha)));
            assertTrue(Files.isRegularFile(cf.results().jsonFile(sha, key80)));
            assertEquals(Map.of("ela.quality", "80"), cf.results().load(sha, key80).get().report().parameters());
        }
    }
}
