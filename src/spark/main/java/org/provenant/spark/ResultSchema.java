package org.provenant.spark;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.provenant.indicators.assessment.LrFusion;

/**
 * The Parquet table of a cluster run: one row per file, the columns of {@code provenant batch}'s summary plus what
 * a query needs (each indicator's headline, lean, confidence and likelihood ratios; the overall assessment's fused
 * LRs and probabilities per proposition), and, when asked, the file's {@code analyze --json} text.
 *
 * <p>On disk the rows sit under {@code results/model_set=M/run=R/chunk=C/}: the three partition columns are
 * directories, so a run only ever adds a {@code run=} folder and a model set can be read alone.
 */
final class ResultSchema {
    static final String MODEL_SET = "model_set";
    static final String RUN = "run";
    static final String CHUNK = "chunk";

    /**
     * One indicator's outcome; {@code lr} holds its calibrated likelihood ratios by score key (lr_generated...), the
     * {@code finding} columns its finding in words as {@code analyze --json} writes it (finding, findingDetail).
     */
    static final StructType INDICATOR = new StructType()
            .add("id", StringType, false)
            .add("name", StringType)
            .add("status", StringType)
            .add("headline_key", StringType)
            .add("headline_label", StringType)
            .add("headline_value", DoubleType)
            .add("lean", StringType)
            .add("confidence", DoubleType)
            .add("lr", DataTypes.createMapType(StringType, DoubleType, true))
            .add("error", StringType)
            .add("millis", LongType)
            .add("finding", StringType)            // the finding in words (its phrase), null unless done
            .add("finding_strength", StringType)
            .add("finding_sentence", StringType)
            .add("finding_standing", StringType)   // VERDICT, ... (Finding.Standing)
            .add("finding_favours", StringType)
            .add("finding_weight", DoubleType);

    /** The overall assessment's score keys, one column each: lr_generated, p_generated, ... */
    static final List<String> OVERALL_SCORES = overallScores();

    /** The columns written into each Parquet file. */
    static final StructType ROW = row();

    /** ROW plus the partition columns, as the table reads back. */
    static final StructType TABLE = ROW.add(MODEL_SET, StringType).add(RUN, StringType).add(CHUNK, StringType);

    private ResultSchema() { }

    private static List<String> overallScores() {
        List<String> keys = new ArrayList<>();
        for (LrFusion.Proposition p : LrFusion.Proposition.values()) keys.add(p.lrKey());
        for (LrFusion.Proposition p : LrFusion.Proposition.values()) keys.add("p_" + p.key());
        return List.copyOf(keys);
    }

    private static StructType row() {
        StructType t = new StructType()
                .add("path", StringType, false)       // the file's full path on its file system
                .add("file", StringType, false)       // below the input folder with '/' (the batch's "file")
                .add("sha256", StringType, false)
                .add("bytes", LongType, false)
                .add("format", StringType)
                .add("width", IntegerType, false)
                .add("height", IntegerType, false)
                .add("status", StringType, false)     // ANALYSED, REUSED, ERROR, SKIPPED (not an image)
                .add("error", StringType)             // why it is an error or was skipped; empty otherwise
                .add("tool_version", StringType)
                .add("overall", StringType)           // the overall assessment's finding in words (batch's column)
                .add("overall_lean", StringType)
                .add("overall_confidence", DoubleType)
                .add("suspicion", DoubleType);        // the batch's triage order; null for errors and skips
        for (String k : OVERALL_SCORES) t = t.add(k, DoubleType);
        return t.add("indicators", DataTypes.createArrayType(INDICATOR, false))
                .add("millis", LongType, false)
                .add("analysed_at", TimestampType)
                .add("json", StringType);             // the analyze --json text, with --json only
    }
}
