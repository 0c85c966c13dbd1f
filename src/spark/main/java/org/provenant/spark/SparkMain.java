package org.provenant.spark;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The spark-submit application: {@code analyze} (the evidence to the Parquet table), {@code summary} (the table back
 * to the batch's CSV and HTML) and {@code bench} (throughput on this machine). The master, executors and memory come
 * from spark-submit; see docs/cluster.md for the commands on a standalone cluster, YARN and Kubernetes.
 */
public final class SparkMain {
    private SparkMain() { }

    public static void main(String[] args) throws Exception {
        int code = run(args, System.out, System.err);
        if (code != 0) System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        String cmd = args.length == 0 ? "" : args[0];
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println("Provenant on Spark: the batch analysis as a spark-submit job (docs/cluster.md).");
            usage(out);
            out.println("Exit codes: 0 done (files that could not be analysed are rows with their error), 2 wrong usage or refused.");
            return 0;
        }
        try {
            switch (cmd) {
                case "analyze" -> {
                    JobOptions o = JobOptions.parse(rest);
                    ClusterJob.run(session("provenant analyze"), o, out);
                }
                case "summary" -> {
                    Summary.Options o = Summary.Options.parse(rest);
                    Summary.run(session("provenant summary"), o, out);
                }
                case "bench" -> Bench.run(rest, out);
                default -> throw new IllegalArgumentException(cmd.isEmpty() ? "no command given" : "unknown command " + cmd);
            }
            return 0;
        } catch (org.provenant.ml.ModelException | java.io.FileNotFoundException e) {
            err.println("Refused: " + e.getMessage());   // no models folder, models that differ, no such input
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            usage(err);
            return 2;
        }
    }

    private static void usage(PrintStream s) {
        s.println("usage: " + JobOptions.USAGE);
        s.println("       " + Summary.USAGE);
        s.println("       " + Bench.USAGE);
    }

    private static SparkSession session(String name) {
        return SparkSession.builder().appName(name).getOrCreate();
    }
}
