package org.provenant.indicators;

import java.util.Comparator;
import java.util.Locale;
import org.provenant.ml.calibration.EnfsiScale;

/**
 * What an indicator found on one image, in words: the headline that every view shows (verdict strip, overview
 * cards, panel headers, the report's summary, the batch table, {@code analyze}'s lines and the JSON's
 * {@code finding}), so that no bare number stands alone; the numbers stay in the scores. The indicator states it
 * (file evidence in words) or its verdict policy does (a calibrated likelihood ratio on the ENFSI scale, "figures
 * only" where the figures do not support a verdict, "no verdict on this kind of image" where a gate withholds it);
 * a result that states none gets {@link #unstated}, so every indicator has one.
 *
 * @param phrase   the headline, short: "LR 42: moderate support for neural-codec compression", "EXIF names Canon
 *                 EOS 5D", "no Content Credentials", "figures only: not validated for a verdict"
 * @param strength what its weight rests on, short: "calibrated on held-out sources (ROC AUC 0.97)", "explicit file
 *                 evidence", "no evidence either way"
 * @param sentence the finding as a sentence, for the places with room (the assessment's statement); the phrase when
 *                 none is given
 * @param standing how much it says about this image: orders the views and styles the chips
 * @param favours  the hypothesis it points to (its colour); {@link Hypothesis#INCONCLUSIVE} when none
 * @param weight   how telling within its standing, higher first (a lean's confidence, |log10 LR|); 0 when it does not
 *                 matter
 */
public record Finding(String phrase, String strength, String sentence, Standing standing, Hypothesis favours, double weight) {
    /** The phrase of a result whose figures do not support a verdict. */
    public static final String FIGURES_ONLY = "figures only: not validated for a verdict";

    /** How much a finding says about this image, most first. */
    public enum Standing {
        /** It draws a verdict (a lean backed by measured error rates). */
        LEANS,
        /** Something to say without a verdict: a likelihood ratio away from 1, a file finding, a region. */
        SUPPORTS,
        /** Measured and validated, but nothing either way here (LR near 1, no Content Credentials). */
        NEUTRAL,
        /** Not validated for a verdict: the numbers are in the panel, with no words of strength. */
        FIGURES_ONLY,
        /** No verdict on this kind of image (a re-saved JPEG, not a JPEG, too small or flat): says why. */
        NOT_HERE;

        /** Whether the indicator has something to say about this image. */
        public boolean telling() {
            return this == LEANS || this == SUPPORTS;
        }
    }

    /** Most telling first: standing, then weight; equal ones keep their order (a stable sort keeps panel order). */
    public static final Comparator<Finding> MOST_TELLING_FIRST = Comparator.comparing(Finding::standing)
            .thenComparing(Comparator.comparingDouble(Finding::weight).reversed());

    public Finding {
        phrase = phrase == null ? "" : phrase.strip();
        strength = strength == null ? "" : strength.strip();
        sentence = sentence == null || sentence.isBlank() ? phrase : sentence.strip();
        if (standing == null) throw new IllegalArgumentException("a finding needs its standing");
        favours = favours == null ? Hypothesis.INCONCLUSIVE : favours;
        weight = Double.isFinite(weight) ? weight : 0;
    }

    /** A finding without a sentence of its own or a weight. */
    public Finding(String phrase, String strength, Standing standing, Hypothesis favours) {
        this(phrase, strength, null, standing, favours, 0);
    }

    /** The same finding with another sentence. */
    public Finding withSentence(String s) {
        return new Finding(phrase, strength, s, standing, favours, weight);
    }

    /** Colour of a finding that points nowhere (a file finding without a hypothesis): slate grey. */
    public static final int NEUTRAL_RGB = 0x455a64;

    /** The colour every view draws it in: its hypothesis' ({@link Hypothesis#rgb()}), slate grey when it favours none. */
    public int rgb() {
        return favours == Hypothesis.INCONCLUSIVE ? NEUTRAL_RGB : favours.rgb();
    }

    /** The phrase with its strength in square brackets, for one line of text. */
    public String line() {
        return strength.isEmpty() ? phrase : phrase + " [" + strength + "]";
    }

    /** Numbers and their units are in the panel: the words say that the figures carry no verdict. */
    public static Finding figuresOnly(String why) {
        return new Finding(FIGURES_ONLY, why, Standing.FIGURES_ONLY, Hypothesis.INCONCLUSIVE);
    }

