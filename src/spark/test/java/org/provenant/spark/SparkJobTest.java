package org.provenant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.cli.Main;

/**
 * The job against the desktop batch on one folder (real photos, generated images, damaged files, a text file): every
 * file gets the batch's row, headline, lean, likelihood ratios and JSON; the summary step writes the batch's CSV and
 * page. One full analysis by each, shared by the tests (they only read the two outputs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkJobTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    @TempDir static Path tmp;
    private SparkSession spark;
    private Path evidence;
    private Path batch;
    private Path summary;
    private ClusterJob.Report run;
    private List<Row> rows;

    @BeforeAll
    void analyseTheFolderBothWays() throws Exception {
        evidence = SparkFixtures.evidence(tmp);
        batch = tmp.resolve("batch");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"batch", evidence.toString(), "--out", batch.toString(), "--case", tmp.resolve("case").toString(),
                "--threads", "2"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code, "the batch reports its damaged files: " + out + err);   // 1: some files are errors
        spark = SparkFixtures.spark();
        Path table = tmp.resolve("table");
        run = ClusterJob.run(spark, SparkFixtures.options(evidence, table, "--json"), System.out);
        rows = new ResultTable(table.toString(), spark.sparkContext().hadoopConfiguration()).read(spark, run.modelSet()).collectAsList();
        summary = tmp.resolve("summary");
        Summary.run(spark, Summary.Options.parse(List.of("--out", table.toString(), "--to", summary.toString(), "--json")), System.out);
    }

    @AfterAll
    void stop() {
        if (spark != null) spark.stop();
    }

    @Test
    void everyFileIsOneRowAndTheCountsAddUp() {
        assertEquals(SparkFixtures.FILES, rows.size());
        assertEquals(SparkFixtures.FILES, rows.stream().map(r -> r.getAs("path")).distinct().count());
        assertEquals(SparkFixtures.IMAGES, run.analysed(), run.toString());
        assertEquals(3, run.failed(), run.toString());       // the three damaged files: rows, not failed tasks
        assertEquals(1, run.notImages(), run.toString());
        assertEquals(0, run.skipped() + run.reused(), run.toString());
        assertTrue(rows.stream().anyMatch(r -> r.getAs("file").equals("_MG_rocket-1.png")), "a camera's '_' file is evidence too");
    }

    @Test
    void summaryLinesAreTheBatchsApartFromTheTimings() throws Exception {
        List<String> b = Files.readAllLines(batch.resolve("summary.jsonl")), s = Files.readAllLines(summary.resolve("summary.jsonl"));
        assertEquals(b.size(), s.size());
        for (int i = 0; i < b.size(); i++) assertEquals(withoutMillis(MAPPER.readTree(b.get(i))), withoutMillis(MAPPER.readTree(s.get(i))));
    }

    @Test
    void summaryCsvIsTheBatchsByteForByte() throws Exception {
        assertEquals(Files.readString(batch.resolve("summary.csv")), Files.readString(summary.resolve("summary.csv")));
    }

    @Test
    void pageListsTheFilesInTheBatchsTriageOrder() throws Exception {
        List<String> b = cards(Files.readString(batch.resolve("index.html"))), s = cards(Files.readString(summary.resolve("index.html")));
        assertEquals(SparkFixtures.FILES, b.size());
        assertEquals(b, s);
    }

    @Test
    void eachImagesJsonAndLikelihoodRatiosAreTheBatchs() throws Exception {
        int compared = 0;
        for (Row r : rows) {
            if (!"ANALYSED".equals(r.getAs("status"))) continue;
            ObjectNode mine = (ObjectNode) MAPPER.readTree((String) r.getAs("json"));
            ObjectNode theirs = (ObjectNode) MAPPER.readTree(batch.resolve("json/" + r.getAs("file") + ".json").toFile());
            assertEquals(withoutMillis(theirs), withoutMillis(mine), (String) r.getAs("file"));
            Map<String, Row> byId = new HashMap<>();
            for (Row i : r.<Row>getList(r.fieldIndex("indicators"))) byId.put(i.getAs("id"), i);
            for (JsonNode ind : theirs.path("indicators")) {
                Map<String, Double> lrs = new HashMap<>();
                for (JsonNode sc : ind.path("scores")) {
                    if (sc.path("key").asText().startsWith("lr_")) lrs.put(sc.path("key").asText(), sc.path("value").isNumber() ? sc.path("value").asDouble() : null);
                }
                Row i = byId.get(ind.path("id").asText());
                assertEquals(lrs, i.getJavaMap(i.fieldIndex("lr")), ind.path("id").asText());
                if (ind.path("id").asText().equals("overall-assessment")) {
                    for (JsonNode sc : ind.path("scores")) {
                        String k = sc.path("key").asText();
                        if (ResultSchema.OVERALL_SCORES.contains(k)) assertEquals(sc.path("value").isNumber() ? sc.path("value").asDouble() : null, r.getAs(k), k);
                    }
                }
            }
            compared++;
        }
        assertEquals(SparkFixtures.IMAGES, compared);
    }

    @Test
    void jsonIsWhatAnalyzeJsonWritesApartFromTheTimings() throws Exception {
        Path image = evidence.resolve("generated/biggan-deep.png"), json = tmp.resolve("analyze/biggan.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(new String[] {"analyze", image.toString(), "--json", json.toString(), "--case", tmp.resolve("case2").toString()}, ps, ps), out.toString());
        String exported = Files.readString(summary.resolve("json/generated/biggan-deep.png.json"));
        assertEquals(millisOut(Files.readString(json)), millisOut(exported));
    }

    @Test
    void aSecondRunAnalysesNothingAndACopyReusesTheRow() throws Exception {
        Path table = tmp.resolve("table-rerun");
        ClusterJob.Report first = ClusterJob.run(spark, SparkFixtures.options(evidence, table, "--only", String.join(",", SparkFixtures.CHEAP)), System.out);
        assertEquals(SparkFixtures.IMAGES, first.analysed());
        int loads = ExecutorModels.loads();
        ClusterJob.Report second = ClusterJob.run(spark, SparkFixtures.options(evidence, table, "--only", String.join(",", SparkFixtures.CHEAP)), System.out);
        assertEquals(List.of(0L, 0L, 0L, (long) SparkFixtures.FILES, 0),
                List.of(second.analysed(), second.failed(), second.notImages(), second.skipped(), second.chunks()), second.toString());
        // a list of the same files plus a copy of one photo under a new name: only the copy gets a row, from the first
        Path copy = Files.createDirectories(tmp.resolve("copies")).resolve("chelsea-again.png");
        Files.copy(evidence.resolve("real/chelsea-1.png"), copy);
        List<String> lines = new ArrayList<>();
        for (Row r : readTable(table, first.modelSet())) lines.add(r.getAs("path"));
        lines.add(new org.apache.hadoop.fs.Path(copy.toUri()).toString());
        Path list = tmp.resolve("list.txt");
        Files.write(list, lines);
        ClusterJob.Report third = ClusterJob.run(spark, JobOptions.parse(List.of("--list", list.toString(), "--out", table.toString(),
                "--models", "models", "--only", String.join(",", SparkFixtures.CHEAP))), System.out);
        assertEquals(List.of(0L, 1L, (long) SparkFixtures.FILES), List.of(third.analysed(), third.reused(), third.skipped()), third.toString());
        List<Row> all = readTable(table, first.modelSet());
        assertEquals(SparkFixtures.FILES + 1, all.size());
        Row again = all.stream().filter(r -> r.<String>getAs("path").endsWith("chelsea-again.png")).findFirst().orElseThrow();
        Row original = all.stream().filter(r -> r.<String>getAs("path").endsWith("real/chelsea-1.png")).findFirst().orElseThrow();
        assertEquals("REUSED", again.getAs("status"));
        assertEquals(headlines(original), headlines(again));
        assertEquals(loads, ExecutorModels.loads(), "the models are loaded once per JVM, not per run");
    }

    private List<Row> readTable(Path table, String modelSet) throws Exception {
        return new ResultTable(table.toString(), spark.sparkContext().hadoopConfiguration()).read(spark, modelSet).collectAsList();
    }

    static List<Object> headlines(Row r) {
        List<Object> l = new ArrayList<>();
        for (Row i : r.<Row>getList(r.fieldIndex("indicators"))) {
            l.add(List.of(i.getAs("id"), String.valueOf((Object) i.getAs("status")), String.valueOf((Object) i.getAs("headline_value")),
                    String.valueOf((Object) i.getAs("lean")), String.valueOf(i.getJavaMap(i.fieldIndex("lr")))));
        }
        return l;
    }

    private static JsonNode withoutMillis(JsonNode n) {
        JsonNode c = n.deepCopy();
        strip(c);
        return c;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) o.remove("millis");
        for (JsonNode child : n) strip(child);
    }

    private static String millisOut(String json) {
        return json.replaceAll("\"millis\" : \\d+", "\"millis\" : 0");
    }

    /** The file names of the page's cards, in page order. */
    private static List<String> cards(String html) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("<div class=\"name\">(?:<a [^>]*>)?([^<]*)").matcher(html);
        while (m.find()) names.add(m.group(1));
        assertNotNull(names);
        return names;
    }
}
