package org.provenant.ml;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models folder and its manifest ({@code manifest.json}: {"models": [ModelEntry...]}).
 * A model file is only handed out after its SHA-256 matched the manifest; loaded objects (ONNX sessions,
 * classifiers) are cached here so that every indicator shares one copy.
 */
public final class ModelRegistry implements AutoCloseable {
    public static final String MANIFEST = "manifest.json";
    /** System property naming the models folder; else PROVENANT_MODELS, else ./models. */
    public static final String DIR_PROPERTY = "provenant.models";

    private final Path dir;
    private final Map<String, ModelEntry> entries;
    private final Map<String, Path> verified = new ConcurrentHashMap<>();
    private final Map<Path, String> digests = new ConcurrentHashMap<>();
    private final Map<String, Object> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private volatile Map<String, String> fileHashes;

    private ModelRegistry(Path dir, Map<String, ModelEntry> entries) {
        this.dir = dir;
        this.entries = entries;
    }

    /** A registry with no models: every model-based indicator reports that its model is missing. */
    public static ModelRegistry empty() {
        return new ModelRegistry(null, Map.of());
    }

    /**
     * The default models folder: -Dprovenant.models, $PROVENANT_MODELS, else the first of ./models and the
     * {@code models} folder beside the running code or up to four folders above it (a jar in target/lib/, a module's
     * target/classes in the source tree, or an unpacked app), so that
     * {@code java -jar /path/to/provenant.jar} finds its models from any working folder. Missing folder = empty.
     */
    public static ModelRegistry locate() throws ModelException {
        String p = System.getProperty(DIR_PROPERTY);
        if (p == null || p.isBlank()) p = System.getenv("PROVENANT_MODELS");
        if (p != null && !p.isBlank()) {
            Path dir = Path.of(p);
            return Files.isRegularFile(dir.resolve(MANIFEST)) ? load(dir) : empty();
        }
        for (Path dir : defaultDirs(codeLocation())) {
            if (Files.isRegularFile(dir.resolve(MANIFEST))) return load(dir);
        }
        return empty();
    }

