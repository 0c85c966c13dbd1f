package org.provenant.analysis.casefolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.ReportJsonReader;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.OutputGuard;

/**
 * The case folder's {@link ResultStore}: {@code results/SHA256.json} (the stored tree) and
 * {@code results/SHA256.maps.gz} (its {@link StoredMaps}), plus {@code thumbs/SHA256.jpg}. An analysis made with
 * examiner's parameters that differ from the defaults (the tree's {@code parameters}) is kept beside it as
 * {@code results/SHA256.KEY.json} and {@code .maps.gz}, KEY its stored-results key: a re-run with other settings
 * never replaces the analysis with the defaults, and each is found again under its own key. Both result files are
 * written atomically ({@link OutputGuard#writeAtomically}), maps first, with the maps' SHA-256 in the JSON: a kill
 * leaves either the old pair, or new maps with the old JSON (which then fails the map check and is recomputed),
 * never half a file.
 */
public final class ResultFiles implements ResultStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path dir;
    private final Path thumbs;
    private final Map<String, Object> locks = new HashMap<>();

    ResultFiles(Path dir, Path thumbs) {
        this.dir = dir;
        this.thumbs = thumbs;
    }

    public Path dir() { return dir; }

    public Path jsonFile(String sha256) {
        return jsonFile(sha256, null);
    }

    public Path mapsFile(String sha256) {
        return mapsFile(sha256, null);
    }

    /** The stored tree of the analysis under a key made with examiner's parameters; null: the defaults' file. */
    public Path jsonFile(String sha256, String parametersKey) {
        return dir.resolve(stem(sha256, parametersKey) + ".json");
    }

    public Path mapsFile(String sha256, String parametersKey) {
        return dir.resolve(stem(sha256, parametersKey) + ".maps.gz");
    }

    private static String stem(String sha256, String parametersKey) {
        String s = sha256.toLowerCase(Locale.ROOT);
        return parametersKey == null ? s : s + "." + parametersKey.replaceAll("[^0-9A-Za-z]", "");
    }

    /** A thumbnail's place (JPEG, at most 256 px). */
    public Path thumbnail(String sha256) {
        return thumbs.resolve(sha256.toLowerCase(Locale.ROOT) + ".jpg");
    }

    @Override
    public Optional<Stored> load(String sha256, String key) {
        synchronized (lock(sha256)) {
            Optional<Stored> own = load(sha256, key, key);
            return own.isPresent() ? own : load(sha256, key, null);
        }
    }

    private Optional<Stored> load(String sha256, String key, String parametersKey) {
        Path j = jsonFile(sha256, parametersKey);
        if (!Files.isRegularFile(j)) return Optional.empty();
        try {
            JsonNode root = MAPPER.readTree(j.toFile());
            if (!(root instanceof ObjectNode obj) || !key.equals(root.path("stored").path("modelSet").asText())
                    || !sha256.equalsIgnoreCase(root.path("image").path("sha256").asText())) {
                return Optional.empty();
            }
            byte[] maps = Files.readAllBytes(mapsFile(sha256, parametersKey));
            if (!ImageLoader.sha256(maps).equals(root.path("stored").path("mapsSha256").asText())) return Optional.empty();
            AnalysisReport rep = ReportJsonReader.read(root, StoredMaps.decode(maps));
            return Optional.of(new Stored(obj, rep, key));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void save(String sha256, ObjectNode json, AnalysisReport report) throws IOException {
        byte[] maps = StoredMaps.encode(report);
        ObjectNode root = json.deepCopy();
        ObjectNode stored = root.get("stored") instanceof ObjectNode st ? st : root.putObject("stored");
        stored.put("mapsSha256", ImageLoader.sha256(maps));
        String parametersKey = report.parameters().isEmpty() ? null : stored.path("modelSet").asText("");
        synchronized (lock(sha256)) {
            OutputGuard.writeAtomically(mapsFile(sha256, parametersKey), o -> o.write(maps));
            OutputGuard.writeAtomically(jsonFile(sha256, parametersKey), o -> MAPPER.writerWithDefaultPrettyPrinter().writeValue(o, root));
        }
    }

    private synchronized Object lock(String sha) {
        return locks.computeIfAbsent(sha.toLowerCase(Locale.ROOT), k -> new Object());
    }
}
