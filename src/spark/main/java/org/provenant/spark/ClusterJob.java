package org.provenant.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.provenant.analysis.ToolVersion;
import org.provenant.analysis.workflow.ResultKey;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;

/**
 * The driver of {@code analyze}: lists the evidence, compares it with the table (a file already there for the same
 * SHA-256 and model set is skipped; a copy of an image analysed before gets that image's results without a new
 * analysis), then analyses the rest chunk by chunk. Each chunk is one Spark job whose rows are committed together,
 * so a run killed at any point keeps every chunk it finished and the next run carries on from there; within a
 * chunk, a lost executor's tasks are simply run again (a task's rows are committed only once it succeeded).
 */
final class ClusterJob {
    /** Rows per Parquet file of a chunk, at most. */
    static final int ROWS_PER_FILE = 10_000;

    /** What a run did. */
    record Report(String run, String modelSet, long files, long analysed, long reused, long skipped, long failed,
                  long notImages, int chunks) { }

    private ClusterJob() { }

    static Report run(SparkSession spark, JobOptions o, PrintStream log) throws IOException, ModelException {
        SparkContext sc = spark.sparkContext();
        Configuration conf = sc.hadoopConfiguration();
        Path models = modelsFolder(o.models());
        String modelSet;
        ObjectNode record = RunRecord.object();
        try (ModelRegistry reg = ModelRegistry.load(models)) {
            modelSet = ResultKey.of(reg);
            record.putPOJO("models", ResultKey.modelHashes(reg));
        }
        String shipped = models.toUri().toString();
        if (!scala.jdk.javaapi.CollectionConverters.asJava(sc.listFiles()).contains(shipped)) sc.addFile(shipped, true);
        String toolVersion = ToolVersion.current();
        List<String> ids = o.indicatorIds();
        ResultTable table = new ResultTable(o.out(), conf);
        int removed = table.removeIncomplete();
        String run = RunRecord.newId();
        record.put("run", run).put("modelSet", modelSet).put("toolVersion", toolVersion)
                .put("input", o.input() == null ? o.list() : o.input()).put("list", o.list() != null)
                .put("started", Instant.now().toString()).put("master", sc.master());
        record.putPOJO("indicators", ids);
        RunRecord.write(o.out(), conf, run, record);
        log.println("Run " + run + ": model set " + modelSet + ", " + ids.size() + " indicator(s), table " + table.root()
                + (removed > 0 ? " (" + removed + " unfinished chunk(s) of a killed run removed)" : ""));

        Broadcast<HadoopFiles> files = new JavaSparkContext(sc).broadcast(new HadoopFiles(conf));
        Counters counters = new Counters(sc);
        Dataset<Row> candidates = Inputs.of(spark, o, conf).persist(StorageLevel.MEMORY_AND_DISK());
        long total = candidates.count();
        int slots = sc.defaultParallelism();
        Dataset<Row> todo = candidates;
        Dataset<Row> existing = table.read(spark, modelSet);
        int chunkNo = 1;
        List<Dataset<Row>> cached = new ArrayList<>(List.of(candidates));
        if (existing != null) {
            Dataset<Row> hashed = candidates.repartition(Math.max(slots, (int) Math.min(100_000, total / 200 + 1)))
                    .mapPartitions(new HashFiles(files), Encoders.row(HashFiles.SCHEMA)).persist(StorageLevel.MEMORY_AND_DISK());
            Column complete = complete(ids, o.retryErrors());
            Dataset<Row> fresh = hashed.join(existing.filter(complete).select("path", "sha256"), seq("path", "sha256"), "left_anti")
                    .persist(StorageLevel.MEMORY_AND_DISK());
            cached.add(hashed);
            cached.add(fresh);
            long skipped = total - fresh.count();
            counters.skipped.add(skipped);
            Dataset<Row> donors = existing.filter(col("status").isin("ANALYSED", "REUSED").and(complete)).dropDuplicates("sha256");
            Dataset<Row> copies = copies(fresh, donors);
            long nCopies = copies.count();
            if (nCopies > 0) {
                copies.repartition(files(nCopies)).write().parquet(table.chunk(modelSet, run, chunkNo++).toString());
                counters.reused.add(nCopies);
            }
            todo = fresh.join(donors.select("sha256"), seq("sha256"), "left_anti").select("path", "file");
            log.printf(Locale.ROOT, "%d file(s): %d already in the table (skipped), %d cop(ies) of analysed images (reused)%n",
                    total, skipped, nCopies);
        }
        long n = todo.count();
        int chunkSize = o.chunk() > 0 ? o.chunk() : Math.max(64, 64 * slots);
        Dataset<Row> numbered = numbered(spark, todo, chunkSize).persist(StorageLevel.MEMORY_AND_DISK());
        int chunks = (int) ((n + chunkSize - 1) / chunkSize);
        AnalyseFiles analyse = new AnalyseFiles(files, modelSet, models.getFileName().toString(), ids, toolVersion, o.json(), counters);
        long t0 = System.nanoTime();
        for (int k = 0; k < chunks; k++) {
            Dataset<Row> part = numbered.filter(col(ResultSchema.CHUNK).equalTo(k)).select("path", "file");
            long rows = Math.min(chunkSize, n - (long) k * chunkSize);
            sc.setJobDescription("provenant analyze: chunk " + (k + 1) + " of " + chunks + " (" + rows + " files)");
            part.repartition((int) Math.max(1, Math.min(rows, 4L * slots)))
                    .mapPartitions(analyse, Encoders.row(ResultSchema.ROW))
                    .repartition(files(rows))
                    .write().parquet(table.chunk(modelSet, run, chunkNo++).toString());
            double s = (System.nanoTime() - t0) / 1e9;
            long doneSoFar = Math.min(n, (long) (k + 1) * chunkSize);
            log.printf(Locale.ROOT, "chunk %d/%d committed: %d of %d files in %.0f s (%.1f files/min), ETA %.0f s; %s%n", k + 1,
                    chunks, doneSoFar, n, s, doneSoFar / s * 60, s / doneSoFar * (n - doneSoFar), counters);
        }
        sc.setJobDescription(null);
        cached.add(numbered);
        for (Dataset<Row> d : cached) d.unpersist();
        Report r = new Report(run, modelSet, total, counters.done.value(), counters.reused.value(), counters.skipped.value(),
                counters.failed.value(), counters.notImages.value(), chunkNo - 1);
        record.put("finished", Instant.now().toString());
        record.putPOJO("counts", r);
        RunRecord.write(o.out(), conf, run, record);
        log.println("Run " + run + " finished: " + counters);
        return r;
    }

