package org.provenant.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The output folder's table: {@code results/model_set=M/run=R/chunk=C/part-*.parquet}. A chunk is one Spark job;
 * Spark's output committer moves its files into place and writes {@code _SUCCESS} only when every task of it
 * succeeded, so a chunk without {@code _SUCCESS} is the leftover of a killed run: it is never read, and the next run
 * deletes it. Rows are only ever added; where a file has rows from several runs of one model set, the latest one
 * counts ({@link #read}).
 */
final class ResultTable {
    static final String RESULTS = "results";
    private static final String SUCCESS = "_SUCCESS";
    private final Path root;
    private final Configuration conf;

    ResultTable(String out, Configuration conf) {
        this.root = new Path(out, RESULTS);
        this.conf = conf;
    }

    Path root() {
        return root;
    }

    /** The folder of one chunk; chunk numbers are zero-padded so that their names sort as numbers. */
    Path chunk(String modelSet, String run, long chunk) {
        return new Path(root, ResultSchema.MODEL_SET + "=" + modelSet + "/" + ResultSchema.RUN + "=" + run + "/"
                + ResultSchema.CHUNK + "=" + String.format(Locale.ROOT, "%05d", chunk));
    }

    /** Committed chunk folders of a model set (every model set when null), in name order. */
    List<Path> committed(String modelSet) throws IOException {
        List<Path> out = new ArrayList<>();
        for (FileStatus s : chunks(modelSet)) if (fs().exists(new Path(s.getPath(), SUCCESS))) out.add(s.getPath());
        return out;
    }

    /** Deletes the chunk folders a killed run left without {@code _SUCCESS}; returns how many. */
    int removeIncomplete() throws IOException {
        int n = 0;
        for (FileStatus s : chunks(null)) {
            if (!fs().exists(new Path(s.getPath(), SUCCESS)) && fs().delete(s.getPath(), true)) n++;
        }
        return n;
    }

    /**
     * Every committed row of a model set, one per file path: where a path has rows from several runs (a file that
     * changed, an error tried again), the latest run's. Null when the model set has no committed chunk.
     */
    Dataset<Row> read(SparkSession spark, String modelSet) throws IOException {
        List<Path> chunks = committed(modelSet);
        if (chunks.isEmpty()) return null;
        Dataset<Row> all = spark.read().schema(ResultSchema.TABLE).option("basePath", root.toString())
                .parquet(chunks.stream().map(Path::toString).toArray(String[]::new));
        return all.withColumn("_n", row_number().over(Window.partitionBy(col("path"))
                        .orderBy(col(ResultSchema.RUN).desc(), col(ResultSchema.CHUNK).desc())))
                .filter(col("_n").equalTo(1)).drop("_n");
    }

    /** The model set of the latest committed run, or null when there is none. */
    String latestModelSet() throws IOException {
        String best = null, bestRun = "";
        for (Path p : committed(null)) {
            String run = value(p.getParent()), set = value(p.getParent().getParent());
            if (run.compareTo(bestRun) > 0) {
                bestRun = run;
                best = set;
            }
        }
        return best;
    }

    private FileStatus[] chunks(String modelSet) throws IOException {
        String set = modelSet == null ? "*" : modelSet;
        FileStatus[] s = fs().globStatus(new Path(root, ResultSchema.MODEL_SET + "=" + set + "/" + ResultSchema.RUN + "=*/"
                + ResultSchema.CHUNK + "=*"));
        if (s == null) return new FileStatus[0];
        java.util.Arrays.sort(s, java.util.Comparator.comparing(x -> x.getPath().toString()));
        return s;
    }

    private static String value(Path partition) {
        String n = partition.getName();
        return n.substring(n.indexOf('=') + 1);
    }

    private FileSystem fs() throws IOException {
        return root.getFileSystem(conf);
    }
}
