package org.provenant.indicators.jpeg.lattice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
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

class LatticeRegionTest {
    private static final BufferedImage COFFEE = JpegFixtures.sample("coffee.png");
    private static final BufferedImage CHELSEA = JpegFixtures.sample("chelsea.png");
    /** The pasted rectangle: x, y, width, height (off the 8x8 grid). */
    private static final int X = 61, Y = 83, W = 160, H = 120;

    static byte[] png(BufferedImage img) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static IndicatorResult run(byte[] file, String name) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(file));
        return new LatticeRegion().analyze(FloatImage.fromBufferedImage(img),
                IndicatorContext.of(null).withEvidence(Evidence.ofBytes(Path.of(name), file)));
    }

    @Test
    void aRegionPastedIntoADecodedJpegSavedAsPngIsOutlinedAndLeans() throws Exception {
        for (BufferedImage photo : new BufferedImage[]{COFFEE, CHELSEA}) {
            BufferedImage decoded = JpegFixtures.decode(JpegFixtures.jpeg(photo, 75));
            // the donor: the same place before any compression, as an inpainting tool's output or a splice would be
            IndicatorResult r = run(png(JpegFixtures.paste(decoded, photo, X, Y, W, H)), "edited.png");
            double[] c = JpegFixtures.coverage(r, X, Y, W, H);
            System.out.printf("lattice region: %.0f blocks, %d frequencies, covers %.2f of the paste, %.2f of it outside%n",
                    r.headline().value(), (int) r.score("lattice_frequencies").value(), c[0], c[1]);
            assertEquals(Hypothesis.MANIPULATED, r.supports(), r.explanation());
            assertEquals(6, r.score("first_step").value(), "IJG quality 75's step at the first AC frequency");
            assertTrue(c[0] >= 0.8, "paste covered " + c[0]);
            assertTrue(c[1] <= 0.15, "outline outside the paste " + c[1]);
        }
    }

    /**
     * A quality-92 JPEG cropped by (3, 5) pixels after decoding: its grid lies at x+5, y+3, where the faint blockiness of
     * a high quality does not reliably point; the phase is found by the steps themselves, and the paste is outlined.
     */
    @Test
    void theEarlierGridIsFoundByItsStepsInACroppedHighQualityJpeg() throws Exception {
        for (BufferedImage photo : new BufferedImage[]{COFFEE, CHELSEA}) {
            BufferedImage d = JpegFixtures.decode(JpegFixtures.jpeg(photo, 92));
            BufferedImage cropped = JpegFixtures.rgb(d.getSubimage(3, 5, d.getWidth() - 3, d.getHeight() - 5));
            FloatImage f = FloatImage.fromBufferedImage(cropped);
            for (int[] wrong : new int[][]{{0, 0}, {1, 4}}) {
                int[] phase = BlockLattice.phase(BlockLattice.luma(f), f.width(), f.height(), wrong[0], wrong[1]);
                assertEquals(5, phase[0], "grid x from (" + wrong[0] + ", " + wrong[1] + ")");
                assertEquals(3, phase[1], "grid y");
            }
            BufferedImage source = JpegFixtures.rgb(photo.getSubimage(3, 5, photo.getWidth() - 3, photo.getHeight() - 5));
            IndicatorResult r = run(png(JpegFixtures.paste(cropped, source, X, Y, W, H)), "cropped-edit.png");
            double[] c = JpegFixtures.coverage(r, X, Y, W, H);
            assertEquals(Hypothesis.MANIPULATED, r.supports(), r.explanation());
            assertTrue(r.explanation().contains("grid at x+5, y+3"), r.explanation());
            assertTrue(c[0] >= 0.8, "paste covered " + c[0]);
            assertTrue(c[1] <= 0.15, "outline outside the paste " + c[1]);
        }
    }

    @Test
    void aDecodedJpegSavedAsPngWithoutAnEditDoesNotLean() throws Exception {
        for (BufferedImage photo : new BufferedImage[]{COFFEE, CHELSEA}) {
            IndicatorResult r = run(png(JpegFixtures.decode(JpegFixtures.jpeg(photo, 75))), "converted.png");
            assertTrue(r.score("lattice_frequencies").value() >= LatticeRegion.MIN_FREQUENCIES, "the trace shows");
            assertTrue(r.headline().value() < LatticeRegion.THRESHOLD, "region " + r.headline().value());
            assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
        }
    }

    @Test
    void aPictureThatWasNeverAJpegHasNoTraceAndSaysSo() throws Exception {
        IndicatorResult r = run(png(JpegFixtures.paste(COFFEE, CHELSEA, X, Y, W, H)), "never-jpeg.png");
        assertTrue(Double.isNaN(r.headline().value()));
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
        assertEquals("no earlier JPEG compression shows in the pixels", r.finding().phrase());
    }

    @Test
    void aJpegFileIsLeftToTheDoubleJpegIndicator() throws Exception {
        IndicatorResult r = run(JpegFixtures.jpeg(COFFEE, 90), "photo.jpg");
        assertTrue(Double.isNaN(r.headline().value()));
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
        assertTrue(r.finding().phrase().startsWith("a JPEG file"), r.finding().phrase());
        assertTrue(r.maps().isEmpty());
    }
}
