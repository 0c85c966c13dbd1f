package org.provenant.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisInput;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.AnalysisRun;
import org.provenant.analysis.ReportJson;
import org.provenant.core.io.ImageLoadException;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.report.batch.BatchItem;
import org.provenant.report.batch.BatchRunner;

/**
 * The one place the Spark job calls the analysis: one file's bytes in, what {@code provenant batch} makes of the
 * same file out (its status and message by the batch's own rules, and the {@code analyze --json} tree from which
 * the batch builds its summary row). It holds no case folder: the job's Parquet table is its store.
 *
 * <p>Adapter over today's API ({@link AnalysisEngine}, {@link ReportJson}, {@link BatchRunner#refusal}); when the
 * shared case workflow lands in the core library this class becomes a call to its per-image step.
 */
final class ImageStep implements AutoCloseable {
    private final AnalysisEngine engine;
    private final ImageLoader loader = new ImageLoader();

    /** @param engine the executor's engine (models loaded once per JVM); it and its models close with this step */
    ImageStep(AnalysisEngine engine) {
        this.engine = engine;
    }

    /** One file's outcome; {@code json} is the {@code analyze --json} tree of an analysed image, else null. */
    record Outcome(BatchItem.Status status, String sha256, long bytes, String format, int width, int height,
                   String message, ObjectNode json, long millis) {
        boolean ok() {
            return status == BatchItem.Status.ANALYSED || status == BatchItem.Status.REUSED;
        }
    }

    /** A file whose bytes could not be read from its file system: an error row, as in the batch. */
    static Outcome unreadable(String reason, long millis) {
        return new Outcome(BatchItem.Status.ERROR, "", 0, "", 0, 0, "the file could not be read (" + reason + ")", null, millis);
    }

    /**
     * Loads and analyses one file. A file the loader refuses is SKIPPED (not an image) or an ERROR, with the
     * loader's one-line message; any failure of the analysis itself is an ERROR row, never an exception.
     *
     * @param name  the file as messages and the JSON name it (its path, for a cluster file its path part)
     * @throws InterruptedException when the task is killed: the analysis is cancelled and nothing is returned
     */
    Outcome analyse(Path name, byte[] bytes, List<Indicator> indicators) throws InterruptedException {
        long t0 = System.nanoTime();
        String sha = ImageLoader.sha256(bytes);
        LoadedImage li;
        try {
            li = loader.load(name, bytes);
        } catch (ImageLoadException e) {
            return new Outcome(BatchRunner.refusal(name, e), sha, bytes.length, "", 0, 0, e.getMessage(), null, millis(t0));
        } catch (RuntimeException | OutOfMemoryError e) {
            return failed(name, sha, bytes.length, e, t0);
        }
        try {
            AnalysisRun run = engine.start(AnalysisInput.of(li), indicators, AnalysisListener.NONE);
            AnalysisReport report;
            try {
                report = run.await();
            } catch (InterruptedException e) {
                run.cancel();
                throw e;
            }
            if (report.cancelled()) throw new InterruptedException("analysis cancelled");
            ObjectNode json = ReportJson.toTree(li, report, false);
            String format = li.metadata() == null ? "" : li.metadata().formatName();
            return new Outcome(BatchItem.Status.ANALYSED, sha, bytes.length, format, li.image().width(), li.image().height(),
                    "", json, millis(t0));
        } catch (RuntimeException | OutOfMemoryError e) {
            return failed(name, sha, bytes.length, e, t0);
        }
    }

    private static Outcome failed(Path name, String sha, long size, Throwable e, long t0) {
        String m = e instanceof OutOfMemoryError ? "not enough memory for this image" : String.valueOf(e.getMessage());
        return new Outcome(BatchItem.Status.ERROR, sha, size, "", 0, 0, "Cannot analyse " + name.getFileName() + ": " + m,
                null, millis(t0));
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Override
    public void close() {
        engine.close();
        engine.models().close();
    }
}
