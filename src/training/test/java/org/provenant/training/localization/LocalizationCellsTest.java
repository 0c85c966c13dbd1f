package org.provenant.training.localization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.indicators.pixel.localization.CellCues;
import org.provenant.ml.ModelRegistry;
import org.provenant.training.evaluation.LabelledSet.Item;
import org.provenant.training.evaluation.MaskedSet;
import org.provenant.training.localization.LocalizationCells.ImageCells;

/**
 * The cell features of the noiseprint splice fixture (src/core/test/resources/noiseprint: a square of another camera's
 * photo pasted into a camera photo, with its mask): the camera-noise anomaly cue marks the pasted square, and a cache
 * entry made before the other indicators' maps joined is extended to exactly the features a full measurement gives.
 */
class LocalizationCellsTest {
    static final Path SPLICE = Path.of("src/core/test/resources/noiseprint/splice.png");
    static ModelRegistry models;
    static ImageCells full;

    @BeforeAll
    static void measure() throws Exception {
        models = ModelRegistry.load(Path.of("models"));
        full = LocalizationCells.compute(new Item(SPLICE, MaskedSet.EDITED, "fixture", "splice", "edit/splice"), models);
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @Test
    void theCameraNoiseAnomalyMarksThePastedSquare() {
        assertNotNull(full);
        assertTrue(LocalizationCells.hasExternals(full.table()));
        int at = full.table().names().indexOf(CellCues.NOISEPRINT);
        double in = 0, out = 0;
        int nIn = 0, nOut = 0;
        for (int i = 0; i < full.truth().length; i++) {
            float v = full.table().rows()[i][at];
            if (full.truth()[i] >= 1) {
                in += v;
                nIn++;
            } else if (full.truth()[i] == 0) {
                out += v;
                nOut++;
            }
        }
        assertTrue(nIn > 0 && nOut > 0);
        assertTrue(in / nIn > 0.5 && out / nOut < 0.3, "inside " + in / nIn + ", outside " + out / nOut);
    }

    @Test
    void anOldCacheEntryIsExtendedToTheFullFeatures(@TempDir Path cache) throws Exception {
        ImageCells own = new ImageCells(full.item(), full.width(), full.height(), full.gw(), full.gh(),
                LocalizationCells.ownOnly(full.table()), full.truth());
        assertFalse(LocalizationCells.hasExternals(own.table()));
        Path f = cache.resolve(LocalizationCells.key(SPLICE) + ".cells");
        LocalizationCells.write(f, own);
        assertEquals(null, LocalizationCells.cached(full.item(), models, cache, true, true), "cached only: not there yet");
        assertEquals(own.table().names(), LocalizationCells.cached(full.item(), models, cache, true, false).table().names());
        ImageCells extended = LocalizationCells.cached(full.item(), models, cache, false, true);
        assertEquals(full.table().names(), extended.table().names());
        for (int i = 0; i < full.truth().length; i++) assertArrayEquals(full.table().rows()[i], extended.table().rows()[i], 1e-6f);
        assertTrue(Files.isRegularFile(f));
        assertTrue(LocalizationCells.hasExternals(LocalizationCells.read(f, full.item()).table()), "written back");
    }
}
