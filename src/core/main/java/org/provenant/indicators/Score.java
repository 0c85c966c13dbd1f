package org.provenant.indicators;

/**
 * One number an indicator reports.
 *
 * @param key     stable machine key, e.g. "mean_rg" (used in JSON and the report)
 * @param label   human label, e.g. "Mean R-G residual correlation"
 * @param value   the value
 * @param meaning one sentence saying how to read the value, e.g. "camera originals are typically below 0.3"
 */
public record Score(String key, String label, double value, String meaning) {
}