    /** The models folder on the driver: the one given, else the one the desktop tools find; it must hold a manifest. */
    static Path modelsFolder(String given) throws ModelException {
        Path dir;
        if (given != null) {
            dir = Path.of(given);
        } else {
            try (ModelRegistry found = ModelRegistry.locate()) {
                dir = found.directory();
            }
        }
        if (dir == null || !Files.isRegularFile(dir.resolve(ModelRegistry.MANIFEST))) {
            throw new ModelException("no models folder" + (dir == null ? "" : " at " + dir) + ": give --models DIR, the models/"
                    + " folder of this release (it holds " + ModelRegistry.MANIFEST + ")");
        }
        return dir.toAbsolutePath().normalize();
    }

    /**
     * True for a row that needs no new analysis with these indicators: every one of them DONE (as the batch reuses a
     * stored analysis), or a file that is no image, or (unless errors are retried) one that failed.
     */
    static Column complete(List<String> ids, boolean retryErrors) {
        StringBuilder want = new StringBuilder("array(");
        for (int i = 0; i < ids.size(); i++) want.append(i > 0 ? "," : "").append('\'').append(ids.get(i).replace("'", "")).append('\'');
        want.append(')');
        Column done = col("status").isin("ANALYSED", "REUSED")
                .and(expr("forall(" + want + ", w -> exists(indicators, i -> i.id = w AND i.status = 'DONE'))"));
        Column settled = retryErrors ? col("status").equalTo("SKIPPED") : col("status").isin("SKIPPED", "ERROR");
        return done.or(settled);
    }

    /** New files whose content is an image already analysed: that image's row, under the new file's path and name. */
    private static Dataset<Row> copies(Dataset<Row> fresh, Dataset<Row> donors) {
        Dataset<Row> joined = fresh.select(col("path").as("_path"), col("file").as("_file"), col("sha256").as("_sha"))
                .join(donors, col("_sha").equalTo(col("sha256")));
        List<Column> cols = new ArrayList<>();
        for (String f : ResultSchema.ROW.fieldNames()) {
            cols.add(switch (f) {
                case "path" -> col("_path").as(f);
                case "file" -> col("_file").as(f);
                case "status" -> lit("REUSED").as(f);
                case "millis" -> lit(0L).as(f);
                case "analysed_at" -> current_timestamp().as(f);
                default -> col(f);
            });
        }
        return joined.select(cols.toArray(Column[]::new));
    }

    /** (path, file, chunk): the files to analyse in name order, cut into chunks of {@code size}. */
    private static Dataset<Row> numbered(SparkSession spark, Dataset<Row> todo, int size) {
        JavaRDD<Row> rdd = todo.orderBy("file", "path").javaRDD().zipWithIndex()
                .map(t -> RowFactory.create(t._1().getAs("path"), t._1().getAs("file"), (int) (t._2() / size)));
        return spark.createDataFrame(rdd, Inputs.SCHEMA.add(ResultSchema.CHUNK, DataTypes.IntegerType, false));
    }

    private static int files(long rows) {
        return (int) Math.max(1, (rows + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
    }

    private static scala.collection.immutable.Seq<String> seq(String... names) {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toList();
    }
}
