package org.provenant.training.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.provenant.indicators.codec.codecdetector.CodecDetector;
import org.provenant.indicators.features.CodecFeatures.FeatureSet;
import org.provenant.indicators.verdict.Calibrations;
import org.provenant.ml.ModelEntry;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.calibration.VerdictCalibration;
import org.provenant.ml.linear.LogisticClassifier;
import org.provenant.training.TestPaths;
import org.provenant.training.codec.CodecData.Item;
import org.provenant.training.codec.CodecData.Row;

/**
 * The shipped detector on what it was never fitted, calibrated or thresholded on: photo fold 0 of the corpus
 * (real photos, their JPEG re-saves, generated images) and the reconstructions by the codec family held out of
 * training (its manifest entry names it). Floors within one sample of the figures written by
 * {@code provenant train-codec-detector}, and the 5 % bar on the fold's real photos. Needs the corpus and its codec
 * class (models/training/data recipes, data/ beside or above the repository); skipped where they are not built.
 */
class CodecDetectorHeldOutTest {
    static ModelRegistry registry;
    static ModelEntry entry;
    static List<Row> rows;
    static List<Item> items;

    static Path data() {
        return TestPaths.above("data", "corpus/index.tsv", "codec-class/index.tsv");
    }

    @BeforeAll
    static void load() throws Exception {
        Path d = data();
        Assumptions.assumeTrue(d != null, "the corpus and its codec class (models/training/data) are not built here");
        registry = ModelRegistry.load(Path.of("models"));
        entry = registry.find(CodecDetector.MODEL).orElseThrow();
        items = new ArrayList<>(CodecData.read(d.resolve("corpus")));
        items.addAll(CodecData.read(d.resolve("codec-class")));
        items.removeIf(it -> CodecData.fold(it.parent(), CodecTraining.FOLDS) != 0);
        // a codec class built with other families (e.g. hp and jpeg-ai only) cannot reproduce the held-out figures
        String family = entry.property(CodecDetector.P_HELD_FAMILY, "");
        Assumptions.assumeTrue(items.stream().anyMatch(it -> it.codec() && it.source().equals(family)),
                "the codec class in " + d + " has no reconstructions by the held-out family '" + family + "'");
        rows = CodecData.rows(items, null, new PrintStream(OutputStream.nullOutputStream()));
    }

    @Test
    void heldOutFamilyAndFoldMeetTheMeasuredFiguresWithinOneSample() throws Exception {
        FeatureSet fs = FeatureSet.valueOf(entry.property(CodecDetector.P_FEATURES, "union").toUpperCase());
        LogisticClassifier model = LogisticClassifier.shared(registry, CodecDetector.MODEL, fs.names());
        String family = entry.property(CodecDetector.P_HELD_FAMILY, "");
        assertTrue(!family.isEmpty(), "the manifest names the held-out codec family");
        double t = entry.number(Calibrations.P_THRESHOLD);
        int det = 0, codec = 0, fa = 0, real = 0, gen = 0, genCodec = 0;
        for (Row r : rows) {
            boolean hit = model.logOdds(fs.pick(r.features())) > t;
            if (r.item().codec() && r.item().source().equals(family)) {
                codec++;
                det += hit ? 1 : 0;
            } else if (r.item().real()) {
                real++;
                fa += hit ? 1 : 0;
            } else if (!r.item().codec()) {
                gen++;
                genCodec += hit ? 1 : 0;
            }
        }
        int[] mDet = entry.counts(Calibrations.P_DETECTED),
                mFa = entry.counts(Calibrations.P_FALSE_ALARMS),
                mGen = entry.counts(CodecDetector.P_GENERATED_CALLED);
        assertEquals(mDet[1], codec, "held-out family reconstructions in fold 0");
        assertEquals(mFa[1], real, "real photos in fold 0");
        assertEquals(mGen[1], gen, "generated images in fold 0");
        assertTrue(det >= mDet[0] - 1, family + ": detected " + det + " of " + codec + ", measured " + mDet[0]);
        assertTrue(fa <= mFa[0] + 1, "false alarms " + fa + " of " + real + ", measured " + mFa[0]);
        assertTrue(fa <= VerdictCalibration.MAX_FALSE_ALARM * real, "the 5 % bar on held-out real photos: " + fa + "/" + real);
        assertTrue(genCodec <= mGen[0] + 1, "generated images called codec " + genCodec + " of " + gen + ", measured " + mGen[0]);
    }

    /**
     * The overall assessment (the product's fusion) on the held-out family's reconstructions and the real photos of
     * fold 0: p_neural_codec separates them, and the assessment leans "neural codec" on the measured share of the
     * reconstructions and on no more than the measured share of the real photos.
     */
    @Test
    void overallAssessmentDetectsTheHeldOutFamily() throws Exception {
        String family = entry.property(CodecDetector.P_HELD_FAMILY, "");
        org.provenant.core.io.ImageLoader loader = new org.provenant.core.io.ImageLoader();
        List<Double> pos = new ArrayList<>(), neg = new ArrayList<>();
        int lean = 0, falseLean = 0;
        for (Item it : items) {
            boolean held = it.codec() && it.source().equals(family);
            if (!held && !it.real()) continue;
            org.provenant.core.image.FloatImage img = loader.load(it.file()).image();
            org.provenant.indicators.IndicatorContext ctx = org.provenant.indicators.IndicatorContext.of(registry);
            org.provenant.indicators.IndicatorResult own = new CodecDetector().analyze(img, ctx);
            org.provenant.indicators.IndicatorResult all = org.provenant.indicators.assessment.OverallAssessment.assess(
                    java.util.Map.of(CodecDetector.ID, own), java.util.Map.of());
            double p = all.score("p_neural_codec").value();
            if (!Double.isFinite(p)) continue;   // greyscale or flat: no LR
            boolean leans = all.supports() == org.provenant.indicators.Hypothesis.NEURAL_CODEC;
            if (held) {
                pos.add(p);
                lean += leans ? 1 : 0;
            } else {
                neg.add(p);
                falseLean += leans ? 1 : 0;
            }
        }
        double auc = org.provenant.ml.calibration.Metrics.auc(pos.stream().mapToDouble(Double::doubleValue).toArray(),
                neg.stream().mapToDouble(Double::doubleValue).toArray());
        System.out.printf(java.util.Locale.ROOT, "overall assessment, held-out family %s: p_neural_codec AUC %.3f over %d vs %d; leans codec on %d/%d reconstructions, %d/%d real%n",
                family, auc, pos.size(), neg.size(), lean, pos.size(), falseLean, neg.size());
        int[] mDet = entry.counts(Calibrations.P_DETECTED),
                mFa = entry.counts(Calibrations.P_FALSE_ALARMS);
        assertTrue(auc >= entry.number(Calibrations.P_AUC) - 1.0 / pos.size(), "p_neural_codec AUC " + auc);
        assertTrue(lean >= mDet[0] - 1, "assessment leans codec on " + lean + " of " + pos.size() + ", measured " + mDet[0]);
        assertTrue(falseLean <= mFa[0] + 1 && falseLean <= VerdictCalibration.MAX_FALSE_ALARM * neg.size(),
                "assessment leans codec on " + falseLean + " of " + neg.size() + " real photos");
    }
}
