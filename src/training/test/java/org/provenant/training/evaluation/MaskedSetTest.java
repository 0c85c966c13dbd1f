package org.provenant.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.training.evaluation.LabelledSet.Item;

class MaskedSetTest {
    @TempDir Path dir;

    @Test
    void realEditsRowsBecomeEditsAndOriginalsWithTheirMasks() throws Exception {
        Files.writeString(dir.resolve("SOURCES.tsv"), "file\tkind\tedit_type\tbenchmark\n"
                + "splice/a.jpg\tedit\tsplice\tCASIA v1.0\n"
                + "removal-exemplar/b.png\tedit\tremoval-exemplar\tnone (demo)\n"
                + "removal-exemplar/b.orig.png\toriginal\tremoval-exemplar\tnone (demo)\n");
        assertTrue(MaskedSet.isMasked(dir));
        List<Item> items = MaskedSet.read(dir, null);
        assertEquals(3, items.size());
        Item a = items.get(0), b = items.get(1), bo = items.get(2);
        assertEquals(MaskedSet.EDITED, a.label());
        assertEquals("CASIA v1.0", a.source());
        assertEquals("splice", MaskedSet.editType(a));
        assertEquals(dir.resolve("splice/a.mask.png"), MaskedSet.mask(a));
        assertEquals(LabelledSet.REAL, bo.label());
        assertEquals(MaskedSet.ORIGINAL, MaskedSet.kind(bo));
        assertEquals(b.parent(), bo.parent());   // an edit and its original share their id
        assertNull(MaskedSet.mask(bo));
    }

    @Test
    void syntheticIndexGivesEachEditItsOriginalAndSelectsAPart() throws Exception {
        Files.writeString(dir.resolve("index.tsv"), "path\tmask\toriginal\tid\tsplit\tedit_type\tsubtype\thost_key\n"
                + "training/splice/training-00001.jpg\tm\ttraining/splice/training-00001.orig.jpg\ttraining-00001\ttraining\tsplice\t\towner/repo\n"
                + "heldout/inpainting/heldout-00002.png\tm\theldout/inpainting/heldout-00002.orig.png\theldout-00002\theldout\tinpainting\ttaef2\tade20k\n");
        assertTrue(MaskedSet.isMasked(dir.resolve("index.tsv")));
        List<Item> held = MaskedSet.read(dir, "heldout");
        assertEquals(2, held.size());
        assertEquals("inpainting:taef2", MaskedSet.editType(held.get(0)));
        assertEquals("ade20k", held.get(1).source());
        assertEquals(MaskedSet.ORIGINAL, MaskedSet.kind(held.get(1)));
        assertEquals(4, MaskedSet.read(dir, "all").size());
    }

    @Test
    void foldsFollowTheRecipesSha1Rule() {
        // python: int(hashlib.sha1(key.encode()).hexdigest()[8:16], 16) % 2
        assertEquals(0, MaskedSet.fold("alicevision/dataset_monstree"));
        assertEquals(1, MaskedSet.fold("ade20k"));
        assertEquals(0, MaskedSet.fold("bsd100"));
        assertEquals(1, MaskedSet.fold("drewnoakes/metadata-extractor-images"));
        assertFalse(MaskedSet.isMasked(dir));
    }
}
