package org.provenant.app.caseview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenant.app.FxTesting.fx;
import static org.provenant.app.FxTesting.fxRun;
import static org.provenant.app.FxTesting.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.provenant.analysis.batch.BatchItem;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.app.TestIndicators;
import org.provenant.app.WorkbenchFixture;
import org.provenant.app.casework.CaseSession;
import org.provenant.app.panels.PanelRegistry;
import org.provenant.app.workbench.RecentFiles;
import org.provenant.app.workbench.WorkbenchWindow;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.ImageLoader;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The case view and the workbench's use of the case folder: batch in the background, stored results, no sidecar. */
@ExtendWith(ApplicationExtension.class)
class CaseViewTest extends WorkbenchFixture {
    /** Wraps the brightness test indicator and counts its runs. */
    static final class Counted implements Indicator {
        final TestIndicators.Brightness inner = new TestIndicators.Brightness();
        final AtomicInteger runs = new AtomicInteger();

        @Override public String id() { return inner.id(); }

        @Override public String displayName() { return inner.displayName(); }

        @Override public String methodReference() { return inner.methodReference(); }

        @Override public IndicatorResult analyze(FloatImage image, IndicatorContext context) throws org.provenant.indicators.IndicatorException {
            runs.incrementAndGet();
            return inner.analyze(image, context);
        }
    }

    private final Counted counted = new Counted();
    private CaseSession session;

    @Start
    void start(Stage stage) throws Exception {
        open(stage, "provenant-case-test");
        session = new CaseSession(CaseFolder.open(dir.resolve("case")));
    }

    private Path evidenceFolder() throws Exception {
        Path ev = Files.createDirectories(dir.resolve("evidence/sub"));
        for (int i = 0; i < 5; i++) TestIndicators.writePng(ev.resolveSibling("img" + i + ".png"), 64 + 8 * i, 48, 40 + i);
        TestIndicators.writePng(ev.resolve("deep.png"), 80, 60, 99);
        byte[] png = Files.readAllBytes(ev.resolveSibling("img0.png"));
        Files.write(ev.resolve("broken.png"), java.util.Arrays.copyOf(png, 200));
        return ev.getParent();
    }

