package org.provenant.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.batch.ImageStep;
import org.provenant.analysis.casefolder.AuditLog;
import org.provenant.analysis.workflow.CaseWorkflow;
import org.provenant.analysis.workflow.ResultKey;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;

/**
 * The models of this JVM: loaded once per executor (every task of the executor shares them, as the batch's files
 * share one engine), from the copy Spark shipped with the job ({@code SparkContext.addFile}), and only after the
 * copy proved to be the driver's model set: the model-set key covers every model file's SHA-256 as it is on this
 * disk, the tool version and the code, and {@link ModelRegistry} checks each file against the manifest again
 * before it loads it. A copy that differs fails the task (a broken executor, not a bad image); Spark then retries
 * it elsewhere.
 *
 * <p>Each file then goes through the desktop batch's own per-file step ({@link ImageStep} over a
 * {@link CaseWorkflow}), with the {@link ExecutorStore} as its store and an audit log in the application's
 * working folder on this executor (scratch: the table's rows are the run's durable record).
 */
final class ExecutorModels {
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]");
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static ImageStep step;
    private static AnalysisEngine engine;
    private static String key;

    private ExecutorModels() { }

    /**
     * The per-file step of this JVM for the driver's model set and these indicators, loading the shipped models on
     * first use.
     *
     * @param modelSet the driver's model-set key
     * @param shipped  the name the models folder was shipped under
     */
    static synchronized ImageStep step(String modelSet, String shipped, List<String> indicatorIds) throws ModelException {
        int slots = slots(SparkEnv.get().conf());
        Path dir = Path.of(SparkFiles.get(shipped));
        String want = modelSet + " " + slots + " " + dir + " " + indicatorIds;   // a new SparkContext ships a new copy
        if (step != null && want.equals(key)) return step;
        if (!Files.isRegularFile(dir.resolve(ModelRegistry.MANIFEST))) {
            throw new ModelException("the models shipped with the job are missing on this executor (" + dir + ")");
        }
        ModelRegistry models = ModelRegistry.load(dir);
        String mine = ResultKey.of(models);
        if (!mine.equals(modelSet)) {
            models.close();
            throw new ModelException("the models on this executor (" + dir + ") are model set " + mine + ", the driver's are "
                    + modelSet + ": a model file, the tool version or the code differs; nothing is analysed with them");
        }
        close();
        AuditLog audit = AuditLog.at(Path.of(SparkFiles.getRootDirectory(), "provenant-audit.jsonl"),
                () -> "spark executor " + SparkEnv.get().executorId());
        List<Indicator> indicators = IndicatorRegistry.all().stream().filter(i -> indicatorIds.contains(i.id())).toList();
        engine = new AnalysisEngine(models, slots);
        step = new ImageStep(new CaseWorkflow(new ExecutorStore(), audit, models), engine, indicators, Map.of());
        key = want;
        LOADS.incrementAndGet();
        return step;
    }

    private static void close() {
        if (engine == null) return;
        engine.close();
        engine.models().close();
        engine = null;
        step = null;
    }

    /** How many times this JVM loaded models: once per model set, slot count and Spark context, however many tasks and runs. */
    static int loads() {
        return LOADS.get();
    }

    /**
     * Tasks this executor runs at once: its analysis pool gets as many threads, so an executor uses the cores it
     * was given and no more. {@code local[N]} gives N; a cluster executor {@code spark.executor.cores} (all the
     * machine's cores when unset, as a standalone worker gives), divided by {@code spark.task.cpus}.
     */
    static int slots(SparkConf conf) {
        int cores = Runtime.getRuntime().availableProcessors();
        Matcher m = LOCAL.matcher(conf.get("spark.master", ""));
        if (m.matches()) cores = m.group(1).equals("*") ? cores : Integer.parseInt(m.group(1));
        else cores = conf.getInt("spark.executor.cores", cores);
        return Math.max(1, cores / Math.max(1, conf.getInt("spark.task.cpus", 1)));
    }
}
