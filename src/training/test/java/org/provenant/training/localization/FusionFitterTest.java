package org.provenant.training.localization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.provenant.training.evaluation.LabelledSet.Item;
import org.provenant.core.image.FloatMap;
import org.provenant.training.localization.LocalizationCells.ImageCells;
import org.provenant.indicators.pixel.localization.CellFeatures;
import org.provenant.indicators.pixel.localization.FusionModel;

class FusionFitterTest {
    /** 10 x 10 cells; feature "a" is high inside a 4 x 4 edited square, "b" is noise. */
    static ImageCells image(Random r, boolean edited) {
        float[][] rows = new float[100][2];
        float[] truth = new float[100];
        for (int i = 0; i < 100; i++) {
            boolean in = edited && i % 10 >= 3 && i % 10 < 7 && i / 10 >= 3 && i / 10 < 7;
            truth[i] = in ? 1 : 0;
            rows[i][0] = (float) ((in ? 2.5 : 0) + r.nextGaussian());
            rows[i][1] = (float) r.nextGaussian();
        }
        Item it = new Item(Path.of("x.png"), edited ? "edited" : "real", "s", "p", edited ? "edit/splice" : "original/splice");
        return new ImageCells(it, 100, 100, 10, 10, new CellFeatures.Table(List.of("a", "b"), rows), truth);
    }

    @Test
    void theInformativeFeatureGetsTheWeightAndTheOutlineFindsTheSquare() {
        Random r = new Random(1);
        List<ImageCells> ims = new ArrayList<>();
        for (int k = 0; k < 40; k++) ims.add(image(r, k % 2 == 0));
        FusionModel.Logistic m = FusionFitter.fit(ims, FusionFitter.EDITED);
        assertTrue(m.weights()[0] > 1.5 && Math.abs(m.weights()[1]) < 0.3, m.weights()[0] + " " + m.weights()[1]);
        List<ImageCells> edits = ims.stream().filter(ImageCells::edit).toList();
        List<FloatMap> maps = edits.stream().map(e -> FusionFitter.map(m, e)).toList();
        double[] t = FusionFitter.thresholds(maps, edits, k -> true);
        assertTrue(t[2] > 0.6, "mean cell IoU " + t[2]);
        assertTrue(t[1] <= t[0]);
    }

    @Test
    void cellIouWeighsCellsByTheirMaskShare() {
        FloatMap outlined = new FloatMap(2, 2, new float[]{0.9f, Float.NaN, Float.NaN, Float.NaN});
        assertEquals(0.5 / 1.5, FusionFitter.cellIou(outlined, new float[]{0.5f, 0.5f, 0, 0}), 1e-9);
    }
}
