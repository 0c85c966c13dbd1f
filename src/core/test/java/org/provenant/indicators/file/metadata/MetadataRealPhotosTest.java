package org.provenant.indicators.file.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.jpeg.jpegstructure.JpegFixtures;

/**
 * The metadata indicator on the real photos of shared/datasets/gen-vs-real/real (174, JPEG and PNG) and
 * real-camera (373 camera JPEGs): how many lean away from camera original (the bar is 5 %; a generator trace on a
 * real photo would be a false alarm), how many name an editor, and the thumbnail differences; and how many generated
 * images of both generated sets carry a trace. Both counts are the ones the trace's likelihood ratio
 * ({@link MetadataIndicator#TRACE_LR}) is computed from. Skipped without shared/.
 */
class MetadataRealPhotosTest {
    @Test
    void realPhotosCarryNoGeneratorTrace() throws Exception {
        Path shared = JpegFixtures.shared();
        assumeTrue(shared != null && Files.isDirectory(shared.resolve("datasets/gen-vs-real/real")), "shared/ data absent");
        int[] real = new int[5];
        for (String set : List.of("datasets/gen-vs-real/real", "datasets/real-camera/photos")) {
            assumeTrue(Files.isDirectory(shared.resolve(set)), set + " absent");
            int[] c = count(shared.resolve(set));
            for (int i = 0; i < 4; i++) real[i] += c[i];
            real[4] = Math.max(real[4], c[4]);
        }
        System.out.printf(Locale.ROOT, "metadata on %d real photos: %d leaned away from camera original, %d name an editor, "
                + "%d thumbnails compared (largest difference %.3f)%n", real[0], real[1], real[2], real[3], real[4] / 1000.0);
        assertEquals(MetadataIndicator.MEASURED_PHOTOS, real[0]);
        assertEquals(MetadataIndicator.MEASURED_FALSE_TRACES, real[1]);
        int[] gen = new int[2];
        for (String set : List.of("datasets/gen-vs-real/generated", "datasets/gen-vs-real-2/generated")) {
            assumeTrue(Files.isDirectory(shared.resolve(set)), set + " absent");
            int[] c = count(shared.resolve(set));
            System.out.printf(Locale.ROOT, "metadata on %d generated images of %s: %d carry a generator trace%n", c[0], set, c[1]);
            gen[0] += c[0];
            gen[1] += c[1];
        }
        // the counts behind the trace's likelihood ratio
        assertEquals(MetadataIndicator.MEASURED_GENERATED, gen[0]);
        assertEquals(MetadataIndicator.MEASURED_GENERATED_TRACES, gen[1]);
    }

    /** {files, leaning away from camera original, naming an editor, thumbnails compared, largest difference x1000}. */
    private static int[] count(Path dir) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png|webp|tiff?)$")).sorted().toList();
        }
        int[] c = new int[5];
        for (Path p : files) {
            IndicatorResult r = MetadataIndicatorTest.run(Files.readAllBytes(p));
            c[0]++;
            if (r.supports() != Hypothesis.INCONCLUSIVE && r.supports() != Hypothesis.CAMERA_ORIGINAL) c[1]++;
            if (r.score("editing_software").value() > 0) c[2]++;
            double t = r.score("thumbnail_difference").value();
            if (!Double.isNaN(t)) {
                c[3]++;
                c[4] = Math.max(c[4], (int) Math.round(1000 * t));
            }
        }
        return c;
    }
}
