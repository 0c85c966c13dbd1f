package org.provenant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskKilled;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.ml.ModelException;

/**
 * What a cluster does to a job: a task killed half way (its executor lost) is run again and counted once; the
 * driver killed outright (kill -9 of a spark-submit in a child JVM) leaves its finished chunks, and the next run adds
 * the rest without a duplicate; an executor whose models are not the driver's analyses nothing. Three cheap
 * indicators (one of them model-based) keep it quick; both tables must hold the same results.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkRecoveryTest {
    @TempDir static Path tmp;
    private SparkSession spark;
    private Path evidence;
    private final Map<Path, Map<String, List<Object>>> tables = new ConcurrentHashMap<>();

    @BeforeAll
    void start() throws Exception {
        evidence = SparkFixtures.evidence(tmp);
        spark = SparkFixtures.spark();
    }

    @AfterAll
    void stop() {
        if (spark != null) spark.stop();
    }

    private String[] cheap(String... more) {
        List<String> a = new ArrayList<>(List.of("--only", String.join(",", SparkFixtures.CHEAP)));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void aTaskKilledHalfWayRunsAgainAndCountsOnce() throws Exception {
        SparkContext sc = spark.sparkContext();
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger killed = new AtomicInteger();
        java.util.Set<Integer> chunkStages = ConcurrentHashMap.newKeySet();
        SparkListener l = new SparkListener() {
            @Override public void onJobStart(SparkListenerJobStart e) {
                String d = e.properties() == null ? null : e.properties().getProperty("spark.job.description");
                if (d != null && d.startsWith("provenant analyze: chunk")) {
                    for (Object s : scala.jdk.javaapi.CollectionConverters.asJava(e.stageIds())) chunkStages.add((Integer) s);
                }
            }

            @Override public void onTaskStart(SparkListenerTaskStart e) {
                // every first attempt in a chunk's stages is killed while it runs: asked at once and again up to 300 ms
                // in (a fast machine finishes a cheap task before a single late kill; a kill of a finished attempt is
                // a no-op), so the analysing tasks are killed mid-analysis on a slow machine and a fast one alike
                if (chunkStages.contains(e.stageId()) && e.taskInfo().attemptNumber() == 0) {
                    long id = e.taskInfo().taskId();
                    for (long ms : new long[]{0, 10, 30, 60, 120, 300}) {
                        killer.schedule(() -> sc.killTaskAttempt(id, true, "test: the executor running this task was lost"), ms, TimeUnit.MILLISECONDS);
                    }
                }
            }

            @Override public void onTaskEnd(SparkListenerTaskEnd e) {
                if (e.reason() instanceof TaskKilled) killed.incrementAndGet();
            }
        };
        sc.addSparkListener(l);
        Path out = tmp.resolve("lost");
        ClusterJob.Report r;
        try {
            r = ClusterJob.run(spark, SparkFixtures.options(evidence, out, cheap()), System.out);
        } finally {
            sc.removeSparkListener(l);
            killer.shutdownNow();
        }
        assertTrue(killed.get() > 0, "no task was killed: the test proved nothing");
        assertEquals(List.of((long) SparkFixtures.IMAGES, 3L, 1L), List.of(r.analysed(), r.failed(), r.notImages()), r.toString());
        assertOnceEach(out, r.modelSet());
        sameResults();
    }

    @Test
    void aKilledRunLeavesItsChunksAndTheNextRunAddsTheRest() throws Exception {
        Path out = tmp.resolve("killed"), log = tmp.resolve("child.log");
        List<String> args = new ArrayList<>(List.of("analyze", "--input", evidence.toString(), "--out", out.toString(), "--models",
                "models", "--chunk", "1"));
        args.addAll(List.of(cheap()));
        Process p = new ProcessBuilder(SparkFixtures.childJvm(args.toArray(String[]::new))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        ResultTable table = new ResultTable(out.toString(), spark.sparkContext().hadoopConfiguration());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        while (table.committed(null).isEmpty() && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
        p.destroyForcibly();   // kill -9: no shutdown hook, no clean-up
        p.waitFor();
        int before = table.committed(null).size();
        assertTrue(before >= 1 && before < SparkFixtures.FILES, before + " of " + SparkFixtures.FILES
                + " chunks committed when the driver was killed; its log: " + Files.readString(log));
        ClusterJob.Report r = ClusterJob.run(spark, SparkFixtures.options(evidence, out, cheap("--chunk", "5")), System.out);
        assertEquals(before, r.skipped(), r.toString());
        assertEquals(SparkFixtures.FILES - before, r.analysed() + r.failed() + r.notImages(), r.toString());
        assertOnceEach(out, r.modelSet());
        sameResults();
    }

    @Test
    void anExecutorRefusesModelsThatAreNotTheDrivers() {
        spark.sparkContext().addFile(Path.of("models").toAbsolutePath().toUri().toString(), true);
        List<String> said = new JavaSparkContext(spark.sparkContext()).parallelize(List.of(1), 1).map(x -> {
            try {
                ExecutorModels.step("0123456789abcdef", "models", List.of("metadata"));
                return "loaded";
            } catch (ModelException e) {
                return e.getMessage();
            }
        }).collect();
        assertTrue(said.get(0).contains("the driver's are 0123456789abcdef: a model file, the tool version or the code differs"), said.get(0));
        ModelException e = assertThrows(ModelException.class, () -> ClusterJob.modelsFolder(tmp.resolve("nowhere").toString()));
        assertTrue(e.getMessage().startsWith("no models folder at "), e.getMessage());
    }

    /** Every file of the folder exactly once in the table; its headlines kept for {@link #sameResults}. */
    private void assertOnceEach(Path out, String modelSet) throws Exception {
        List<Row> rows = new ResultTable(out.toString(), spark.sparkContext().hadoopConfiguration()).read(spark, modelSet).collectAsList();
        Map<String, List<Object>> byFile = new TreeMap<>();
        for (Row r : rows) byFile.put(r.getAs("file"), SparkJobTest.headlines(r));
        assertEquals(SparkFixtures.FILES, rows.size());
        assertEquals(SparkFixtures.FILES, byFile.size());
        // the committed files hold no second row of any file either (the reader's de-duplication hides nothing)
        long raw = spark.read().schema(ResultSchema.TABLE).option("basePath", out.resolve("results").toString())
                .parquet(new ResultTable(out.toString(), spark.sparkContext().hadoopConfiguration()).committed(modelSet).stream()
                        .map(Object::toString).toArray(String[]::new)).count();
        assertEquals(SparkFixtures.FILES, raw);
        tables.put(out, byFile);
    }

    /** Once both recovery tests ran: their tables say the same for every file. */
    private void sameResults() {
        if (tables.size() < 2) return;
        List<Map<String, List<Object>>> t = new ArrayList<>(tables.values());
        assertEquals(t.get(0), t.get(1));
    }
}
