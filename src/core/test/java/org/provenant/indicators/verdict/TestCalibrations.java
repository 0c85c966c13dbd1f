package org.provenant.indicators.verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
                    Calibrations.calibrationModel(cals[i].indicator()), file, ModelRegistry.sha256(dir.resolve(file)),
                    Calibrations.CALIBRATION_KIND));
        }
        Files.writeString(dir.resolve(ModelRegistry.MANIFEST), m.append("]}").toString());
        return ModelRegistry.load(dir);
    }

    /** A models folder whose manifest holds one entry with the given properties (and a file it names). */
    public static ModelRegistry entry(Path dir, String name, String kind, Map<String, String> properties)
            throws IOException, ModelException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, "{}");
        ObjectMapper om = new ObjectMapper();
        ObjectNode e = om.createObjectNode().put("name", name).put("file", name + ".json")
                .put("sha256", ModelRegistry.sha256(file)).put("kind", kind);
        ObjectNode props = e.putObject("properties");
        properties.forEach(props::put);
        ObjectNode root = om.createObjectNode();
        root.putArray("models").add(e);
        om.writeValue(dir.resolve(ModelRegistry.MANIFEST).toFile(), root);
        return ModelRegistry.load(dir);
    }
}