    private static Map<String, String> snapshot(Path d) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : s.toList()) m.put(d.relativize(p).toString(), Files.isDirectory(p) ? "DIR" : ImageLoader.sha256(Files.readAllBytes(p)));
        }
        return m;
    }

    @Test
    void theCaseViewFillsInTheBackgroundSortsAndChecksTheComparisonSelection() throws Exception {
        Path ev = evidenceFolder();
        Map<String, String> before = snapshot(ev);
        CaseViewModel vm = new CaseViewModel(List.of(counted), engine.models(), Executors.newSingleThreadExecutor());
        CaseFolder cf = session.current();
        List<Path> opened = new java.util.ArrayList<>();
        CaseView[] view = new CaseView[1];
        fxRun(() -> {
            view[0] = new CaseView(vm, cf, opened::add);
            stage.setScene(new Scene(view[0], 1000, 600));
            stage.show();
            assertTrue(vm.addFolder(cf, ev));
        });
        assertEquals(7, fx(() -> vm.rows().size()), "every file listed at once, waiting");
        waitUntil(60, "batch finished", () -> !vm.runningProperty().get());
        assertEquals(6, counted.runs.get());
        List<String> statuses = fx(() -> vm.rows().stream().map(CaseViewModel.Row::status).sorted().toList());
        assertEquals(List.of("analysed", "analysed", "analysed", "analysed", "analysed", "analysed", "error"), statuses);
        assertTrue(fx(() -> vm.statusProperty().get()).startsWith("Finished 7 files"), fx(() -> vm.statusProperty().get()));
        // sorted by suspicion, the error last; chips carry each indicator's line
        List<CaseViewModel.Row> shown = fx(() -> List.copyOf(view[0].table().getItems()));
        assertEquals("error", shown.get(shown.size() - 1).status());
        for (int i = 1; i < shown.size(); i++) assertTrue(shown.get(i - 1).suspicion() >= shown.get(i).suspicion());
        BatchItem.IndicatorLine line = shown.get(0).line(counted.id());
        assertTrue(line.done() && line.headlineLabel().startsWith("Mean red"), line.toString());
        assertTrue(CaseViewModel.thumbnail(cf, shown.get(0)) != null, "thumbnail stored in the case folder");

        // compare: 2-4 decodable images
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> vm.comparable(shown.subList(0, 1)));
        assertTrue(one.getMessage().contains("2 to 4"));
        assertThrows(IllegalArgumentException.class, () -> vm.comparable(List.of(shown.get(0), shown.get(shown.size() - 1))));
        assertEquals(3, vm.comparable(shown.subList(0, 3)).size());

        // adding the folder again reuses every stored result
        fxRun(() -> vm.addFolder(cf, ev));
        waitUntil(60, "second batch finished", () -> !vm.runningProperty().get());
        assertEquals(6, counted.runs.get(), "no recomputation");
        assertEquals(snapshot(ev), before, "the evidence folder is unchanged");
    }

    @Test
    void theWorkbenchShowsStoredResultsWithoutRecomputationAndWritesNoSidecar() throws Exception {
        Path ev = Files.createDirectories(dir.resolve("ro"));
        Path img = TestIndicators.writePng(ev.resolve("photo.png"), 96, 64, 7);
        Map<String, String> before = snapshot(ev);
        fxRun(() -> {
            window = new WorkbenchWindow(List.of(counted), engine, PanelRegistry.standard(), new RecentFiles(dir.resolve("recent.txt")), session);
            stage.setScene(new Scene(window, 1000, 700));
            stage.show();
            window.open(img);
        });
        waitUntil(30, "analysis finished", () -> window.lastReport() != null && !window.analysingProperty().get());
        assertEquals(1, counted.runs.get());
        String sha = ImageLoader.sha256(Files.readAllBytes(img));
        CaseFolder cf = session.current();
        waitUntil(30, "results stored", () -> Files.isRegularFile(cf.results().jsonFile(sha)));
        // annotate: saved in the case folder, never beside the evidence
        fxRun(() -> window.annotations().setCase("2026-13", "A. Examiner", "test"));
        assertTrue(Files.isRegularFile(cf.annotationsFile(sha)));

        fxRun(() -> window.open(img));
        waitUntil(30, "stored results shown", () -> fx(window::statusText).startsWith("Stored results"));
        assertEquals(1, counted.runs.get(), "opened again: not analysed again");
        assertTrue(window.lastReport().outcomes().get(0).ok());
        assertFalse(fx(() -> window.analysingProperty().get()));

        assertEquals(before, snapshot(ev), "nothing created or changed beside the evidence (no sidecar)");
        List<String> events = cf.audit().entriesFor(img, sha).stream().map(e -> e.event()).toList();
        assertEquals(List.of("opened", "evidence-read", "analysed", "annotated", "opened", "evidence-read", "results-reused"), events);
        assertEquals("A. Examiner", cf.audit().entries().get(cf.audit().entries().size() - 1).who());
    }

    @Test
    void openCaseShowsItsEvidenceFoldersAgainFromStoredResults() throws Exception {
        Path ev = evidenceFolder();
        CaseFolder other = CaseFolder.open(dir.resolve("other-case"));
        new org.provenant.analysis.batch.BatchRunner(other, engine.models(),
                new org.provenant.analysis.batch.BatchRunner.Options(ev, null, 1, List.of(counted))).run(org.provenant.analysis.batch.BatchRunner.Listener.NONE);
        assertEquals(6, counted.runs.get());
        fxRun(() -> {
            window = new WorkbenchWindow(List.of(counted), engine, PanelRegistry.standard(), new RecentFiles(dir.resolve("recent.txt")), session);
            stage.setScene(new Scene(window, 1000, 700));
            stage.show();
            window.caseMenu().openCase(dir.resolve("other-case"));   // File > Open case...
        });
        assertEquals(dir.resolve("other-case").toAbsolutePath().normalize(), session.current().dir());
        CaseViewModel vm = window.caseMenu().model();
        waitUntil(60, "case view filled", () -> vm.rows().size() == 7 && !vm.runningProperty().get());
        assertEquals(6, fx(() -> vm.rows().stream().filter(r -> r.status().equals("reused")).count()).intValue());
        assertEquals(6, counted.runs.get(), "stored results, no recomputation");
        // double-click equivalent: opening a row's file in the workbench shows its stored results
        Path first = fx(() -> vm.rows().stream().filter(r -> r.status().equals("reused")).findFirst().orElseThrow().path());
        fxRun(() -> window.open(first));
        waitUntil(30, "stored results shown", () -> fx(window::statusText).startsWith("Stored results"));
        assertEquals(6, counted.runs.get());
    }

    @Test
    void storedIndicatorsAreShownAndOnlyTheMissingOnesRun() throws Exception {
        Path ev = evidenceFolder();
        new org.provenant.analysis.batch.BatchRunner(session.current(), engine.models(),
                new org.provenant.analysis.batch.BatchRunner.Options(ev, null, 1, List.of(counted))).run(org.provenant.analysis.batch.BatchRunner.Listener.NONE);
        assertEquals(6, counted.runs.get());
        org.provenant.analysis.workflow.CountingIndicator other = new org.provenant.analysis.workflow.CountingIndicator("test-other");
        fxRun(() -> {
            window = new WorkbenchWindow(List.of(counted, other), engine, PanelRegistry.standard(), new RecentFiles(dir.resolve("recent.txt")), session);
            stage.setScene(new Scene(window, 1000, 700));
            stage.show();
            window.open(ev.resolve("img1.png"));
        });
        waitUntil(30, "analysis finished", () -> window.lastReport() != null && !window.analysingProperty().get());
        assertEquals(6, counted.runs.get(), "the stored indicator is not run again");
        assertEquals(1, other.runs.get(), "the missing one is");
        assertEquals(List.of(counted.id(), "test-other"), window.lastReport().outcomes().stream().map(o -> o.indicatorId()).toList());
        assertTrue(window.lastReport().outcomes().stream().allMatch(o -> o.ok()));
    }
}
