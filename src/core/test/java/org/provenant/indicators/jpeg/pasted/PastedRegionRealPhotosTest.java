package org.provenant.indicators.jpeg.pasted;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.jpeg.jpegstructure.JpegFixtures;

/**
 * False alarms of the pasted-region verdict on real photos re-saved as JPEG, as an examiner receives them: every
 * photo of shared/datasets/gen-vs-real/real (web copies of camera photos, JPEG and PNG), decoded and saved once more
 * at a quality drawn from 70-95 (seeded by the file name). A JPEG photo re-saved so is compressed twice with nothing
 * pasted: the case the verdict must not accuse. Skipped without shared/.
 */
class PastedRegionRealPhotosTest {
    /** Measured when the verdict was added: 0 of the 174 (docs/pixel-toolbox.md, "Pasted region"). */
    static final int MEASURED = 0;

    @Test
    void reSavedRealPhotosRarelyShowAPastedRegion() throws Exception {
        Path shared = JpegFixtures.shared();
        assumeTrue(shared != null && Files.isDirectory(shared.resolve("datasets/gen-vs-real/real")), "shared/ data absent");
        List<Path> files;
        try (Stream<Path> s = Files.list(shared.resolve("datasets/gen-vs-real/real"))) {
            files = s.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$")).sorted().toList();
        }
        int measured = 0, leaned = 0, examined = 0;
        List<String> hits = new ArrayList<>();
        for (Path p : files) {
            BufferedImage img = ImageIO.read(p.toFile());
            if (img == null) continue;
            BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(img, 0, 0, null);
            int q = 70 + new SplittableRandom(p.getFileName().toString().hashCode()).nextInt(26);
            IndicatorResult r = PastedRegionTest.run(JpegFixtures.jpeg(rgb, q));
            measured++;
            if (r.score("dq_statistic") != null && r.score("dq_statistic").value() >= PastedRegion.MIN_STATISTIC) examined++;
            if (r.supports() == Hypothesis.MANIPULATED) {
                leaned++;
                hits.add(String.format(Locale.ROOT, "%s q%d %.0f blocks", p.getFileName(), q, r.headline().value()));
            }
        }
        System.out.printf(Locale.ROOT, "jpeg-pasted-region on %d real photos re-saved at q70-95: %d with a first compression"
                + " to read, %d leaning \"manipulated\"%n", measured, examined, leaned);
        hits.forEach(h -> System.out.println("  " + h));
        assertTrue(measured >= 150, "too few real photos read: " + measured);
        assertTrue(examined >= 50, "too few re-saves show the first compression: " + examined);
        assertTrue(leaned <= MEASURED + 1, leaned + " of " + measured + " re-saved real photos leaned \"manipulated\"");
    }
}
