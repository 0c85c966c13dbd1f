package org.provenant.indicators.jpeg;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.Evidence;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.jpeg.jpegstructure.JpegFixtures;
import org.provenant.indicators.jpeg.lattice.LatticeRegion;
import org.provenant.indicators.jpeg.pasted.PastedRegion;

/**
 * False alarms of the two pasted-region verdicts on real photos saved again as an examiner receives them: every photo
 * of shared/datasets/gen-vs-real/real (web copies of camera photos, JPEG and PNG), decoded and saved once more (a) as a
 * JPEG at a quality drawn from 70-95 (seeded by the file name): a JPEG photo is then compressed twice with nothing
 * pasted, the double-JPEG indicator's case; (b) as a PNG: a JPEG photo then keeps its JPEG trace in the pixels with
 * nothing pasted, the lossless-file indicator's case. Skipped without shared/.
 */
class RegionVerdictsRealPhotosTest {
    /**
     * Measured (docs/pixel-toolbox.md, "Pasted region"): 0 of the 174 re-saved as JPEG; 1 saved as PNG since session 16
     * reads 35 frequencies (0 with 20).
     */
    static final int MEASURED_JPEG = 0, MEASURED_PNG = 1;

    static IndicatorResult run(Indicator indicator, byte[] file, String name) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(file));
        return indicator.analyze(FloatImage.fromBufferedImage(img),
                IndicatorContext.of(null).withEvidence(Evidence.ofBytes(Path.of(name), file)));
    }

    /** A score's value; 0 where the result has no such score (no trace to read). */
    static double value(IndicatorResult r, String key) {
        return r.scores().stream().filter(s -> s.key().equals(key)).mapToDouble(s -> s.value()).findFirst().orElse(0);
    }

    @Test
    void reSavedRealPhotosRarelyShowAPastedRegion() throws Exception {
        Path shared = JpegFixtures.shared();
        assumeTrue(shared != null && Files.isDirectory(shared.resolve("datasets/gen-vs-real/real")), "shared/ data absent");
        List<Path> files;
        try (Stream<Path> s = Files.list(shared.resolve("datasets/gen-vs-real/real"))) {
            files = s.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$")).sorted().toList();
        }
        int measured = 0, jpegTrace = 0, pngTrace = 0, jpegLeaned = 0, pngLeaned = 0;
        List<String> hits = new ArrayList<>();
        for (Path p : files) {
            BufferedImage img = ImageIO.read(p.toFile());
            if (img == null) continue;
            BufferedImage rgb = JpegFixtures.rgb(img);
            measured++;
            int q = 70 + new SplittableRandom(p.getFileName().toString().hashCode()).nextInt(26);
            IndicatorResult j = run(new PastedRegion(), JpegFixtures.jpeg(rgb, q), "resaved.jpg");
            if (value(j, "dq_statistic") >= PastedRegion.MIN_STATISTIC) jpegTrace++;
            if (j.supports() == Hypothesis.MANIPULATED) {
                jpegLeaned++;
                hits.add(String.format(Locale.ROOT, "%s as JPEG q%d: %.0f blocks", p.getFileName(), q, j.headline().value()));
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(rgb, "png", png);
            IndicatorResult l = run(new LatticeRegion(), png.toByteArray(), "resaved.png");
            if (value(l, "lattice_frequencies") >= LatticeRegion.MIN_FREQUENCIES) pngTrace++;
            if (l.supports() == Hypothesis.MANIPULATED) {
                pngLeaned++;
                hits.add(String.format(Locale.ROOT, "%s as PNG: %.0f blocks", p.getFileName(), l.headline().value()));
            }
        }
        System.out.printf(Locale.ROOT, "pasted-region verdicts on %d real photos: re-saved as JPEG q70-95, %d with a first"
                + " compression to read, %d leaning \"manipulated\"; saved as PNG, %d with an earlier JPEG's steps, %d leaning%n",
                measured, jpegTrace, jpegLeaned, pngTrace, pngLeaned);
        hits.forEach(h -> System.out.println("  " + h));
        assertTrue(measured >= 150, "too few real photos read: " + measured);
        assertTrue(jpegTrace >= 50 && pngTrace >= 50, "too few re-saves show a trace: " + jpegTrace + ", " + pngTrace);
        assertTrue(jpegLeaned <= MEASURED_JPEG + 1, jpegLeaned + " of " + measured + " JPEG re-saves leaned \"manipulated\"");
        assertTrue(pngLeaned <= MEASURED_PNG + 1, pngLeaned + " of " + measured + " PNG copies leaned \"manipulated\"");
    }
}
