package org.provenant.training.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.provenant.indicators.codec.codecdetector.ClassicCodecGate;
import org.provenant.indicators.features.CodecFeatures.FeatureSet;
import org.provenant.indicators.verdict.Calibrations;
import org.provenant.ml.ModelEntry;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.linear.LogisticClassifier;
import org.provenant.training.TestPaths;
import org.provenant.training.codec.CodecData.Item;
import org.provenant.training.codec.CodecData.Row;

/**
 * The shipped classic-codec gate on photo fold 0 of the training split (never trained or thresholded on): the
 * AVIF / JPEG XL / WebP decodes it reads as classic and the neural-codec reconstructions it would withhold, within
 * one sample of the figures {@code provenant train-codec-detector ... --classic-gate} wrote into the manifest. Needs
 * data/classic-neural-train ({@code build_codec_class.py --training-only --out data/classic-neural-train --only hp,jpeg-ai})
 * and data/classic-train ({@code build_classic_train.py}); skipped where they are not built.
 */
class ClassicCodecGateHeldOutTest {
    static Path data() {
        return TestPaths.above("data", "classic-neural-train/index.tsv", "classic-train/index.tsv");
    }

    @Test
    void foldZeroMeetsTheMeasuredFiguresWithinOneSample() throws Exception {
        Path d = data();
        Assumptions.assumeTrue(d != null, "data/classic-neural-train and data/classic-train are not built here");
        ModelRegistry registry = ModelRegistry.load(Path.of("models"));
        ModelEntry entry = registry.find(ClassicCodecGate.MODEL).orElseThrow();
        List<Item> items = new ArrayList<>(CodecData.read(d.resolve("classic-neural-train")));
        items.addAll(CodecData.read(d.resolve("classic-train")));
        items.removeIf(it -> CodecData.fold(it.parent(), CodecTraining.FOLDS) != 0);
        List<Row> rows = CodecData.rows(items, null, new PrintStream(OutputStream.nullOutputStream()));
        LogisticClassifier gate = LogisticClassifier.shared(registry, ClassicCodecGate.MODEL, FeatureSet.UNION.names());
        double t = entry.number(Calibrations.P_THRESHOLD);
        Map<String, int[]> below = new TreeMap<>();
        for (Row r : rows) {
            String k = r.item().codec() ? "neural " + r.item().source() : r.item().source();
            int[] c = below.computeIfAbsent(k, x -> new int[2]);
            c[0] += gate.logOdds(r.features()) < t ? 1 : 0;
            c[1]++;
        }
        System.out.println("classic-codec gate, photo fold 0: " + below.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1]).toList());
        Matcher m = Pattern.compile("([a-z-]+(?: [a-z-]+)?) (\\d+)/(\\d+)").matcher(entry.property("heldoutFold0", ""));
        int checked = 0;
        while (m.find()) {
            int[] c = below.get(m.group(1));
            if (c == null) continue;   // camera rows: not read here (the gate only withholds a neural-codec lean)
            int measured = Integer.parseInt(m.group(2));
            assertEquals(Integer.parseInt(m.group(3)), c[1], m.group(1) + ": rows in fold 0");
            if (m.group(1).startsWith("neural ")) {
                assertTrue(c[0] <= measured + 1, m.group(1) + ": withheld " + c[0] + ", measured " + measured);
            } else {
                assertTrue(c[0] >= measured - 1, m.group(1) + ": read as classic " + c[0] + ", measured " + measured);
                assertTrue(c[0] >= 0.9 * c[1], m.group(1) + ": at least 90 % of its decodes read as classic");
            }
            checked++;
        }
        assertEquals(5, checked, "avif, jxl, webp and both neural families are stated in the manifest: " + entry.property("heldoutFold0", ""));
    }
}
