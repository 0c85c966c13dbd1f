package org.provenant.indicators.verdict;

import java.util.List;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Score;

/**
 * What a {@link VerdictPolicy} decided for one image: the lean and its confidence (as an {@code IndicatorResult}
 * takes them), the likelihood ratio, the scores and the sentence to add, and why it leans or does not, so that an
 * indicator can word its own explanation.
 *
 * @param supports   the lean ({@link Hypothesis#INCONCLUSIVE} when none)
 * @param confidence 0.5 without a lean
 * @param lr         the calibrated likelihood ratio (NaN when the policy has none or the score is undefined)
 * @param scores     scores to add to the result (the LR and the held-out figures; empty where the indicator states
 *                   its own)
 * @param sentence   the sentence to append to the explanation (empty where the indicator words its own)
 * @param supported  the policy's held-out figures pass the bar ({@link HeldOut}), so a lean may be drawn at all
 * @param passes     the score reaches the policy's lean (threshold, verdict LR, vote)
 * @param withheld   what one of the policy's gates found on this image, in words (e.g. "the file is a classic JPEG
 *                   (4:2:0 chroma)"), which withholds the lean; null when no gate withheld it
 */
public record Verdict(Hypothesis supports, double confidence, double lr, List<Score> scores, String sentence,
                      boolean supported, boolean passes, String withheld) {
    public Verdict {
        scores = List.copyOf(scores);
    }

    /** Whether the policy leans to something other than "inconclusive". */
    public boolean leans() {
        return supports != Hypothesis.INCONCLUSIVE;
    }
}
