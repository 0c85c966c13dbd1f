package org.provenant.ml.calibration;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A measured calibration of one indicator's score for one hypothesis against "camera original", stored as a model
 * file (models/calibration/&lt;indicator&gt;.json, verified by SHA-256 through the manifest). ln LR = slope * score +
 * intercept ({@link LogisticCalibration}), fitted on a calibration split of sources; the held-out figures come from
 * the other sources (never the same generator, photo collection or original).
 *
 * @param indicator        indicator id
 * @param score            the score key calibrated (e.g. "peak_db")
 * @param hypothesis       the accusing hypothesis in words ("generated", "neural codec", "edited")
 * @param lrKey            the score key the LR is reported under ("lr_generated")
 * @param slope            of ln LR in the score
 * @param intercept        of ln LR
 * @param verdictLr        LR at or above which the indicator leans to the hypothesis
 * @param cameraLr         LR at or below which it leans to camera original (NaN: never)
 * @param verdict          whether the held-out figures support drawing a verdict at all
 * @param heldOutAuc       ROC AUC on the held-out sources
 * @param heldOutCllr      Cllr of the LRs on the held-out sources
 * @param heldOutFalseAlarm share of held-out real photos (with a finite score) at or above verdictLr
 * @param heldOutDetection share of held-out positives at or above verdictLr
 * @param heldOutMissed    share of held-out positives at or below cameraLr (called camera original)
 * @param heldOutPositives count of held-out positives with a finite score
 * @param heldOutNegatives count of held-out real photos with a finite score
 * @param fittedOn         what the calibration split was (sources, counts)
 * @param note             condition of use, e.g. "only where no JPEG block grid was found"
 */
public record VerdictCalibration(String indicator, String score, String hypothesis, String lrKey, double slope,
                                 double intercept, double verdictLr, double cameraLr, boolean verdict, double heldOutAuc,
                                 double heldOutCllr, double heldOutFalseAlarm, double heldOutDetection, double heldOutMissed,
                                 int heldOutPositives, int heldOutNegatives, String fittedOn, String note) {
    /**
     * Smallest held-out ROC AUC for which a calibrated indicator draws a verdict. Our choice: below it the ranking of
     * images is too weak for a lean to mean much, whatever the LR.
     */
    public static final double MIN_HELD_OUT_AUC = 0.7;
    /** The bar of issue 10: at most this share of held-out real photos may get a lean away from camera original. */
    public static final double MAX_FALSE_ALARM = 0.05;

    /** The likelihood ratio of a score (plain ratio); NaN for a NaN score. */
    public double lr(double scoreValue) {
        double l = new LogisticCalibration(slope, intercept).lnLr(scoreValue);
        return Double.isNaN(l) ? Double.NaN : Math.exp(Math.max(-50, Math.min(50, l)));
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.INDENT_OUTPUT, true)
            .configure(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS, true)
            .configure(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS.mappedFeature(), true);

    public static VerdictCalibration read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), VerdictCalibration.class);
    }

    public void write(Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), this);
    }
}
