package org.provenant.spark;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;
import org.provenant.analysis.batch.BatchItem;

/**
 * The run's progress in Spark's UI (Stages and Jobs pages, "Accumulators"): {@code done} images analysed,
 * {@code failed} files that could not be analysed (error rows), {@code skipped} files already in the table for the
 * same SHA-256 and model set (no row written), {@code reused} copies of an image already analysed (a row copied
 * from it, no analysis) and {@code not images} (rows saying so, as the batch's SKIPPED). A task that fails and is
 * retried counts only once; the table, not the counters, is the record.
 */
final class Counters implements Serializable {
    private static final long serialVersionUID = 1L;
    final LongAccumulator done;
    final LongAccumulator failed;
    final LongAccumulator skipped;
    final LongAccumulator reused;
    final LongAccumulator notImages;

    Counters(SparkContext sc) {
        done = sc.longAccumulator("done");
        failed = sc.longAccumulator("failed");
        skipped = sc.longAccumulator("skipped");
        reused = sc.longAccumulator("reused");
        notImages = sc.longAccumulator("not images");
    }

    void count(BatchItem.Status s) {
        switch (s) {
            case ANALYSED -> done.add(1);
            case REUSED -> reused.add(1);
            case SKIPPED -> notImages.add(1);
            default -> failed.add(1);
        }
    }

    @Override
    public String toString() {
        return done.value() + " analysed, " + reused.value() + " reused (copies), " + skipped.value() + " skipped (already done), "
                + failed.value() + " failed, " + notImages.value() + " not images";
    }
}
