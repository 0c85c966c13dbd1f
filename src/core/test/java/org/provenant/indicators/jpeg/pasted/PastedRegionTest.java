package org.provenant.indicators.jpeg.pasted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.Evidence;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.jpeg.jpegstructure.JpegFixtures;

class PastedRegionTest {
    private static final BufferedImage COFFEE = JpegFixtures.sample("coffee.png");
    private static final BufferedImage CHELSEA = JpegFixtures.sample("chelsea.png");
    /** The pasted rectangle: x, y, width, height (off the 8x8 grid). */
    private static final int X = 61, Y = 83, W = 160, H = 120;

    static IndicatorResult run(byte[] file) throws Exception {
        BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(file));
        return new PastedRegion().analyze(FloatImage.fromBufferedImage(img),
                IndicatorContext.of(null).withEvidence(Evidence.ofBytes(Path.of("test.jpg"), file)));
    }

    @Test
    void aRegionPastedBetweenTwoSavesIsOutlinedAndLeans() throws Exception {
        for (BufferedImage photo : new BufferedImage[]{COFFEE, CHELSEA}) {
            BufferedImage first = JpegFixtures.decode(JpegFixtures.jpeg(photo, 70));
            // the donor: the same place of the picture before any compression, as a splice from an uncompressed source
            IndicatorResult r = run(JpegFixtures.jpeg(JpegFixtures.paste(first, photo, X, Y, W, H), 90));
            double[] c = JpegFixtures.coverage(r, X, Y, W, H);
            System.out.printf("pasted region: %.0f blocks, covers %.2f of the paste, %.2f of it outside%n",
                    r.headline().value(), c[0], c[1]);
            assertEquals(Hypothesis.MANIPULATED, r.supports(), r.explanation());
            assertTrue(c[0] >= 0.8, "paste covered " + c[0]);
            assertTrue(c[1] <= 0.15, "outline outside the paste " + c[1]);
        }
    }

    @Test
    void aPictureSavedTwiceWithoutAnEditDoesNotLean() throws Exception {
        for (BufferedImage photo : new BufferedImage[]{COFFEE, CHELSEA}) {
            IndicatorResult r = run(JpegFixtures.jpeg(JpegFixtures.decode(JpegFixtures.jpeg(photo, 70)), 90));
            assertTrue(r.score("dq_statistic").value() >= PastedRegion.MIN_STATISTIC, "the first compression shows");
            assertTrue(r.headline().value() < PastedRegion.THRESHOLD, "region " + r.headline().value());
            assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
        }
    }

    @Test
    void aSingleSaveHasNoTraceToLackAndSaysSo() throws Exception {
        // pasted, then saved once: nothing tells the region apart, and the indicator does not pretend otherwise
        IndicatorResult r = run(JpegFixtures.jpeg(JpegFixtures.paste(COFFEE, CHELSEA, X, Y, W, H), 90));
        assertTrue(r.score("dq_statistic").value() < PastedRegion.MIN_STATISTIC);
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
        assertTrue(r.finding().phrase().contains("little trace"), r.finding().phrase());
    }

    @Test
    void aPngIsNotAJpeg() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(COFFEE, "png", png);
        IndicatorResult r = run(png.toByteArray());
        assertTrue(Double.isNaN(r.headline().value()));
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
        assertEquals("not a JPEG", r.finding().phrase());
        assertTrue(r.maps().isEmpty());
    }
}