    /**
     * No verdict on this kind of image, e.g. {@code notHere("no verdict on a re-saved JPEG", "the file is a classic
     * JPEG (4:2:0 chroma), where this calibration does not hold")}.
     */
    public static Finding notHere(String phrase, String why) {
        return new Finding(phrase, "", why, Standing.NOT_HERE, Hypothesis.INCONCLUSIVE, 0);
    }

    /** A verdict in words with what it rests on; weighted by its confidence. */
    public static Finding lean(Hypothesis h, double confidence, String phrase, String strength) {
        return new Finding(phrase, strength, null, Standing.LEANS, h, confidence);
    }

    /**
     * A calibrated likelihood ratio of {@code accusing} against a camera original in the ENFSI verbal scale: "LR 42:
     * moderate support for neural-codec compression", "LR 1/300: moderately strong support for a camera original over
     * a generated image", "LR 1.4: no support either way". It {@link Standing#LEANS} when the policy drew the
     * verdict, {@link Standing#SUPPORTS} when the LR leaves "no support" (below 1/2 or from 2), else
     * {@link Standing#NEUTRAL}; weighted by |log10 LR|.
     */
    public static Finding likelihoodRatio(double lr, Hypothesis accusing, boolean leans, String strength) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            return new Finding("no likelihood ratio: the score is undefined here", strength, Standing.NEUTRAL, Hypothesis.INCONCLUSIVE);
        }
        EnfsiScale step = EnfsiScale.of(lr);
        String phrase;
        Hypothesis favours;
        if (step == EnfsiScale.NONE) {
            phrase = "LR " + String.format(Locale.ROOT, "%.2g", lr) + ": no support either way";
            favours = Hypothesis.INCONCLUSIVE;
        } else if (lr >= 1) {
            phrase = "LR " + lrText(lr) + ": " + step.words() + " for " + accusing.proposition();
            favours = accusing;
        } else {
            phrase = "LR " + lrText(lr) + ": " + step.words() + " for " + Hypothesis.CAMERA_ORIGINAL.proposition() + " over "
                    + accusing.proposition();
            favours = Hypothesis.CAMERA_ORIGINAL;
        }
        Standing s = leans ? Standing.LEANS : step == EnfsiScale.NONE ? Standing.NEUTRAL : Standing.SUPPORTS;
        return new Finding(phrase, strength, null, s, favours, Math.abs(Math.log10(lr)));
    }

    /**
     * The finding of a verdict policy's decision, so that every indicator with a declared verdict gets its words the
     * same way: not {@code supported} (its held-out figures do not pass the bar) gives "figures only"; a gate that
     * {@code withheld} the lean gives "no verdict here: " and what it found ("the file is a classic JPEG (4:2:0
     * chroma)"); a likelihood ratio gives {@link #likelihoodRatio}; without one, a lean gives the hypothesis' phrase
     * and no lean "no sign of" the accused proposition.
     *
     * @param strength what the policy's figures are, in words ("calibrated on held-out sources, ROC AUC 0.91")
     */
    public static Finding ofVerdict(Hypothesis accusing, Hypothesis supports, double confidence, double lr, boolean supported,
                                    String withheld, String strength) {
        if (!supported) return figuresOnly(strength);
        if (withheld != null) return notHere("no verdict here: " + withheld, strength);
        boolean leans = supports != null && supports != Hypothesis.INCONCLUSIVE;
        if (Double.isFinite(lr) && lr > 0) {
            Finding f = likelihoodRatio(lr, accusing, leans && supports == accusing, strength);
            return leans && supports != accusing ? lean(supports, confidence, f.phrase(), strength) : f;
        }
        if (leans) return lean(supports, confidence, supports.phrase(), strength);
        return new Finding("no sign of " + accusing.proposition(), strength, Standing.NEUTRAL, Hypothesis.INCONCLUSIVE);
    }

    /**
     * The finding of a result that states none: its lean in words where it leans, else "figures only" (a lean is
     * always drawn through a verdict policy with measured error rates; words of strength without one are not).
     */
    public static Finding unstated(Hypothesis supports, double confidence) {
        if (supports == null || supports == Hypothesis.INCONCLUSIVE) return figuresOnly("");
        return lean(supports, confidence, supports.phrase(), String.format(Locale.ROOT, "confidence %.2f", confidence));
    }

    /** An LR as the ENFSI tables write it: 42, 1,300, 1.4; below 1 as "1/42". */
    public static String lrText(double lr) {
        if (lr < 1) return "1/" + lrText(1 / lr);
        if (lr >= 100) return String.format(Locale.ROOT, "%,.0f", lr);
        if (lr >= 10) return String.format(Locale.ROOT, "%.0f", lr);
        return String.format(Locale.ROOT, "%.1f", lr);
    }
}
