package org.provenant.analysis.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.core.io.ImageLoader;
import org.provenant.indicators.Indicator;
import org.provenant.ml.ModelRegistry;
import org.provenant.analysis.casefolder.AuditLog;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.analysis.ToolVersion;
import org.provenant.analysis.workflow.CountingIndicator;
import org.provenant.analysis.workflow.ResultKey;

class BatchRunnerTest {
    private final CountingIndicator counting = new CountingIndicator("test-counting");
    private final ObjectMapper json = new ObjectMapper();

    private List<BatchItem> run(CaseFolder cf, ModelRegistry models, Path folder, Path out, BatchRunner.Listener l) throws Exception {
        return new BatchRunner(cf, models, new BatchRunner.Options(folder, out, 2, List.<Indicator>of(counting))).run(l);
    }

    private static Map<BatchItem.Status, List<String>> byStatus(List<BatchItem> items) {
        return items.stream().collect(Collectors.groupingBy(BatchItem::status, Collectors.mapping(BatchItem::relative, Collectors.toList())));
    }

    @Test
    void malformedAndNonImagesAreListedWhileTheRestCompleteAndTheEvidenceIsUntouched(@TempDir Path tmp) throws Exception {
        Path ev = BatchFixtures.mixedFolder(tmp);
        Map<String, String> before = BatchFixtures.snapshot(ev);
        CaseFolder cf = CaseFolder.open(tmp.resolve("case"));
        Path out = tmp.resolve("out");
        List<BatchItem> items = run(cf, ModelRegistry.empty(), ev, out, BatchRunner.Listener.NONE);

        Map<BatchItem.Status, List<String>> st = byStatus(items);
        assertEquals(22, items.size());
        assertEquals(BatchFixtures.GOOD, st.get(BatchItem.Status.ANALYSED).size(), st.toString());
        assertEquals(Set.copyOf(BatchFixtures.MALFORMED), Set.copyOf(st.get(BatchItem.Status.ERROR)), st.toString());
        assertEquals(Set.copyOf(BatchFixtures.NOT_IMAGES), Set.copyOf(st.get(BatchItem.Status.SKIPPED)), st.toString());
        BatchItem truncated = items.stream().filter(i -> i.relative().equals("bad/truncated.png")).findFirst().orElseThrow();
        assertTrue(truncated.message().contains("truncated"), truncated.message());
        BatchItem txt = items.stream().filter(i -> i.relative().equals("notes.txt")).findFirst().orElseThrow();
        assertTrue(txt.message().contains("not an image"), txt.message());
        assertEquals(BatchFixtures.GOOD, counting.runs.get());

        // one JSON per image in the analyze --json form, summaries with a line per file, the HTML index
        for (BatchItem it : items) {
            if (!it.ok()) continue;
            JsonNode j = json.readTree(out.resolve(it.json()).toFile());
            assertEquals("provenant-analysis", j.path("format").asText());
            assertEquals(ImageLoader.sha256(Files.readAllBytes(ev.resolve(it.relative()))), j.path("image").path("sha256").asText());
            assertEquals("test-counting", j.path("indicators").get(0).path("id").asText());
            assertTrue(Files.isRegularFile(out.resolve(it.thumbnail())), it.thumbnail());
        }
        List<String> lines = Files.readAllLines(out.resolve(BatchSummaries.JSONL));
        assertEquals(22, lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"bad/random.jpg\"") && l.contains("\"ERROR\"")));
        List<String> csv = Files.readAllLines(out.resolve(BatchSummaries.CSV));
        assertEquals(23, csv.size());
        assertTrue(csv.get(0).startsWith("file,sha256,bytes,format,width,height,status,overall,suspicion,"
                + "test-counting finding,test-counting headline,test-counting lean"), csv.get(0));
        // each indicator's finding in words (this one states none: the lean it implies), the number beside it
        assertTrue(csv.stream().anyMatch(l -> l.contains(",suggests a generated image,") || l.contains(",consistent with a camera original,")),
                String.join("\n", csv));
        String html = Files.readString(out.resolve(HtmlIndex.FILE));
        assertTrue(html.contains(": suggests a generated image</span>") || html.contains(": consistent with a camera original</span>"),
                "chips in words");
        assertTrue(html.contains("img00.jpg") && html.contains("thumbs/") && !html.contains("http"), "offline index");
        // sorted by suspicion: every GENERATED-leaning file before every camera-original one, errors last
        List<BatchItem> sorted = HtmlIndex.bySuspicion(items);
        int lastGenerated = -1, firstOther = Integer.MAX_VALUE;
        for (int i = 0; i < sorted.size(); i++) {
            boolean gen = sorted.get(i).indicators().stream().anyMatch(BatchItem.IndicatorLine::leansAway);
            if (gen) lastGenerated = i;
            else firstOther = Math.min(firstOther, i);
        }
        assertTrue(lastGenerated < firstOther || lastGenerated == -1);
        assertFalse(sorted.get(sorted.size() - 1).ok());

        assertEquals(before, BatchFixtures.snapshot(ev), "nothing in the evidence folder was created or changed");
        try (Stream<Path> s = Files.walk(ev)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".provenant.json")), "no sidecar");
        }
    }

    @Test
    void resumesAfterAKillWithoutRecomputingFinishedFiles(@TempDir Path tmp) throws Exception {
        Path ev = BatchFixtures.mixedFolder(tmp);
        CaseFolder cf = CaseFolder.open(tmp.resolve("case"));
        Path out = tmp.resolve("out");
        BatchRunner first = new BatchRunner(cf, ModelRegistry.empty(), new BatchRunner.Options(ev, out, 1, List.<Indicator>of(counting)));
        List<BatchItem> partial = first.run((item, done, total) -> {
            if (done == 8) first.cancel();   // the "kill": the rest of the folder is never started
        });
        long finished = partial.stream().filter(BatchItem::ok).count();
        long cancelled = partial.stream().filter(i -> i.status() == BatchItem.Status.CANCELLED).count();
        assertTrue(cancelled >= 10, "cancelled " + cancelled);
        assertTrue(finished >= 1, "finished " + finished);
        assertEquals(finished, counting.runs.get());

        // what a power loss could leave: temporary files of an unfinished write, and a damaged stored result
        Path leftover = out.resolve("json/.img05.png.json.1a2b3c.tmp");
        Files.createDirectories(leftover.getParent());
        Files.writeString(leftover, "{\"format\": \"provenant-anal");
        Path storeLeftover = cf.dir().resolve("results/.x.json.ffee.tmp");
        Files.writeString(storeLeftover, "{");
        BatchItem damaged = partial.stream().filter(BatchItem::ok).findFirst().orElseThrow();
        Files.writeString(cf.results().jsonFile(damaged.sha256()), "{\"format\": \"provenant-analysis\", \"indic");

        int runsBefore = counting.runs.get();
        List<BatchItem> resumed = run(cf, ModelRegistry.empty(), ev, out, BatchRunner.Listener.NONE);
        Map<BatchItem.Status, List<String>> st = byStatus(resumed);
        assertEquals(finished - 1, st.get(BatchItem.Status.REUSED).size(), st.toString());
        assertEquals(BatchFixtures.GOOD - (finished - 1), st.get(BatchItem.Status.ANALYSED).size(), st.toString());
        assertTrue(st.get(BatchItem.Status.ANALYSED).contains(damaged.relative()), "the damaged result is recomputed");
        assertEquals(runsBefore + BatchFixtures.GOOD - (finished - 1), counting.runs.get(), "finished files are not analysed again");
        assertFalse(Files.exists(leftover));
        assertFalse(Files.exists(storeLeftover));
        assertEquals(22, Files.readAllLines(out.resolve(BatchSummaries.JSONL)).size());
        try (Stream<Path> s = Files.walk(out)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void storedResultsAreReusedOnlyForTheSameFileAndModels(@TempDir Path tmp) throws Exception {
        Path ev = BatchFixtures.mixedFolder(tmp);
        CaseFolder cf = CaseFolder.open(tmp.resolve("case"));
        List<BatchItem> first = run(cf, ModelRegistry.empty(), ev, tmp.resolve("out1"), BatchRunner.Listener.NONE);
        assertEquals(BatchFixtures.GOOD, counting.runs.get());

        List<BatchItem> again = run(cf, ModelRegistry.empty(), ev, tmp.resolve("out2"), BatchRunner.Listener.NONE);
        assertEquals(BatchFixtures.GOOD, counting.runs.get(), "no recomputation: same SHA-256, same models");
        assertEquals(BatchFixtures.GOOD, byStatus(again).get(BatchItem.Status.REUSED).size());
        BatchItem one = again.stream().filter(BatchItem::ok).findFirst().orElseThrow();
        BatchItem fresh = first.stream().filter(i -> i.relative().equals(one.relative())).findFirst().orElseThrow();
        assertEquals(fresh.indicators(), one.indicators(), "the stored result reads back as it was computed");
        var stored = cf.results().load(one.sha256(), ResultKey.of(ModelRegistry.empty())).orElseThrow();
        var map = stored.report().outcomes().get(0).result().maps().get(0).map();
        assertTrue(Float.isNaN(map.get(2, 0)), "NaN stays NaN through the store");
        assertEquals(0.4f, map.get(0, 1));

        // another model set (a changed manifest) invalidates the stored results
        Path models = Files.createDirectories(tmp.resolve("models"));
        Files.writeString(models.resolve("manifest.json"), "{\"models\": [{\"name\": \"m\", \"file\": \"m.onnx\", \"sha256\": \""
                + "ab".repeat(32) + "\"}]}");
        List<BatchItem> other = run(cf, ModelRegistry.load(models), ev, tmp.resolve("out3"), BatchRunner.Listener.NONE);
        assertEquals(2 * BatchFixtures.GOOD, counting.runs.get());
        assertEquals(BatchFixtures.GOOD, byStatus(other).get(BatchItem.Status.ANALYSED).size());

        // a changed evidence file is analysed again, and the change is logged and reported
        Path changed = ev.resolve("img02.png");
        javax.imageio.ImageIO.write(org.provenant.cli.BenchCommand.photoLike(30, 30, 7).toBufferedImage(), "png", changed.toFile());
        List<BatchItem> after = run(cf, ModelRegistry.load(models), ev, tmp.resolve("out4"), BatchRunner.Listener.NONE);
        BatchItem c = after.stream().filter(i -> i.relative().equals("img02.png")).findFirst().orElseThrow();
        assertEquals(BatchItem.Status.ANALYSED, c.status());
        assertTrue(c.message().contains("changed since it was last read"), c.message());
        assertEquals(2 * BatchFixtures.GOOD + 1, counting.runs.get());
    }

    @Test
    void theAuditLogRecordsReadsAnalysesAndReuse(@TempDir Path tmp) throws Exception {
        Path ev = BatchFixtures.mixedFolder(tmp);
        CaseFolder cf = CaseFolder.open(tmp.resolve("case"));
        cf.setInfo("2026-0013", "A. Examiner", "");
        run(cf, ModelRegistry.empty(), ev, tmp.resolve("out"), BatchRunner.Listener.NONE);
        run(cf, ModelRegistry.empty(), ev, tmp.resolve("out"), BatchRunner.Listener.NONE);
        List<AuditLog.Entry> all = cf.audit().entries();
        Path img = ev.resolve("a/b/img04.png").toAbsolutePath();
        String sha = ImageLoader.sha256(Files.readAllBytes(img));
        List<AuditLog.Entry> mine = cf.audit().entriesFor(img, sha);
        assertEquals(List.of("evidence-read", "analysed", "evidence-read", "results-reused"), mine.stream().map(AuditLog.Entry::event).toList());
        for (AuditLog.Entry e : mine) {
            assertEquals("A. Examiner", e.who());
            assertEquals(sha, e.sha256());
            assertEquals(img.toString(), e.path());
            assertTrue(e.when().endsWith("Z") && java.time.Instant.parse(e.when()) != null, e.when());
        }
        AuditLog.Entry analysed = mine.get(1);
        assertEquals(ToolVersion.current(), analysed.detail("toolVersion"));
        assertEquals(ResultKey.of(ModelRegistry.empty()), analysed.detail("modelSet"));
        assertTrue(analysed.details().path("models").isObject());
        assertEquals("test-counting", analysed.details().path("indicators").get(0).asText());
        assertEquals(2, all.stream().filter(e -> e.event().equals("batch-started")).count());
        // every file, malformed ones included, is logged with the SHA-256 of the bytes read
        assertEquals(2 * 22, all.stream().filter(e -> e.event().equals("evidence-read")).count());
        // append-only: the first run's lines are still the first lines of the file
        List<String> raw = Files.readAllLines(cf.audit().file());
        assertEquals(all.size(), raw.size());
        assertTrue(raw.get(0).contains("\"case-opened\""));
    }

    @Test
    void worksOnAReadOnlyEvidenceFolderAndRefusesOutputInsideIt(@TempDir Path tmp) throws Exception {
        Path ev = BatchFixtures.mixedFolder(tmp);
        Map<String, String> before = BatchFixtures.snapshot(ev);
        List<Path> all;
        try (Stream<Path> s = Files.walk(ev)) {
            all = s.toList();
        }
        for (Path p : all) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--"));
        try {
            CaseFolder cf = CaseFolder.open(tmp.resolve("case"));
            IOException e = assertThrows(IOException.class, () -> new BatchRunner(cf, ModelRegistry.empty(),
                    new BatchRunner.Options(ev, ev.resolve("a/out"), 1, List.<Indicator>of(counting))));
            assertTrue(e.getMessage().contains("lies in the evidence"), e.getMessage());
            assertThrows(IOException.class, () -> new BatchRunner(CaseFolder.open(tmp.resolve("case2")), ModelRegistry.empty(),
                    new BatchRunner.Options(ev, ev, 1, List.<Indicator>of(counting))));
            List<BatchItem> items = run(cf, ModelRegistry.empty(), ev, tmp.resolve("out"), BatchRunner.Listener.NONE);
            assertEquals(BatchFixtures.GOOD, items.stream().filter(BatchItem::ok).count());
            // root ignores chmod, so also check that nothing was created or changed in the evidence folder
            assertEquals(before, BatchFixtures.snapshot(ev));
        } finally {
            for (Path p : all) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
