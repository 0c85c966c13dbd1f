package org.provenant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The command line of the job (checked before any Spark starts) and the executor's task slots. */
class SparkMainTest {
    @Test
    void mistakesAreOneLineAndTheUsageWithExitCode2() throws Exception {
        assertEquals("give --input DIR or --list FILE (one of them)", refused("analyze", "--out", "o"));
        assertEquals("give --input DIR or --list FILE (one of them)", refused("analyze", "--input", "a", "--list", "b", "--out", "o"));
        assertEquals("--out DIR is required", refused("analyze", "--input", "a"));
        assertTrue(refused("analyze", "--input", "a", "--out", "o", "--only", "no-such").startsWith("no indicator 'no-such' (known: "));
        assertEquals("--chunk needs a whole number of at least 1, not '0'", refused("analyze", "--input", "a", "--out", "o", "--chunk", "0"));
        assertEquals("unknown command frobnicate", refused("frobnicate"));
        assertEquals("--out DIR and --to LOCAL_DIR are required", refused("summary", "--out", "o"));
    }

    @Test
    void helpPrintsTheThreeCommands() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, SparkMain.run(new String[] {"analyze", "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        String s = out.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains(JobOptions.USAGE) && s.contains(Summary.USAGE) && s.contains(Bench.USAGE), s);
    }

    @Test
    void optionsKeepWhatWasAsked() {
        JobOptions o = JobOptions.parse(List.of("--list", "l.txt", "--out", "o", "--json", "--chunk", "7", "--skip", "lare,copy-move", "--retry-errors"));
        assertEquals(List.of("l.txt", "o", true, 7, true), List.of(o.list(), o.out(), o.json(), o.chunk(), o.retryErrors()));
        assertTrue(!o.indicatorIds().contains("lare") && !o.indicatorIds().contains("copy-move") && o.indicatorIds().contains("metadata"));
        assertThrows(IllegalArgumentException.class, () -> JobOptions.parse(List.of("--input", "a", "--out", "o", "--only", "lare", "--skip", "lare")));
    }

    @Test
    void anExecutorGetsAsManyAnalysisThreadsAsTaskSlots() {
        assertEquals(3, ExecutorModels.slots(new SparkConf(false).set("spark.master", "local[3]")));
        assertEquals(2, ExecutorModels.slots(new SparkConf(false).set("spark.master", "local[2,4]")));
        assertEquals(Runtime.getRuntime().availableProcessors(), ExecutorModels.slots(new SparkConf(false).set("spark.master", "local[*]")));
        assertEquals(4, ExecutorModels.slots(new SparkConf(false).set("spark.master", "yarn").set("spark.executor.cores", "8").set("spark.task.cpus", "2")));
        assertEquals(Runtime.getRuntime().availableProcessors(), ExecutorModels.slots(new SparkConf(false).set("spark.master", "spark://h:7077")));
    }

    private static String refused(String... args) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, SparkMain.run(args, System.out, new PrintStream(err, true, StandardCharsets.UTF_8)));
        String s = err.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("usage: analyze"), s);
        return s.lines().findFirst().orElse("");
    }
}
