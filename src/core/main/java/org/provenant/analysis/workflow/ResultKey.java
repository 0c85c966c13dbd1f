package org.provenant.analysis.workflow;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.provenant.analysis.ReportJson;
import org.provenant.analysis.ToolVersion;
import org.provenant.core.io.ImageLoader;
import org.provenant.indicators.IndicatorParameters;
import org.provenant.ml.ModelRegistry;

/**
 * The one place where the key of stored results is computed (stored as {@code modelSet}): an analysis is reused
 * only under the same key. What results depend on goes in here, and only here: the tool version
 * ({@link ToolVersion}), the code's own SHA-256 ({@link CodeIdentity}: a development build does not change its
 * version with its code), the JSON form's version, every model's name and the SHA-256 of its file as it is on
 * disk ({@link ModelRegistry#fileHashes()}), and the examiner's indicator parameters (e.g. {@code ela.quality}) that
 * differ from their declared defaults, sorted: with the defaults the key is the key of no parameters, so results
 * stored before parameters were declared still match. The choice of indicators is not part of it: outcomes are stored one per indicator and an indicator's
 * result does not depend on which others were chosen (one that needs another's result computes it), so a batch
 * run with {@code --only} leaves results the next run completes.
 */
public final class ResultKey {
    private ResultKey() { }

    /** The key with the default settings (no examiner's parameters). */
    public static String of(ModelRegistry models) {
        return of(models, Map.of());
    }

    /** First 16 hex digits of a SHA-256 over what results depend on (see the class comment). */
    public static String of(ModelRegistry models, Map<String, String> parameters) {
        StringBuilder s = new StringBuilder(ToolVersion.current()).append('\n');
        s.append("code ").append(CodeIdentity.current()).append('\n');
        s.append("json ").append(ReportJson.FORMAT_VERSION).append('\n');
        modelHashes(models).forEach((k, v) -> s.append(k).append('=').append(v.toLowerCase(Locale.ROOT)).append('\n'));
        new TreeMap<>(IndicatorParameters.nonDefault(parameters))
                .forEach((k, v) -> s.append("parameter ").append(k).append('=').append(v).append('\n'));
        return ImageLoader.sha256(s.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /** Model name to the SHA-256 of its file on disk (the manifest's value is checked again when it is loaded). */
    public static Map<String, String> modelHashes(ModelRegistry models) {
        return new TreeMap<>(models.fileHashes());
    }
}
