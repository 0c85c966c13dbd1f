package org.provenant.training.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisInput;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.core.io.ImageLoadException;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.Score;
import org.provenant.ml.ModelRegistry;
import org.provenant.training.evaluation.LabelledSet.Item;

/**
 * What the indicators said on each image of a labelled set: verdict, confidence and every score, per indicator.
 * Images run a few at a time (each through the one {@link AnalysisEngine}); they can be saved to and read back
 * from JSON so that the figures can be recomputed without analysing again.
 */
public final class Observations {
    /** One indicator on one image; {@code supports} is null when it did not finish ({@code error} says why). */
    public record Seen(Hypothesis supports, double confidence, Map<String, Double> scores, long millis, String error) {
        public boolean ok() { return supports != null; }

        /** A score's value, NaN when absent. */
        public double score(String key) {
            Double v = scores.get(key);
            return v == null ? Double.NaN : v;
        }
    }

    /** One image and what each indicator said on it (by indicator id). */
    public record Observation(Item item, Map<String, Seen> byIndicator) { }

    /**
     * Numbers measured on an analysed image besides the indicators' own scores (e.g. how well an outlined region
     * matches a mask), by indicator id; merged into that indicator's scores.
     */
    @FunctionalInterface
    public interface Extra {
        Map<String, Map<String, Double>> measure(Item item, AnalysisReport report, LoadedImage image);

        Extra NONE = (item, report, image) -> Map.of();
    }

    private Observations() { }

    /**
     * Runs {@code indicators} on every item with {@code threads} images at a time; {@code progress} gets each
     * observation as it finishes. An unreadable image is recorded as failed for every indicator.
     */
    public static List<Observation> run(List<Item> items, List<Indicator> indicators, ModelRegistry models, int threads,
                                        Consumer<Observation> progress) throws InterruptedException {
        return run(items, indicators, models, threads, progress, Extra.NONE);
    }

    /** As {@link #run(List, List, ModelRegistry, int, Consumer)}, with {@code extra} measured on each analysed image. */
    public static List<Observation> run(List<Item> items, List<Indicator> indicators, ModelRegistry models, int threads,
                                        Consumer<Observation> progress, Extra extra) throws InterruptedException {
        ImageLoader loader = new ImageLoader();
        List<Observation> out = new ArrayList<>();
        ExecutorService images = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "provenant-evaluate");
            t.setDaemon(true);
            return t;
        });
        try (AnalysisEngine engine = new AnalysisEngine(models, Math.max(1, threads))) {
            List<Future<Observation>> futures = new ArrayList<>();
            AtomicInteger n = new AtomicInteger();
            for (Item it : items) {
                futures.add(images.submit(() -> {
                    Observation o = observe(it, indicators, engine, loader, extra);
                    synchronized (progress) {
                        n.incrementAndGet();
                        progress.accept(o);
                    }
                    return o;
                }));
            }
            for (Future<Observation> f : futures) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            images.shutdownNow();
        }
        return out;
    }

    static Observation observe(Item it, List<Indicator> indicators, AnalysisEngine engine, ImageLoader loader, Extra extra)
            throws InterruptedException {
        Map<String, Seen> seen = new LinkedHashMap<>();
        LoadedImage img;
        try {
            img = loader.load(it.file());
        } catch (ImageLoadException e) {
            for (Indicator ind : indicators) seen.put(ind.id(), new Seen(null, Double.NaN, Map.of(), 0, e.getMessage()));
            return new Observation(it, seen);
        }
        AnalysisReport rep = engine.analyze(AnalysisInput.of(img), indicators, AnalysisListener.NONE);
        Map<String, Map<String, Double>> more = extra.measure(it, rep, img);
        for (IndicatorOutcome o : rep.outcomes()) {
            if (!o.ok()) {
                seen.put(o.indicatorId(), new Seen(null, Double.NaN, Map.of(), o.millis(),
                        o.error() == null ? o.status().name() : o.error()));
                continue;
            }
            Map<String, Double> scores = new LinkedHashMap<>();
            for (Score s : o.result().scores()) scores.put(s.key(), s.value());
            scores.putAll(more.getOrDefault(o.indicatorId(), Map.of()));
            seen.put(o.indicatorId(), new Seen(o.result().supports(), o.result().confidence(), scores, o.millis(), null));
        }
        return new Observation(it, seen);
    }

    /** Writes the observations as JSON (NaN and infinities as strings, so that they come back as they were). */
    public static void write(Path file, List<Observation> obs) throws IOException {
        ObjectMapper om = new ObjectMapper();
        ArrayNode arr = om.createArrayNode();
        for (Observation o : obs) {
            ObjectNode n = arr.addObject();
            Item it = o.item();
            n.put("path", it.file().toString()).put("label", it.label()).put("source", it.source())
                    .put("parent", it.parent()).put("transform", it.transform());
            ObjectNode inds = n.putObject("indicators");
            for (Map.Entry<String, Seen> e : o.byIndicator().entrySet()) {
                Seen s = e.getValue();
                ObjectNode sn = inds.putObject(e.getKey());
                if (s.supports() != null) sn.put("supports", s.supports().name());
                putNumber(sn, "confidence", s.confidence());
                sn.put("millis", s.millis());
                if (s.error() != null) sn.put("error", s.error());
                ObjectNode sc = sn.putObject("scores");
                s.scores().forEach((k, v) -> putNumber(sc, k, v));
            }
        }
        om.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), arr);
    }

    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) n.put(key, v);
        else n.put(key, Double.toString(v));
    }

    public static List<Observation> read(Path file) throws IOException {
        JsonNode arr = new ObjectMapper().readTree(file.toFile());
        List<Observation> out = new ArrayList<>();
        for (JsonNode n : arr) {
            Item it = new Item(Path.of(n.get("path").asText()), n.get("label").asText(), n.get("source").asText(),
                    n.get("parent").asText(), n.get("transform").asText());
            Map<String, Seen> seen = new LinkedHashMap<>();
            var fields = n.get("indicators").fields();
            while (fields.hasNext()) {
                var e = fields.next();
                JsonNode s = e.getValue();
                Map<String, Double> scores = new LinkedHashMap<>();
                var sf = s.path("scores").fields();
                while (sf.hasNext()) {
                    var x = sf.next();
                    scores.put(x.getKey(), number(x.getValue()));
                }
                Hypothesis h = s.has("supports") ? Hypothesis.valueOf(s.get("supports").asText()) : null;
                seen.put(e.getKey(), new Seen(h, number(s.path("confidence")), scores, s.path("millis").asLong(),
                        s.has("error") ? s.get("error").asText() : null));
            }
            out.add(new Observation(it, seen));
        }
        return out;
    }

    private static double number(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) return Double.NaN;
        if (v.isNumber()) return v.asDouble();
        return Double.parseDouble(v.asText());
    }
}
