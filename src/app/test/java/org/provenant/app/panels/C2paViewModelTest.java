package org.provenant.app.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.Evidence;
import org.provenant.indicators.Detail;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.file.c2pa.ContentCredentials;

/** The Content Credentials panel's state, driven without a toolkit. */
class C2paViewModelTest {
    static IndicatorResult result(String fixture) throws Exception {
        byte[] b;
        try (var in = C2paViewModelTest.class.getResourceAsStream("/c2pa/" + fixture)) {
            b = in.readAllBytes();
        }
        FloatImage img = new FloatImage(4, 4, new float[][]{new float[16], new float[16], new float[16]});
        return new ContentCredentials().analyze(img, IndicatorContext.of(null).withEvidence(Evidence.ofBytes(Path.of(fixture), b)));
    }

    @Test
    void validTamperedAndMissingCredentialsGiveTheirBanners() throws Exception {
        C2paViewModel vm = new C2paViewModel();
        vm.show(result("CA.jpg"));
        assertEquals(Detail.Tone.GOOD, vm.bannerToneProperty().get());
        assertTrue(vm.bannerProperty().get().contains("signer not checked against a trust list"));
        vm.show(result("XCA.jpg"));
        assertEquals(Detail.Tone.BAD, vm.bannerToneProperty().get());
        assertTrue(vm.bannerProperty().get().contains("INVALID"));
        assertTrue(vm.countsProperty().get().contains("1 failed"), vm.countsProperty().get());
        vm.show(result("no_manifest.jpg"));
        assertEquals(Detail.Tone.NOTE, vm.bannerToneProperty().get());
        assertTrue(vm.bannerProperty().get().contains("no evidence either way"));
    }

    @Test
    void problemsOnlyKeepsFailuresAndNotesWithTheirBranches() throws Exception {
        C2paViewModel vm = new C2paViewModel();
        vm.show(result("XCA.jpg"));
        int all = vm.treeProperty().get().stream().mapToInt(d -> d.flatten().size()).sum();
        vm.problemsOnlyProperty().set(true);
        int problems = vm.treeProperty().get().stream().mapToInt(d -> d.flatten().size()).sum();
        assertTrue(problems < all, problems + " of " + all);
        boolean mismatch = false;
        for (Detail d : vm.treeProperty().get()) {
            for (Detail.Row row : d.flatten()) {
                Detail x = row.detail();
                if (x.children().isEmpty()) assertTrue(x.tone() == Detail.Tone.BAD || x.tone() == Detail.Tone.NOTE, x.toString());
                mismatch |= x.label().equals("assertion.dataHash.mismatch");
            }
        }
        assertTrue(mismatch);
        vm.problemsOnlyProperty().set(false);
        assertEquals(all, vm.treeProperty().get().stream().mapToInt(d -> d.flatten().size()).sum());
    }
}
