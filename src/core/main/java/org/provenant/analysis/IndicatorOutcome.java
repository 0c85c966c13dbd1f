package org.provenant.analysis;

import org.provenant.indicators.IndicatorResult;

/**
 * How one indicator's run ended.
 *
 * @param indicatorId the indicator
 * @param displayName its panel name
 * @param methodReference its method reference
 * @param status      DONE, FAILED or CANCELLED
 * @param result      the result when DONE, else null
 * @param error       the user-facing error when FAILED, else null
 * @param millis      wall time spent
 */
public record IndicatorOutcome(String indicatorId, String displayName, String methodReference, Status status,
                               IndicatorResult result, String error, long millis) {
    public enum Status { DONE, FAILED, CANCELLED }

    public boolean ok() {
        return status == Status.DONE;
    }
}
