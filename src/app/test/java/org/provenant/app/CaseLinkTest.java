package org.provenant.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisInput;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Score;
import org.provenant.ml.ModelRegistry;
import org.provenant.report.CaseRecords;
import org.provenant.report.casefile.AuditLog;
import org.provenant.report.casefile.CaseFolder;

/**
 * The path the workbench and the comparison view take when they open an image (no screen needed): stored results
 * of the case folder are used when the file's SHA-256 and the model set are unchanged, only the indicators
 * without one are run, and opening is logged.
 */
class CaseLinkTest {
    /** Headline = mean of the first channel; counts its runs. */
    static final class Counting implements Indicator {
        final String id;
        final AtomicInteger runs = new AtomicInteger();

        Counting(String id) { this.id = id; }

        @Override public String id() { return id; }
        @Override public String displayName() { return "Counting " + id; }
        @Override public String methodReference() { return "test fixture"; }

        @Override public IndicatorResult analyze(FloatImage image, IndicatorContext context) {
            runs.incrementAndGet();
            double s = 0;
            for (float v : image.plane(0)) s += v;
            Score sc = new Score("mean", "Mean", s / image.pixels(), "test");
            return new IndicatorResult(id, sc, List.of(sc), List.of(), "test", Hypothesis.INCONCLUSIVE, 0.5, null);
        }
    }

    /** What the comparison does with an opened image: the stored report, or the missing indicators run and stored. */
    private static AnalysisReport asComparisonDoes(CaseFolder cf, AnalysisEngine engine, LoadedImage li, List<Indicator> inds)
            throws Exception {
        CaseLink.Opened found = CaseLink.opened(cf, li, inds, engine.models(), "comparison");
        List<Indicator> todo = found.toRun(inds);
        AnalysisReport stored = found.stored().or(found::partial).orElse(null);
        if (todo.isEmpty()) return stored;
        AnalysisReport fresh = engine.analyze(AnalysisInput.of(li), todo, AnalysisListener.NONE);
        AnalysisReport r = stored == null ? fresh : CaseLink.merge(inds, stored, fresh);
        CaseRecords.analysed(cf, engine.models(), li, r);
        return r;
    }

    @Test
    void storedResultsAreShownWithoutRecomputingAndOnlyMissingIndicatorsRun(@TempDir Path dir) throws Exception {
        CaseFolder cf = CaseFolder.open(dir.resolve("case"));
        LoadedImage li = new ImageLoader().load(TestIndicators.writePng(java.nio.file.Files.createDirectories(dir.resolve("ev")).resolve("a.png"), 64, 48, 7));
        Counting one = new Counting("test-one"), two = new Counting("test-two");
        try (AnalysisEngine engine = new AnalysisEngine(ModelRegistry.empty(), 1)) {
            CaseLink.Opened fresh = CaseLink.opened(cf, li, List.of(one), engine.models(), "comparison");
            assertTrue(fresh.stored().isEmpty() && fresh.partial().isEmpty());
            assertEquals(List.of(one), fresh.toRun(List.of(one)));

            AnalysisReport first = asComparisonDoes(cf, engine, li, List.of(one));
            assertEquals(1, one.runs.get());

            // opened again (same file, same models): the stored result, nothing recomputed
            CaseLink.Opened again = CaseLink.opened(cf, li, List.of(one), engine.models(), "comparison");
            assertTrue(again.stored().isPresent());
            assertEquals(List.of(), again.toRun(List.of(one)));
            AnalysisReport shown = asComparisonDoes(cf, engine, li, List.of(one));
            assertEquals(1, one.runs.get(), "no recomputation");
            assertEquals(first.outcome("test-one").orElseThrow().result().headline().value(),
                    shown.outcome("test-one").orElseThrow().result().headline().value());

            // a second indicator: only it runs, the first comes from the case folder
            AnalysisReport both = asComparisonDoes(cf, engine, li, List.of(one, two));
            assertEquals(1, one.runs.get());
            assertEquals(1, two.runs.get());
            assertEquals(List.of("test-one", "test-two"), both.outcomes().stream().map(o -> o.indicatorId()).toList());
            asComparisonDoes(cf, engine, li, List.of(one, two));
            assertEquals(2, one.runs.get() + two.runs.get(), "both stored now");
        }

        // other models: the stored results are not theirs, everything runs
        java.nio.file.Path models = java.nio.file.Files.createDirectories(dir.resolve("models"));
        java.nio.file.Files.writeString(models.resolve("m.onnx"), "weights");
        java.nio.file.Files.writeString(models.resolve("manifest.json"), "{\"models\": [{\"name\": \"m\", \"file\": \"m.onnx\", \"sha256\": \""
                + ImageLoader.sha256("weights".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\"}]}");
        try (AnalysisEngine other = new AnalysisEngine(ModelRegistry.load(models), 1)) {
            assertEquals(List.of(one, two), CaseLink.opened(cf, li, List.of(one, two), other.models(), "comparison").toRun(List.of(one, two)));
        }

        List<String> events = cf.audit().entriesFor(li.path(), li.sha256()).stream().map(AuditLog.Entry::event).toList();
        assertTrue(events.contains("results-reused") && events.contains("analysed") && events.contains("evidence-read"), events.toString());
        assertTrue(cf.audit().entries().stream().anyMatch(e -> e.event().equals("opened") && e.detail("where").equals("comparison")));
    }
}
