package org.provenant.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.provenant.analysis.batch.BatchItem;
import org.provenant.analysis.batch.ImageStep;
import org.provenant.ml.ModelException;

/**
 * The executor's side of a chunk: each (path, file) row goes through the desktop batch's per-file step
 * ({@link ImageStep}) and becomes a result row, one file at a time and lazily (a task holds one image at a time).
 * A file that cannot be read, decoded or analysed becomes a row saying why; only a killed task (Spark's own
 * cancel, a lost executor's retry) or models that differ from the driver's end the task.
 */
final class AnalyseFiles implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<HadoopFiles> files;
    private final String modelSet;
    private final String shippedModels;
    private final List<String> indicatorIds;
    private final String toolVersion;
    private final boolean json;
    private final Counters counters;

    AnalyseFiles(Broadcast<HadoopFiles> files, String modelSet, String shippedModels, List<String> indicatorIds,
                 String toolVersion, boolean json, Counters counters) {
        this.files = files;
        this.modelSet = modelSet;
        this.shippedModels = shippedModels;
        this.indicatorIds = List.copyOf(indicatorIds);
        this.toolVersion = toolVersion;
        this.json = json;
        this.counters = counters;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> in) throws ModelException {
        ImageStep step = ExecutorModels.step(modelSet, shippedModels, indicatorIds);
        return new Iterator<>() {
            @Override public boolean hasNext() {
                return in.hasNext();
            }

            @Override public Row next() {
                Row r = in.next();
                TaskContext ctx = TaskContext.get();
                if (ctx != null) ctx.killTaskIfInterrupted();
                String path = r.getAs("path");
                ImageStep.Result o = one(step, path, r.getAs("file"));
                counters.count(o.row().status());
                return ResultRow.of(path, o, toolVersion, json);
            }
        };
    }

    private ImageStep.Result one(ImageStep step, String path, String file) {
        long t0 = System.nanoTime();
        Path name = ResultRow.localPath(path);
        byte[] bytes;
        try {
            bytes = files.value().read(path);
        } catch (IOException | RuntimeException e) {
            BatchItem row = new BatchItem(file, name, BatchItem.Status.ERROR, "", 0, "", 0, 0, List.of(),
                    "the file could not be read (" + e.getMessage() + ")", (System.nanoTime() - t0) / 1_000_000, null, null);
            return new ImageStep.Result(row, null, null);
        }
        ImageStep.Result o = step.run(name, file, bytes);
        if (o.row().status() == BatchItem.Status.CANCELLED || Thread.currentThread().isInterrupted()) {
            throw new TaskKilledException("interrupted during the analysis of " + path);
        }
        return o;
    }
}
