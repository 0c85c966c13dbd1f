package org.provenant.report.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.analysis.ReportJson;
import org.provenant.analysis.ReportJsonReader;
import org.provenant.core.image.FloatMap;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.MapLayer;
import org.provenant.ml.ModelRegistry;

/**
 * Stored analyses in the case folder, keyed by the evidence's SHA-256: {@code results/SHA256.json} (the
 * {@link ReportJson} form plus the model set it was made with) and {@code results/SHA256.maps.gz} (the map
 * values). A stored indicator result is reused only when the file's SHA-256 and the model set ({@link #modelSet}:
 * tool version, code, every model file's SHA-256, parameters) are the same; both files are written by {@link AtomicWrite}, maps first, so a
 * kill leaves either the old pair, or new maps with the old JSON (which then fails the map check and is
 * recomputed), never half a file.
 */
public final class ResultStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path dir;
    private final Path thumbs;
    private final Map<String, Object> locks = new HashMap<>();

    ResultStore(Path dir, Path thumbs) {
        this.dir = dir;
        this.thumbs = thumbs;
    }

    /** A stored analysis: its JSON tree (ReportJson form) and the report read back with its maps. */
    public record Stored(ObjectNode json, AnalysisReport report, String modelSet) {
        /** The stored outcome of an indicator that finished (DONE), if any. */
        public Optional<IndicatorOutcome> done(String indicatorId) {
            return report.outcome(indicatorId).filter(IndicatorOutcome::ok);
        }

        /** True when every one of these indicators has a DONE outcome stored. */
        public boolean covers(List<String> indicatorIds) {
            return indicatorIds.stream().allMatch(id -> done(id).isPresent());
        }
    }

    /**
     * The key stored results are reused under, with the examiner's default settings: see
     * {@link #modelSet(ModelRegistry, Map)}.
     */
    public static String modelSet(ModelRegistry models) {
        return modelSet(models, Map.of());
    }

    /**
     * The identity of what results depend on, first 16 hex digits of a SHA-256 over: the tool version, the code's
     * own SHA-256 ({@link CodeIdentity}: a development build's version does not change with its code), the JSON
     * form's version, every model's name and the SHA-256 of its file as it is on disk
     * ({@link ModelRegistry#fileHashes()}), and the examiner's indicator parameters (e.g. {@code ela.quality}),
     * sorted. The choice of indicators is not part of it: outcomes are stored one per indicator and an
     * indicator's result does not depend on which others were chosen (one that needs another's result computes
     * it), so a batch run with {@code --only} leaves results the next run completes.
     */
    public static String modelSet(ModelRegistry models, Map<String, String> parameters) {
        StringBuilder s = new StringBuilder(org.provenant.report.ReportRequest.currentToolVersion()).append('\n');
        s.append("code ").append(CodeIdentity.current()).append('\n');
        s.append("json ").append(ReportJson.FORMAT_VERSION).append('\n');
        modelHashes(models).forEach((k, v) -> s.append(k).append('=').append(v.toLowerCase(Locale.ROOT)).append('\n'));
        new TreeMap<>(parameters == null ? Map.of() : parameters)
                .forEach((k, v) -> s.append("parameter ").append(k).append('=').append(v).append('\n'));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Model name to the SHA-256 of its file on disk (the manifest's value is checked again when it is loaded). */
    public static Map<String, String> modelHashes(ModelRegistry models) {
        return new TreeMap<>(models.fileHashes());
    }

    public Path jsonFile(String sha256) {
        return dir.resolve(sha256.toLowerCase(Locale.ROOT) + ".json");
    }

    public Path mapsFile(String sha256) {
        return dir.resolve(sha256.toLowerCase(Locale.ROOT) + ".maps.gz");
    }

    /** A thumbnail's place (JPEG, at most 256 px). */
    public Path thumbnail(String sha256) {
        return thumbs.resolve(sha256.toLowerCase(Locale.ROOT) + ".jpg");
    }

    /**
     * The stored analysis of the evidence with this SHA-256, made with this model set; empty when there is none,
     * it was made with other models, or it is damaged (then it is simply recomputed).
     */
    public Optional<Stored> load(String sha256, String modelSet) {
        synchronized (lock(sha256)) {
            Path j = jsonFile(sha256);
            if (!Files.isRegularFile(j)) return Optional.empty();
            try {
                JsonNode root = MAPPER.readTree(j.toFile());
                if (!(root instanceof ObjectNode obj) || !modelSet.equals(root.path("stored").path("modelSet").asText())
                        || !sha256.equalsIgnoreCase(root.path("image").path("sha256").asText())) {
                    return Optional.empty();
                }
                Map<String, FloatMap> maps = readMaps(mapsFile(sha256), root.path("stored").path("mapsSha256").asText());
                AnalysisReport rep = ReportJsonReader.read(root, (id, i) -> maps.get(id + "#" + i));
                return Optional.of(new Stored(obj, rep, modelSet));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * Stores the analysis (its outcomes that finished; a cancelled run is not stored) and returns the JSON tree
     * written, in the {@link ReportJson} form with a {@code stored} block (model set, models, tool version, when).
     */
    public ObjectNode save(LoadedImage image, AnalysisReport report, String modelSet, Map<String, String> models)
            throws IOException {
        ObjectNode root = ReportJson.toTree(image, report, false);
        ByteArrayOut mapsBytes = new ByteArrayOut();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(mapsBytes)))) {
            List<Object[]> all = new ArrayList<>();
            for (IndicatorOutcome o : report.outcomes()) {
                if (!o.ok()) continue;
                List<MapLayer> ls = o.result().maps();
                for (int i = 0; i < ls.size(); i++) all.add(new Object[]{o.indicatorId() + "#" + i, ls.get(i).map()});
            }
            out.writeInt(all.size());
            for (Object[] e : all) {
                FloatMap m = (FloatMap) e[1];
                out.writeUTF((String) e[0]);
                out.writeInt(m.width());
                out.writeInt(m.height());
                for (float v : m.data()) out.writeFloat(v);
            }
        }
        byte[] mb = mapsBytes.toByteArray();
        ObjectNode st = root.putObject("stored");
        st.put("modelSet", modelSet);
        st.put("toolVersion", org.provenant.report.ReportRequest.currentToolVersion());
        st.put("analysedAt", Instant.now().toString());
        st.put("mapsSha256", sha(mb));
        st.set("models", MAPPER.valueToTree(models));
        synchronized (lock(image.sha256())) {
            AtomicWrite.write(mapsFile(image.sha256()), o -> o.write(mb));
            AtomicWrite.write(jsonFile(image.sha256()), o -> MAPPER.writerWithDefaultPrettyPrinter().writeValue(o, root));
        }
        return root;
    }

    private static Map<String, FloatMap> readMaps(Path f, String expectedSha) throws IOException {
        byte[] b = Files.readAllBytes(f);
        if (!sha(b).equals(expectedSha)) throw new IOException("maps file does not belong to this JSON");
        Map<String, FloatMap> maps = new HashMap<>();
        try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(b));
             DataInputStream in = new DataInputStream(new BufferedInputStream(gz))) {
            int n = in.readInt();
            for (int k = 0; k < n; k++) {
                String key = in.readUTF();
                int w = in.readInt(), h = in.readInt();
                if (w <= 0 || h <= 0 || (long) w * h > 200_000_000L) throw new IOException("bad map size");
                float[] d = new float[w * h];
                for (int i = 0; i < d.length; i++) d[i] = in.readFloat();
                maps.put(key, new FloatMap(w, h, d));
            }
        }
        return maps;
    }

    private static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized Object lock(String sha) {
        return locks.computeIfAbsent(sha.toLowerCase(Locale.ROOT), k -> new Object());
    }

    private static final class ByteArrayOut extends java.io.ByteArrayOutputStream {
    }
}
