package org.provenant.spark;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.ml.ModelException;

/**
 * The executor's side of a chunk: each (path, file) row becomes a result row, one file at a time and lazily (a
 * task holds one image at a time). A file that cannot be read, decoded or analysed becomes a row saying why; only a
 * killed task (Spark's own cancel, a lost executor's retry) or models that differ from the driver's end the task.
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
        ImageStep step = ExecutorModels.step(modelSet, shippedModels);
        List<Indicator> indicators = IndicatorRegistry.all().stream().filter(i -> indicatorIds.contains(i.id())).toList();
        return new Iterator<>() {
            @Override public boolean hasNext() {
                return in.hasNext();
            }

            @Override public Row next() {
                Row r = in.next();
                TaskContext ctx = TaskContext.get();
                if (ctx != null) ctx.killTaskIfInterrupted();
                String path = r.getAs("path");
                ImageStep.Outcome o = one(step, path, indicators);
                counters.count(o.status());
                return ResultRow.of(path, r.getAs("file"), o, toolVersion, json);
            }
        };
    }

    private ImageStep.Outcome one(ImageStep step, String path, List<Indicator> indicators) {
        long t0 = System.nanoTime();
        byte[] bytes;
        try {
            bytes = files.value().read(path);
        } catch (IOException | RuntimeException e) {
            return ImageStep.unreadable(String.valueOf(e.getMessage()), (System.nanoTime() - t0) / 1_000_000);
        }
        try {
            return step.analyse(ResultRow.localPath(path), bytes, indicators);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskKilledException("interrupted during the analysis of " + path);
        }
    }
}
