package org.provenant.indicators.jpeg.jpegstructure;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorResult;

/**
 * False alarms of the double-compression report on real photos: every JPEG in shared/datasets/gen-vs-real/real
 * (web copies of camera photos: COCO, ImageNet, Flickr, ADE20K...; many were re-saved by their publishers, so a
 * report there may be true). Prints the figure; the bar is the project's 5 %. Skipped without shared/.
 */
class DoubleJpegRealPhotosTest {
    @Test
    void realPhotosRarelyReportDoubleCompression() throws Exception {
        Path shared = JpegFixtures.shared();
        assumeTrue(shared != null && Files.isDirectory(shared.resolve("datasets/gen-vs-real/real")), "shared/ data absent");
        List<Path> files;
        try (Stream<Path> s = Files.list(shared.resolve("datasets/gen-vs-real/real"))) {
            files = s.filter(p -> p.toString().matches("(?i).*\\.jpe?g$")).sorted().toList();
        }
        int above = 0, measured = 0, leaned = 0;
        List<String> hits = new ArrayList<>();
        for (Path p : files) {
            IndicatorResult r = JpegFixtures.run(Files.readAllBytes(p));
            double v = r.headline().value();
            if (Double.isNaN(v)) continue;
            measured++;
            if (v > JpegStructure.DQ_THRESHOLD) {
                above++;
                hits.add(String.format(Locale.ROOT, "%s %.3f", p.getFileName(), v));
            }
            if (r.supports() != Hypothesis.INCONCLUSIVE && r.supports() != Hypothesis.CAMERA_ORIGINAL) leaned++;
        }
        System.out.printf(Locale.ROOT, "jpeg-structure on %d real JPEGs: %d above %.2f (%.1f %%), %d leaned away from camera original%n",
                measured, above, JpegStructure.DQ_THRESHOLD, 100.0 * above / measured, leaned);
        hits.forEach(h -> System.out.println("  " + h));
        assertTrue(measured >= 50, "too few real JPEGs decoded: " + measured);
        assertTrue(leaned <= 0.05 * measured, leaned + " of " + measured + " real photos leaned away from camera original");
    }
}
