package org.provenant.indicators.pixel.pixelkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.jpeg.JpegModel;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.ProgressSink;
import org.provenant.indicators.SharedWork;
import org.provenant.indicators.pixel.copymove.CopyMove;
import org.provenant.indicators.pixel.ela.ErrorLevelAnalysis;
import org.provenant.indicators.jpeg.ghosts.JpegGhosts;
import org.provenant.indicators.features.Regions;
import org.provenant.indicators.pixel.noise.NoiseMap;

/**
 * The four pixel indicators on real photos edited in the test (assets/samples, public domain / CC0): each map must
 * find the edit (hit rate or IoU against the known mask) and stay quiet on the untouched original.
 */
class PixelIndicatorsTest {
    static FloatImage coffee, astronaut, chelsea;
    static final IndicatorContext CTX = IndicatorContext.of(null);

    @BeforeAll
    static void load() {
        coffee = Edits.sample("coffee.png");
        astronaut = Edits.sample("astronaut.png");
        chelsea = Edits.sample("chelsea.png");
    }

    /** The blocks the indicator's main map marks as departing, as an image mask (the same rule the explanation uses). */
    static boolean[] departing(String id, IndicatorResult r, int w, int h) {
        MapLayer m = switch (id) {
            case ErrorLevelAnalysis.ID, NoiseMap.ID -> r.maps().get(2);   // the departing groups of blocks
            default -> r.maps().get(0);
        };
        float[] v = m.map().data().clone();
        double ref = id.equals(JpegGhosts.ID) ? r.score("dominant_first_quality").value() : 0;
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) continue;
            v[i] = id.equals(JpegGhosts.ID) ? (Math.abs(v[i] - ref) >= JpegGhosts.DEPARTURE ? 1 : 0) : 1;
        }
        return Regions.mask(new FloatMap(m.map().width(), m.map().height(), v), 0.5, w, h);
    }

    static double share(boolean[] m) {
        int n = 0;
        for (boolean b : m) if (b) n++;
        return n / (double) m.length;
    }

    static void log(String what, IndicatorResult r, boolean[] found, boolean[] truth) {
        System.out.printf("%s %s: %s headline %.3f, hit %.2f, IoU %.2f%n", what, r.indicatorId(), r.supports(),
                r.headline().value(), truth == null ? Double.NaN : Edits.hitRate(found, truth),
                truth == null ? share(found) : Regions.iou(found, truth));
    }

    @Test
    void errorLevelFindsAPatchPastedIntoAJpegAndStaysQuietOnTheOriginal() throws Exception {
        FloatImage original = Edits.jpeg(coffee, 90);
        FloatImage edited = Edits.paste(original, astronaut, 200, 200, 240, 120, 128, 128);
        boolean[] truth = TestMasks.rect(coffee.width(), coffee.height(), 240, 120, 128, 128);
        ErrorLevelAnalysis ela = new ErrorLevelAnalysis();
        IndicatorResult e = ela.analyze(edited, CTX), o = ela.analyze(original, CTX);
        boolean[] fe = departing(ela.id(), e, coffee.width(), coffee.height());
        boolean[] fo = departing(ela.id(), o, coffee.width(), coffee.height());
        log("pasted", e, fe, truth);
        log("original", o, fo, null);
        assertTrue(Edits.hitRate(fe, truth) >= 0.5, "ELA hit rate on the pasted patch");
        assertTrue(Regions.iou(fe, truth) >= 0.4, "ELA IoU on the pasted patch");
        assertTrue(share(fo) <= 0.02, "ELA marks little of the untouched JPEG");
        assertTrue(e.headline().value() > o.headline().value(), "the pasted image departs more");
        assertNotEquals(Hypothesis.MANIPULATED, o.supports());
        assertEquals(90, e.score("ela_quality").value());
    }

    /**
     * Saturated colour (a channel at 255, as in autumn foliage or a red boat) is clipped by the JPEG decoder, which moves
     * its blocks off the quantization lattice: they change on a re-save as much as fresh content would. Such blocks carry
     * no evidence and are left out, so an untouched JPEG with a saturated, textured area does not depart there.
     */
    @Test
    void errorLevelLeavesOutBlocksTheDecoderClipped() throws Exception {
        for (FloatImage photo : new FloatImage[]{coffee, chelsea}) {
            FloatImage vivid = photo.copy();
            int x0 = 96, y0 = 64, w = 160, h = 128;
            float[] r = vivid.plane(0);
            for (int y = y0; y < y0 + h; y++) {
                for (int x = x0; x < x0 + w; x++) r[y * vivid.width() + x] = Math.min(1f, 0.6f + 2f * r[y * vivid.width() + x]);
            }
            FloatImage saved = Edits.jpeg(vivid, 90);
            IndicatorResult e = new ErrorLevelAnalysis().analyze(saved, CTX);
            boolean[] found = departing(ErrorLevelAnalysis.ID, e, saved.width(), saved.height());
            boolean[] area = TestMasks.rect(saved.width(), saved.height(), x0, y0, w, h);
            log("saturated", e, found, area);
            assertTrue(Edits.hitRate(found, area) <= 0.05, "departing blocks in the saturated area: " + Edits.hitRate(found, area));
            assertNotEquals(Hypothesis.MANIPULATED, e.supports());
        }
    }

    @Test
    void errorLevelQualityComesFromTheExaminersParameter() throws Exception {
        FloatImage img = Edits.jpeg(coffee, 75);
        IndicatorResult r = new ErrorLevelAnalysis().analyze(img, CTX.withParameters(Map.of(ErrorLevelAnalysis.QUALITY.key(), "75")));
        assertEquals(75, r.score("ela_quality").value());
        assertTrue(r.explanation().contains("quality 75"), r.explanation());
        assertTrue(r.maps().get(0).name().contains("75"));
        // at its own quality a JPEG hardly changes: the median error is far below fresh content's
        assertTrue(r.score("median_relative_error").value() < 0.5, "median " + r.score("median_relative_error").value());
        IndicatorResult clamped = new ErrorLevelAnalysis().analyze(img, CTX.withParameters(Map.of(ErrorLevelAnalysis.QUALITY.key(), "7")));
        assertEquals(50, clamped.score("ela_quality").value());
    }

    @Test
    void ghostsFindARegionSavedAtAnotherQuality() throws Exception {
        FloatImage original = Edits.jpeg(coffee, 90);
        FloatImage other = Edits.jpeg(original, 70);
        FloatImage edited = Edits.paste(original, other, 240, 120, 240, 120, 128, 128);
        boolean[] truth = TestMasks.rect(coffee.width(), coffee.height(), 240, 120, 128, 128);
        JpegGhosts g = new JpegGhosts();
        IndicatorResult e = g.analyze(edited, CTX), o = g.analyze(original, CTX);
        boolean[] fe = departing(g.id(), e, coffee.width(), coffee.height());
        boolean[] fo = departing(g.id(), o, coffee.width(), coffee.height());
        log("re-saved q70", e, fe, truth);
        log("original", o, fo, null);
        assertEquals(90, o.score("dominant_first_quality").value(), "the original's quality is found");
        assertEquals(70, e.score("region_first_quality").value(), "the region's quality is found");
        assertTrue(Regions.iou(fe, truth) >= 0.4, "ghost IoU");
        assertTrue(share(fo) <= 0.02, "ghosts mark little of the untouched JPEG");
        assertNotEquals(Hypothesis.MANIPULATED, o.supports());
        assertEquals(11, g.QUALITIES.length);
        assertFalse(e.maps().get(1).overlay(), "the sweep is a small multiple of its own");
        assertEquals(11, e.maps().get(1).markers().size());
    }

    @Test
    void ghostsFindAnUncompressedPatchInAJpeg() throws Exception {
        FloatImage original = Edits.jpeg(coffee, 80);
        FloatImage edited = Edits.paste(original, astronaut, 100, 100, 96, 64, 160, 128);
        boolean[] truth = TestMasks.rect(coffee.width(), coffee.height(), 96, 64, 160, 128);
        IndicatorResult e = new JpegGhosts().analyze(edited, CTX);
        boolean[] fe = departing(JpegGhosts.ID, e, coffee.width(), coffee.height());
        log("pasted", e, fe, truth);
        assertEquals(80, e.score("dominant_first_quality").value());
        assertTrue(Regions.iou(fe, truth) >= 0.5, "ghost IoU");
    }

    @Test
    void noiseMapFindsAPatchFromANoisierPhoto() throws Exception {
        // the patch comes from another photo taken with more sensor noise (chelsea with Gaussian noise, sigma 8 levels)
        FloatImage original = astronaut;
        FloatImage noisier = Edits.noise(chelsea, 8, 0, 0, 0, 0, 11);
        FloatImage edited = Edits.paste(original, noisier, 100, 100, 128, 96, 128, 128);
        boolean[] truth = TestMasks.rect(512, 512, 128, 96, 128, 128);
        NoiseMap n = new NoiseMap();
        IndicatorResult e = n.analyze(edited, CTX), o = n.analyze(original, CTX);
        boolean[] fe = departing(n.id(), e, 512, 512);
        boolean[] fo = departing(n.id(), o, 512, 512);
        log("pasted", e, fe, truth);
        log("original", o, fo, null);
        assertTrue(Edits.hitRate(fe, truth) >= 0.5, "noise hit rate");
        assertTrue(Regions.iou(fe, truth) >= 0.35, "noise IoU");
        assertTrue(share(fo) <= 0.05, "noise map marks little of the untouched photo");
        assertTrue(e.score("region_ratio").value() > 2, "the patch is noisier than the photo");
        assertEquals(Hypothesis.INCONCLUSIVE, e.supports(), "no verdict: its false-alarm rate is too high");
        assertFalse(e.maps().get(1).overlay(), "histogram");
    }

    @Test
    void copyMoveFindsACloneWithAndWithoutRotationAndScale() throws Exception {
        boolean[] truth = TestMasks.rect(512, 512, 330, 60, 80, 80);
        boolean[] source = TestMasks.rect(512, 512, 60, 300, 80, 80);
        CopyMove cm = new CopyMove();
        for (double[] t : new double[][]{{0, 1}, {7, 1.08}, {-4, 0.95}}) {
            FloatImage edited = Edits.cloneRegion(astronaut, 60, 300, 330, 60, 80, t[0], t[1]);
            IndicatorResult r = cm.analyze(edited, CTX);
            boolean[] f = departing(cm.id(), r, 512, 512);
            log("clone rot " + t[0] + " scale " + t[1], r, f, truth);
            assertTrue(r.headline().value() >= 1, "a cluster is found");
            assertTrue(Edits.hitRate(f, truth) >= 0.6, "copy found");
            assertTrue(Edits.hitRate(f, source) >= 0.6, "source found");
            assertTrue(Edits.falseShare(f, or(truth, source)) <= 0.4, "little marked elsewhere");
            assertEquals(2, r.maps().get(0).markers().size(), "A1 and B1");
            assertEquals(t[0], -r.score("largest_rotation_deg").value(), 2.0, "rotation recovered");
        }
        for (FloatImage plain : List.of(astronaut, coffee, chelsea)) {
            IndicatorResult r = cm.analyze(plain, CTX);
            System.out.println("untouched copy-move: largest cluster " + r.score("largest_cluster_blocks").value()
                    + " blocks, matches " + r.score("matches").value());
            assertEquals(0, r.headline().value(), "no cluster on an untouched photo");
            assertEquals(0, share(departing(cm.id(), r, plain.width(), plain.height())));
        }
    }

    /**
     * A narrow clone (a 30 x 100 strip of the coffee photo moved, as in CoMoFoD's translated copies) gives the block
     * matcher too few distinct matches for a cluster; the dense field finds it as a pair of regions.
     */
    @Test
    void denseFieldFindsANarrowCloneTheBlockClustersMiss() throws Exception {
        int w = coffee.width(), h = coffee.height();
        FloatImage edited = Edits.cloneRect(coffee, 40, 200, 250, 40, 30, 100);
        IndicatorResult r = new CopyMove().analyze(edited, CTX);
        boolean[] f = departing(CopyMove.ID, r, w, h);
        boolean[] copy = TestMasks.rect(w, h, 250, 40, 30, 100), source = TestMasks.rect(w, h, 40, 200, 30, 100);
        log("narrow clone", r, f, copy);
        assertEquals(0, r.score("largest_cluster_blocks").value(), "no block cluster");
        assertEquals(1, r.score("dense_regions").value(), "one pair of regions from the dense field");
        assertEquals(Hypothesis.MANIPULATED, r.supports());
        assertTrue(Edits.hitRate(f, copy) >= 0.6, "copy found");
        assertTrue(Edits.hitRate(f, source) >= 0.6, "source found");
        assertTrue(Edits.falseShare(f, or(copy, source)) <= 0.4, "little marked elsewhere");
        IndicatorResult plain = new CopyMove().analyze(coffee, CTX);
        assertEquals(0, plain.score("dense_regions").value(), "nothing on the untouched photo");
    }

    /**
     * A copy shrunk to 0.75 or enlarged by 1.25 no longer meets its source block for block: the ring features of a
     * fixed-size block change with the scale. SIFT keypoints are described at their own scale, so their matches still
     * agree on one move, and the keypoint cluster finds the pair (a camera JPEG of the noiseprint fixtures, 864 px).
     */
    @Test
    void keypointsFindAResizedCloneTheBlocksMiss() throws Exception {
        FloatImage camera = new ImageLoader().load(Path.of("src/core/test/resources/noiseprint/camera.jpg")).image();
        int w = camera.width(), h = camera.height();
        for (double[] t : new double[][]{{60, 500, 520, 60, 200, 0.75}, {40, 480, 500, 40, 240, 1.25}}) {
            int size = (int) t[4];
            double scale = t[5];
            FloatImage edited = Edits.cloneRegion(camera, (int) t[0], (int) t[1], (int) t[2], (int) t[3], size, 0, scale);
            IndicatorResult r = new CopyMove().analyze(edited, CTX);
            boolean[] f = departing(CopyMove.ID, r, w, h);
            boolean[] copy = TestMasks.rect(w, h, (int) t[2], (int) t[3], size, size);
            int side = (int) Math.round(size / scale);
            boolean[] source = TestMasks.rect(w, h, (int) (t[0] + size / 2.0 - side / 2.0), (int) (t[1] + size / 2.0 - side / 2.0),
                    side, side);
            log("clone scaled " + scale, r, f, copy);
            assertTrue(r.score("largest_cluster_blocks").value() < CopyMove.MIN_INLIERS, "the block clusters miss it");
            assertEquals(1, r.score("keypoint_pairs").value(), "one pair from the keypoints");
            double found = r.score("largest_keypoint_scale").value();
            assertTrue(Math.min(Math.abs(found - scale), Math.abs(found - 1 / scale)) <= 0.05, "scale recovered, either way: " + found);
            assertEquals(Hypothesis.MANIPULATED, r.supports());
            assertTrue(Edits.hitRate(f, copy) >= 0.5, "copy found");
            assertTrue(Edits.hitRate(f, source) >= 0.5, "source found");
            assertTrue(Edits.falseShare(f, or(copy, source)) <= 0.4, "little marked elsewhere");
            assertTrue(r.explanation().contains("match by their keypoints"), r.explanation());
        }
        IndicatorResult plain = new CopyMove().analyze(camera, CTX);
        assertEquals(0, plain.score("keypoint_pairs").value(), "none on the photo itself");
        assertEquals(0, plain.headline().value());
    }

    @Test
    void copyMoveSurvivesJpegAfterTheClone() throws Exception {
        FloatImage edited = Edits.jpeg(Edits.cloneRegion(astronaut, 60, 300, 330, 60, 80, 5, 1.0), 85);
        IndicatorResult r = new CopyMove().analyze(edited, CTX);
        boolean[] f = departing(CopyMove.ID, r, 512, 512);
        log("clone + JPEG 85", r, f, TestMasks.rect(512, 512, 330, 60, 80, 80));
        assertTrue(Edits.hitRate(f, TestMasks.rect(512, 512, 330, 60, 80, 80)) >= 0.5);
    }

    static boolean[] or(boolean[] a, boolean[] b) {
        boolean[] o = new boolean[a.length];
        for (int i = 0; i < a.length; i++) o[i] = a[i] || b[i];
        return o;
    }

    @Test
    void degenerateImagesAreNotEnoughTextureNeverNaNBlocks() throws Exception {
        float[][] flat = new float[3][256 * 256];
        java.util.Arrays.fill(flat[0], 0.5f);
        java.util.Arrays.fill(flat[1], 0.2f);
        java.util.Arrays.fill(flat[2], 0.7f);
        List<FloatImage> bad = List.of(FloatImage.blank(1, 1, 3), FloatImage.blank(3, 3000, 3),
                FloatImage.blank(3000, 3, 1), new FloatImage(256, 256, flat));
        for (Indicator ind : List.of(new ErrorLevelAnalysis(), new NoiseMap(), new JpegGhosts(), new CopyMove())) {
            for (FloatImage img : bad) {
                IndicatorResult r = ind.analyze(img, CTX);
                assertEquals(Hypothesis.INCONCLUSIVE, r.supports(), ind.id() + " on " + img);
                assertTrue(Double.isNaN(r.headline().value()), ind.id() + " headline undefined on " + img);
                assertTrue(r.explanation().startsWith(org.provenant.indicators.ContentCheck.PREFIX), r.explanation());
                assertTrue(r.explanation().contains("texture") || r.explanation().contains("pixels"), r.explanation());
                for (MapLayer m : r.maps()) {
                    if (m.overlay()) assertTrue(Double.isNaN(m.map().max()), ind.id() + ": no-data cells are NaN, not 0: " + m.name());
                }
            }
        }
    }

    @Test
    void elaAndGhostsShareOneJpegModelPerAnalysis() throws Exception {
        FloatImage img = Edits.jpeg(coffee, 85);
        SharedWork shared = new SharedWork(img);
        IndicatorContext ctx = new IndicatorContext(null, ProgressSink.NONE, null, Map.of(), shared);
        new ErrorLevelAnalysis().analyze(img, ctx);
        JpegModel first = PixelWork.jpeg(img, ctx);
        new JpegGhosts().analyze(img, ctx);
        assertSame(first, PixelWork.jpeg(img, ctx));
        assertSame(PixelWork.requantization(img, ctx, 0, 90), shared.compute("jpeg-requant:c0:q90", () -> null),
                "the q90 re-save of ELA is the ghosts' q90");
    }

    @Test
    void theFourAreRegisteredWithTheirFamilies() {
        List<String> ids = IndicatorRegistry.all().stream().map(Indicator::id).toList();
        assertTrue(ids.containsAll(List.of(ErrorLevelAnalysis.ID, NoiseMap.ID, JpegGhosts.ID, CopyMove.ID)), ids.toString());
        assertEquals(org.provenant.indicators.EvidenceFamily.JPEG, new JpegGhosts().family());
        assertEquals(org.provenant.indicators.EvidenceFamily.PIXEL, new CopyMove().family());
    }
}
