package org.provenant.indicators.verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.calibration.VerdictCalibration;

/** A models folder in a temporary directory holding only the given verdict calibrations (for tests). */
public final class TestCalibrations {
    private TestCalibrations() { }

    /** A calibration whose verdict is supported, with ln LR = slope * score + intercept. */
    public static VerdictCalibration supported(String indicator, String score, String hypothesis, String lrKey,
                                               double slope, double intercept, double verdictLr, double cameraLr) {
        return new VerdictCalibration(indicator, score, hypothesis, lrKey, slope, intercept, verdictLr, cameraLr, true,
                0.9, 0.5, 0.02, 0.6, 0.02, 100, 100, "test", "");
    }

    public static ModelRegistry registry(Path dir, VerdictCalibration... cals) throws IOException, ModelException {
        Files.createDirectories(dir.resolve("calibration"));
        StringBuilder m = new StringBuilder("{\"models\":[");
        for (int i = 0; i < cals.length; i++) {
            String file = "calibration/" + cals[i].indicator() + ".json";
            cals[i].write(dir.resolve(file));
            if (i > 0) m.append(',');
            m.append(String.format(Locale.ROOT, "{\"name\":\"%s\",\"file\":\"%s\",\"sha256\":\"%s\",\"kind\":\"%s\"}",
                    CalibratedVerdict.modelName(cals[i].indicator()), file, ModelRegistry.sha256(dir.resolve(file)),
                    CalibratedVerdict.KIND));
        }
        Files.writeString(dir.resolve(ModelRegistry.MANIFEST), m.append("]}").toString());
        return ModelRegistry.load(dir);
    }
}
