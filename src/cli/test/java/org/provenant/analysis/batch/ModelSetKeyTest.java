package org.provenant.analysis.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.core.io.ImageLoader;
import org.provenant.indicators.Indicator;
import org.provenant.ml.ModelRegistry;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.analysis.workflow.CodeIdentity;
import org.provenant.analysis.workflow.CountingIndicator;
import org.provenant.analysis.workflow.ResultKey;

/**
 * The key stored results are reused under follows the model files themselves, the code and the examiner's
 * parameters: other models are never reused, the same ones always are, and a killed batch still resumes.
 */
class ModelSetKeyTest {
    private final CountingIndicator counting = new CountingIndicator("test-counting");

    /** A models folder with one model file of these bytes; the manifest states {@code manifestSha}. */
    private static Path models(Path dir, byte[] bytes, String manifestSha) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("m.onnx"), bytes);
        Files.writeString(dir.resolve("manifest.json"), "{\"models\": [{\"name\": \"m\", \"file\": \"m.onnx\", \"sha256\": \""
                + manifestSha + "\"}]}");
        return dir;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<BatchItem> run(CaseFolder cf, ModelRegistry models, Path ev, Path out) throws Exception {
        return new BatchRunner(cf, models, new BatchRunner.Options(ev, out, 2, List.<Indicator>of(counting))).run(BatchRunner.Listener.NONE);
    }

    private static long count(List<BatchItem> items, BatchItem.Status s) {
        return items.stream().filter(i -> i.status() == s).count();
    }

    @Test
    void theKeyFollowsTheModelFilesOnDiskAndTheParameters(@TempDir Path tmp) throws Exception {
        byte[] a = bytes("model A weights"), b = bytes("model B weights");
        ModelRegistry regA = ModelRegistry.load(models(tmp.resolve("a"), a, ImageLoader.sha256(a)));
        ModelRegistry sameA = ModelRegistry.load(models(tmp.resolve("copy-of-a"), a, ImageLoader.sha256(a)));
        ModelRegistry regB = ModelRegistry.load(models(tmp.resolve("b"), b, ImageLoader.sha256(b)));
        // the file replaced but its manifest entry left as it was: the file on disk decides, not the manifest
        ModelRegistry swapped = ModelRegistry.load(models(tmp.resolve("swapped"), b, ImageLoader.sha256(a)));

        assertEquals(ImageLoader.sha256(a), regA.fileHashes().get("m"));
        assertEquals(ResultKey.of(regA), ResultKey.of(sameA), "same model files, another folder: same key");
        assertNotEquals(ResultKey.of(regA), ResultKey.of(regB));
        assertNotEquals(ResultKey.of(regA), ResultKey.of(swapped));
        assertEquals(ImageLoader.sha256(b), swapped.fileHashes().get("m"));

        Map<String, String> p1 = new LinkedHashMap<>(), p2 = new LinkedHashMap<>();
        p1.put("ela.quality", "80");
        p1.put("copy-move.min-blocks", "6");
        p2.put("copy-move.min-blocks", "6");
        p2.put("ela.quality", "80");
        assertEquals(ResultKey.of(regA, p1), ResultKey.of(regA, p2), "order of the settings does not matter");
        assertNotEquals(ResultKey.of(regA), ResultKey.of(regA, p1), "other settings, other key");
        assertNotEquals(ResultKey.of(regA, Map.of("ela.quality", "80")), ResultKey.of(regA, Map.of("ela.quality", "90")));
        assertEquals(ResultKey.of(regA), ResultKey.of(regA, Map.of()));
    }

    @Test
    void storedResultsAreReusedForTheSameModelFilesOnlyAndABatchStillResumes(@TempDir Path tmp) throws Exception {
        Path ev = BatchFixtures.mixedFolder(tmp);
        CaseFolder cf = CaseFolder.open(tmp.resolve("case"));
        byte[] a = bytes("model A weights"), b = bytes("model B weights");
        Path dirA = models(tmp.resolve("a"), a, ImageLoader.sha256(a));

        List<BatchItem> first = run(cf, ModelRegistry.load(dirA), ev, tmp.resolve("out1"));
        assertEquals(BatchFixtures.GOOD, count(first, BatchItem.Status.ANALYSED));
        assertEquals(BatchFixtures.GOOD, counting.runs.get());

        // same model files (a fresh registry over a copy): reused, nothing recomputed
        List<BatchItem> same = run(cf, ModelRegistry.load(models(tmp.resolve("copy-of-a"), a, ImageLoader.sha256(a))), ev, tmp.resolve("out2"));
        assertEquals(BatchFixtures.GOOD, count(same, BatchItem.Status.REUSED));
        assertEquals(BatchFixtures.GOOD, counting.runs.get());

        // another model file: every image analysed again
        List<BatchItem> other = run(cf, ModelRegistry.load(models(tmp.resolve("b"), b, ImageLoader.sha256(b))), ev, tmp.resolve("out3"));
        assertEquals(BatchFixtures.GOOD, count(other, BatchItem.Status.ANALYSED));
        assertEquals(2 * BatchFixtures.GOOD, counting.runs.get());

        // model A's file changed in place (to bytes no run used), its manifest entry not: not reused (the file decides)
        Files.write(dirA.resolve("m.onnx"), bytes("model C weights"));
        List<BatchItem> swapped = run(cf, ModelRegistry.load(dirA), ev, tmp.resolve("out4"));
        assertEquals(BatchFixtures.GOOD, count(swapped, BatchItem.Status.ANALYSED));
        assertEquals(3 * BatchFixtures.GOOD, counting.runs.get());

        // and resuming with those models again reuses what the last run stored
        List<BatchItem> resumed = run(cf, ModelRegistry.load(dirA), ev, tmp.resolve("out4"));
        assertEquals(BatchFixtures.GOOD, count(resumed, BatchItem.Status.REUSED));
        assertEquals(3 * BatchFixtures.GOOD, counting.runs.get());
    }

    @Test
    void theCodeIdentityFollowsTheContentNotTheBuild(@TempDir Path tmp) throws Exception {
        Path c1 = Files.createDirectories(tmp.resolve("classes1/org/x")), c2 = Files.createDirectories(tmp.resolve("classes2/org/x"));
        Files.write(c1.resolve("A.class"), bytes("code one"));
        Files.write(c2.resolve("A.class"), bytes("code one"));
        assertEquals(CodeIdentity.of(tmp.resolve("classes1")), CodeIdentity.of(tmp.resolve("classes2")));
        Files.write(c2.resolve("A.class"), bytes("code two"));
        assertNotEquals(CodeIdentity.of(tmp.resolve("classes1")), CodeIdentity.of(tmp.resolve("classes2")));

        // jars: entry order and the manifest (build date, JDK) do not count, a class does
        Path j1 = jar(tmp.resolve("1.jar"), "Built-By: a", "org/x/A.class", "code one", "org/x/B.class", "b");
        Path j2 = jar(tmp.resolve("2.jar"), "Built-By: b", "org/x/B.class", "b", "org/x/A.class", "code one");
        Path j3 = jar(tmp.resolve("3.jar"), "Built-By: a", "org/x/A.class", "code two", "org/x/B.class", "b");
        assertEquals(CodeIdentity.of(j1), CodeIdentity.of(j2));
        assertNotEquals(CodeIdentity.of(j1), CodeIdentity.of(j3));
        assertTrue(CodeIdentity.current().matches("[0-9a-f]{64}"), "this build's classes are found: " + CodeIdentity.current());
    }

    @Test
    void theCodeIdentityCoversProvenantCoreAndEveryRegisteredIndicatorsCode(@TempDir Path tmp) throws Exception {
        // run from this module: provenant-core's classes are another location than this code's, and they are covered
        Path core = Path.of(org.provenant.analysis.AnalysisEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path indicator = Path.of(org.provenant.indicators.IndicatorRegistry.byId("error-level").getClass()
                .getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> covered = CodeIdentity.locations();
        assertTrue(covered.contains(core.toAbsolutePath().normalize()), covered + " covers " + core);
        assertTrue(covered.contains(indicator.toAbsolutePath().normalize()), covered + " covers " + indicator);
        Path cli = Path.of(org.provenant.cli.BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertFalse(covered.contains(cli.toAbsolutePath().normalize()), "the CLI's code makes no results");
        assertEquals(CodeIdentity.of(covered), CodeIdentity.current());

        // a change in any covered location changes the identity; the order of the locations does not
        Path a = Files.createDirectories(tmp.resolve("a/org/x")), b = Files.createDirectories(tmp.resolve("b/org/y"));
        Files.write(a.resolve("A.class"), bytes("core"));
        Files.write(b.resolve("B.class"), bytes("indicator"));
        List<Path> both = List.of(tmp.resolve("a"), tmp.resolve("b"));
        String before = CodeIdentity.of(both);
        assertEquals(before, CodeIdentity.of(List.of(tmp.resolve("b"), tmp.resolve("a"))));
        Files.write(b.resolve("B.class"), bytes("indicator, changed"));
        assertNotEquals(before, CodeIdentity.of(both));
    }

    private static Path jar(Path f, String manifestLine, String... namesAndContents) throws IOException {
        try (OutputStream o = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            z.write(bytes("Manifest-Version: 1.0\n" + manifestLine + "\n"));
            for (int i = 0; i < namesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(namesAndContents[i]));
                z.write(bytes(namesAndContents[i + 1]));
            }
        }
        return f;
    }
}