    /** Where to look without a setting: ./models, then models beside the code location and up to four folders above. */
    static List<Path> defaultDirs(Path code) {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("models")));
        Path dir = code == null ? null : code.getParent();
        for (int up = 0; dir != null && up <= 4; up++, dir = dir.getParent()) dirs.add(dir.resolve("models"));
        return dirs;
    }

    private static Path codeLocation() {
        try {
            var src = ModelRegistry.class.getProtectionDomain().getCodeSource();
            return src == null ? null : Path.of(src.getLocation().toURI()).toAbsolutePath();
        } catch (Exception e) {
            return null;   // no code location (unusual class loader): ./models only
        }
    }

    public static ModelRegistry load(Path dir) throws ModelException {
        Path manifest = dir.resolve(MANIFEST);
        ObjectMapper om = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        try {
            Map<String, List<ModelEntry>> root = om.readValue(manifest.toFile(), new TypeReference<>() { });
            if (root == null || root.get("models") == null) {
                throw new ModelException("Model manifest " + manifest + " is damaged: it has no \"models\" list");
            }
            Map<String, ModelEntry> map = new LinkedHashMap<>();
            for (ModelEntry e : root.get("models")) {
                if (e == null || e.name() == null || e.file() == null || e.sha256() == null) {
                    throw new ModelException("Model manifest " + manifest + " has an entry without name, file or sha256");
                }
                if (map.put(e.name(), e) != null) throw new ModelException("Model manifest names " + e.name() + " twice");
            }
            return new ModelRegistry(dir, Collections.unmodifiableMap(map));
        } catch (IOException | RuntimeException e) {
            // Jackson's own messages name Java types and quote the source over several lines: say it in words
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() : "";
            String what = e instanceof com.fasterxml.jackson.core.exc.StreamReadException ? "it is not valid JSON"
                    : e instanceof com.fasterxml.jackson.core.JsonProcessingException ? "its content is not a list of models"
                    : "it cannot be read";
            throw new ModelException("Model manifest " + manifest + " is damaged: " + what + where, e);
        }
    }

    public Path directory() { return dir; }

    public List<ModelEntry> entries() { return new ArrayList<>(entries.values()); }

    public Optional<ModelEntry> find(String name) { return Optional.ofNullable(entries.get(name)); }

    public List<ModelEntry> ofKind(String kindPrefix) {
        List<ModelEntry> out = new ArrayList<>();
        for (ModelEntry e : entries.values()) if (e.kind() != null && e.kind().startsWith(kindPrefix)) out.add(e);
        return out;
    }

    /** The model's file, after checking that it exists and that its SHA-256 matches the manifest. */
    public Path verifiedFile(String name) throws ModelException {
        Path cached = verified.get(name);
        if (cached != null) return cached;
        ModelEntry e = entries.get(name);
        if (e == null) throw new ModelException("Model '" + name + "' is not in the model manifest" + (dir == null ? " (no models folder found)" : " " + dir.resolve(MANIFEST)));
        Path f = dir.resolve(e.file()).normalize();
        if (!f.startsWith(dir.normalize()) || escapes(e.file())) {
            throw new ModelException("Model '" + name + "' is refused: its manifest entry points outside the models folder ("
                    + e.file() + ")");
        }
        if (!Files.isRegularFile(f)) throw new ModelException("Model '" + name + "' is missing: " + f + " does not exist");
        String actual = hashOnce(f);
        if (!actual.equalsIgnoreCase(e.sha256())) {
            throw new ModelException("Model '" + name + "' failed its integrity check: SHA-256 of " + f.getFileName()
                    + " is " + actual + ", the manifest expects " + e.sha256() + ". The file was changed or damaged; it is not loaded.");
        }
        verified.put(name, f);
        return f;
    }

    /**
     * Model name to the SHA-256 of its file as it is on disk (not as the manifest states it), hashed once per
     * registry: what stored results are keyed by, so a model file changed with or without its manifest entry
     * never reuses results made with the old one. A missing or refused file reads "missing" or "refused".
     */
    public Map<String, String> fileHashes() {
        Map<String, String> m = fileHashes;
        if (m != null) return m;
        synchronized (this) {
            if (fileHashes == null) {
                Map<String, String> out = new java.util.TreeMap<>();
                for (ModelEntry e : entries.values()) {
                    Path f = dir == null ? null : dir.resolve(e.file()).normalize();
                    String h;
                    if (f == null || escapes(e.file()) || !f.startsWith(dir.normalize())) h = "refused";
                    else if (!Files.isRegularFile(f)) h = "missing";
                    else {
                        try {
                            h = hashOnce(f);
                        } catch (ModelException x) {
                            h = "unreadable";
                        }
                    }
                    out.put(e.name(), h);
                }
                fileHashes = Collections.unmodifiableMap(out);
            }
            return fileHashes;
        }
    }

    /**
     * SHA-256 of a model file, read once per registry: the stored-results key ({@link #fileHashes()}) and the check
     * before loading ({@link #verifiedFile}) need the same digest of the same 34 MB, so it is read once. The check
     * still compares the file's own digest, never the manifest's.
     */
    private String hashOnce(Path f) throws ModelException {
        String h = digests.get(f);
        if (h == null) {
            h = sha256(f);
            digests.put(f, h);
        }
        return h;
    }

    /** Whether a manifest path is absolute or climbs out with "..", even where it would climb back in. */
    static boolean escapes(String file) {
        Path p = Path.of(file);
        if (p.isAbsolute()) return true;
        for (Path seg : p) if (seg.toString().equals("..")) return true;
        return false;
    }

    /**
     * Shared, lazily created object (a loaded session, a classifier) under a key, created once. Different keys load
     * in parallel (the indicators of one analysis load their models at the same time); a second caller of the same key
     * waits for the first. A loader may ask for other keys (JPEG AI's rate points share its graphs), never its own.
     */
    @SuppressWarnings("unchecked")
    public <T> T cached(String key, ModelLoader<T> loader) throws ModelException {
        Object o = cache.get(key);
        if (o != null) return (T) o;
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            o = cache.get(key);
            if (o == null) {
                o = loader.load();
                cache.put(key, o);
            }
        }
        return (T) o;
    }

    @FunctionalInterface
    public interface ModelLoader<T> {
        T load() throws ModelException;
    }

    public static String sha256(Path f) throws ModelException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            DigestInputStream din = (DigestInputStream) in;
            while (din.read(buf) >= 0) { /* digesting */ }
            return HexFormat.of().formatHex(din.getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ModelException("Model file " + f + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (Object o : cache.values()) {
            if (o instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a model at shutdown: nothing to report
                }
            }
        }
        cache.clear();
    }
}
