package org.provenant.analysis.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.ToolVersion;
import org.provenant.analysis.casefolder.AuditLog;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.analysis.casefolder.ResultStore;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.ml.ModelRegistry;

/**
 * The case workflow's rules, tested once here for every caller: complete stored results are reused without
 * analysis, partial ones are completed by running only the missing indicators, a changed key (parameters, models,
 * the file's bytes) runs again, the audit log gets its lines, a cancelled run is not stored, another store can
 * stand in, and the evidence is never written.
 */
class CaseWorkflowTest {
    /** Waits until cancelled. */
    static final class Waiting implements Indicator {
        final CountDownLatch started = new CountDownLatch(1);

        @Override public String id() { return "test-waiting"; }
        @Override public String displayName() { return "Waiting"; }
        @Override public String methodReference() { return "test fixture"; }

        @Override public IndicatorResult analyze(FloatImage image, IndicatorContext context) {
            started.countDown();
            for (int i = 0; i < 6000 && !context.progress().cancelled(); i++) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    break;
                }
            }
            throw new CancellationException("cancelled");
        }
    }

    @TempDir Path dir;
    private final CountingIndicator one = new CountingIndicator("test-one"), two = new CountingIndicator("test-two");
    private Path evidence;
    private Map<String, String> evidenceBefore;
    private CaseFolder folder;
    private AnalysisEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        Path ev = Files.createDirectories(dir.resolve("evidence"));
        evidence = write(ev.resolve("a.png"), 40);
        evidenceBefore = snapshot(ev);
        folder = CaseFolder.open(dir.resolve("case"));
        engine = new AnalysisEngine(ModelRegistry.empty(), 2);
    }

    @AfterEach
    void evidenceIsNeverWritten() throws Exception {
        engine.close();
        assertEquals(evidenceBefore, snapshot(evidence.getParent()), "nothing in the evidence folder was created or changed");
    }

    private static Path write(Path file, int red) throws Exception {
        BufferedImage img = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) for (int x = 0; x < 48; x++) img.setRGB(x, y, (red + x) << 16 | (y * 5) << 8 | 60);
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    private static Map<String, String> snapshot(Path d) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : s.toList()) {
                m.put(d.relativize(p).toString(), Files.isDirectory(p) ? "DIR"
                        : ImageLoader.sha256(Files.readAllBytes(p)) + " " + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }

    private LoadedImage load() throws Exception {
        return new ImageLoader().load(evidence);
    }

    private CaseWorkflow.Analysed analyse(CaseWorkflow wf, List<Indicator> inds, Map<String, String> params) throws Exception {
        return wf.analyse(engine, load(), inds, params, AnalysisListener.NONE);
    }

    private List<String> events(LoadedImage li) throws Exception {
        return folder.audit().entriesFor(li.path(), li.sha256()).stream().map(AuditLog.Entry::event).toList();
    }

    @Test
    void completeStoredResultsAreReusedWithoutAnalysisAndReadBackAsTheyWereMade() throws Exception {
        CaseWorkflow wf = new CaseWorkflow(folder, ModelRegistry.empty());
        CaseWorkflow.Analysed first = analyse(wf, List.of(one, two), Map.of());
        assertFalse(first.reused());
        assertEquals(1, one.runs.get());

        Lookup again = wf.lookup(load(), List.of(one, two), Map.of());
        assertTrue(again.complete());
        assertEquals(List.of("test-one", "test-two"), again.reusedIds());
        CaseWorkflow.Analysed second = wf.complete(engine, again, load(), AnalysisListener.NONE, r -> { });
        assertEquals(1, one.runs.get(), "not analysed again");
        assertEquals(1, two.runs.get());
        assertTrue(second.reused());
        // byte for byte the JSON analyze --json writes, whether made now, read back, or read back without decoding
        assertEquals(first.jsonText(), second.jsonText());
        assertEquals(first.jsonText(), wf.stored(again).jsonText());
        assertTrue(Float.isNaN(second.report().outcome("test-one").orElseThrow().result().maps().get(0).map().get(2, 0)));

        LoadedImage li = load();
        assertEquals(List.of("evidence-read", "analysed", "evidence-read", "results-reused"), events(li));
        AuditLog.Entry analysed = folder.audit().entriesFor(li.path(), li.sha256()).get(1);
        assertEquals(ToolVersion.current(), analysed.detail("toolVersion"));
        assertEquals(ResultKey.of(ModelRegistry.empty()), analysed.detail("modelSet"));
        assertEquals("[\"test-one\",\"test-two\"]", analysed.details().path("indicators").toString());
        assertEquals(li.sha256(), analysed.sha256());
        assertEquals(li.path().toAbsolutePath().normalize().toString(), analysed.path());
    }

    @Test
    void partialResultsAreCompletedByRunningOnlyTheMissingIndicatorsAndNothingStoredIsDropped() throws Exception {
        CaseWorkflow wf = new CaseWorkflow(folder, ModelRegistry.empty());
        analyse(wf, List.of(one), Map.of());   // like batch --only test-one

        Lookup part = wf.lookup(load(), List.of(one, two), Map.of());
        assertFalse(part.complete());
        assertEquals(List.of(two), part.toRun());
        assertEquals(List.of("test-one"), part.reusedIds());
        CaseWorkflow.Analysed both = wf.complete(engine, part, load(), AnalysisListener.NONE, r -> { });
        assertEquals(1, one.runs.get(), "the stored one is not run again");
        assertEquals(1, two.runs.get());
        assertEquals(List.of("test-one", "test-two"), both.report().outcomes().stream().map(o -> o.indicatorId()).toList());
        List<AuditLog.Entry> log = folder.audit().entriesFor(load().path(), load().sha256());
        assertEquals(List.of("evidence-read", "analysed", "evidence-read", "results-reused", "analysed"),
                log.stream().map(AuditLog.Entry::event).toList());
        assertEquals("[\"test-one\"]", log.get(3).details().path("indicators").toString(), "what was reused");
        assertEquals("[\"test-two\"]", log.get(4).details().path("indicators").toString(), "what ran");

        // a later run with fewer indicators keeps what is stored for the others
        CountingIndicator three = new CountingIndicator("test-three");
        analyse(wf, List.of(three), Map.of());
        assertTrue(wf.lookup(load(), List.of(one, two, three), Map.of()).complete());
        assertEquals(List.of(1, 1, 1), List.of(one.runs.get(), two.runs.get(), three.runs.get()));
    }

    @Test
    void aChangedKeyOrAChangedFileRunsAgainAndTheChangeIsLoggedAndTold() throws Exception {
        CaseWorkflow wf = new CaseWorkflow(folder, ModelRegistry.empty());
        analyse(wf, List.of(one), Map.of());

        // other examiner's parameters: another key, so it runs again, and is stored under that key
        CaseWorkflow.Analysed shifted = analyse(wf, List.of(one), Map.of("test-one.shift", "25"));
        assertEquals(2, one.runs.get());
        assertNotEquals(wf.key(Map.of()), shifted.lookup().key());
        assertTrue(wf.lookup(load(), List.of(one), Map.of("test-one.shift", "25")).complete());
        // ... beside the defaults' analysis, which stays stored under its own key; the JSON records the setting
        assertTrue(wf.lookup(load(), List.of(one), Map.of()).complete(), "the defaults' analysis survives a re-run");
        assertEquals(Map.of("test-one.shift", "25"), shifted.report().parameters());
        assertEquals(25, shifted.json(false).path("parameters").path("test-one.shift").asInt());
        assertTrue(analyse(wf, List.of(one), Map.of()).json(false).path("parameters").isMissingNode(), "defaults: no record");
        assertEquals(2, one.runs.get());
        // a declared parameter set to its default is no setting: the same key as none
        assertEquals(wf.key(Map.of()), wf.key(Map.of("ela.quality", "90")));
        assertNotEquals(wf.key(Map.of()), wf.key(Map.of("ela.quality", "80")));

        // other model files: another key
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.writeString(models.resolve("m.onnx"), "weights");
        Files.writeString(models.resolve("manifest.json"), "{\"models\": [{\"name\": \"m\", \"file\": \"m.onnx\", \"sha256\": \""
                + ImageLoader.sha256("weights".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\"}]}");
        CaseWorkflow other = new CaseWorkflow(folder, ModelRegistry.load(models));
        assertEquals(List.of(one), other.lookup(load(), List.of(one), Map.of()).toRun());

        // the evidence changed: its SHA-256 differs, nothing is reused, the change is logged and worded
        String before = load().sha256();
        write(evidence, 180);
        evidenceBefore = snapshot(evidence.getParent());
        Lookup changed = wf.lookup(load(), List.of(one), Map.of());
        assertEquals(List.of(one), changed.toRun());
        assertEquals(before, changed.previousSha256());
        assertTrue(changed.warning().orElseThrow().startsWith("Warning: a.png changed since it was last read (SHA-256 then "
                + before.substring(0, 16)), changed.warning().get());
        assertTrue(folder.audit().entries().stream().anyMatch(e -> e.event().equals("evidence-changed")
                && before.equals(e.detail("previousSha256"))));
    }

    @Test
    void aCancelledRunIsNeitherStoredNorLoggedAsAnAnalysis() throws Exception {
        CaseWorkflow wf = new CaseWorkflow(folder, ModelRegistry.empty());
        Waiting waiting = new Waiting();
        Lookup l = wf.lookup(load(), List.of(one, waiting), Map.of());
        CaseWorkflow.Analysed a = wf.complete(engine, l, load(), AnalysisListener.NONE, run -> new Thread(() -> {
            try {
                waiting.started.await();
            } catch (InterruptedException e) {
                return;
            }
            run.cancel();
        }).start());
        assertTrue(a.report().cancelled());
        assertFalse(events(load()).contains("analysed"));
        assertTrue(folder.results().load(load().sha256(), wf.key(Map.of())).isEmpty(), "nothing stored");
    }

    @Test
    void anotherStoreCanStandInForTheCaseFolder() throws Exception {
        Map<String, ObjectNode> trees = new HashMap<>();
        Map<String, AnalysisReport> reports = new HashMap<>();
        ResultStore memory = new ResultStore() {
            @Override public Optional<Stored> load(String sha256, String key) {
                ObjectNode t = trees.get(sha256);
                if (t == null || !key.equals(t.path("stored").path("modelSet").asText())) return Optional.empty();
                return Optional.of(new Stored(t, reports.get(sha256), key));
            }

            @Override public void save(String sha256, ObjectNode json, AnalysisReport report) {
                trees.put(sha256, json);
                reports.put(sha256, report);
            }
        };
        AuditLog log = AuditLog.at(dir.resolve("job-audit.jsonl"), () -> "cluster job");
        CaseWorkflow wf = new CaseWorkflow(memory, log, ModelRegistry.empty());
        analyse(wf, List.of(one), Map.of());
        assertTrue(analyse(wf, List.of(one), Map.of()).reused());
        assertEquals(1, one.runs.get());
        assertEquals(List.of("evidence-read", "analysed", "evidence-read", "results-reused"),
                log.entries().stream().map(AuditLog.Entry::event).toList());
        assertEquals("cluster job", log.entries().get(0).who());
        assertFalse(Files.exists(folder.results().jsonFile(load().sha256())), "the case folder's store is not used");
    }
}
