package org.provenant.training.command;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.ImageLoader;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.forest.ForestClassifier;
import org.provenant.ml.lare.Lare;
import org.provenant.ml.lare.LareForest;

/**
 * {@code train-lare-forest}: trains the random forest on pooled LaRE features (real photos vs autoencoder stand-ins),
 * reports its accuracy on held-out photos, saves it and prints its manifest entry. The default photo lists are the
 * LaRE recipe's (models/training/lare/README.md).
 */
public final class TrainLareForestCommand implements Command {
    public static final String SKIMAGE = "/usr/lib/python3/dist-packages/skimage/data";
    public static final List<String> TRAIN = List.of("astronaut.png", "rocket.jpg", "motorcycle_left.png", "motorcycle_right.png",
            "hubble_deep_field.jpg", "ihc.png", "camera.png", "brick.png", "grass.png", "gravel.png", "moon.png", "coins.png");
    public static final List<String> HELD_OUT = List.of("chelsea.png", "coffee.png");
    /** Seed of crops, perturbations and trees. */
    public static final long SEED = 20240326L;

    @Override public String name() { return "train-lare-forest"; }

    @Override public String usage() { return "train-lare-forest [--photos DIR] [--out FILE]"; }

    @Override public String description() {
        return """
                Trains the random forest on pooled LaRE features (real photos against their autoencoder stand-ins), reports its
                accuracy on held-out photos, saves it (--out FILE) and prints its manifest entry. --photos DIR: other photos than
                the recipe's (models/training/lare/README.md).""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path dir = Path.of(SKIMAGE);
        Path file = Path.of("models", "lare", "lare-forest.json");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--photos") && i + 1 < args.size()) dir = Path.of(args.get(++i));
            else if (a.equals("--out") && i + 1 < args.size()) file = Path.of(args.get(++i));
            else throw new UsageException("unknown argument '" + a + "'");
        }
        if (!Files.isDirectory(dir)) throw new UsageException("photo folder " + dir + " does not exist (Debian package python3-skimage)");
        try (ModelRegistry models = ModelRegistry.locate()) {
            Lare lare = Lare.fromRegistry(models);
            List<FloatImage> train = load(dir, TRAIN), test = load(dir, HELD_OUT);
            long t0 = System.nanoTime();
            ForestClassifier forest = LareForest.train(lare, train, SEED);
            LareForest.Rows held = LareForest.rows(lare, test, SEED + 1);
            int right = 0, realRight = 0, realN = 0;
            for (int i = 0; i < held.x().size(); i++) {
                boolean ok = forest.predict(held.x().get(i)).label().equals(held.y().get(i));
                if (ok) right++;
                if (held.y().get(i).equals(LareForest.REAL)) { realN++; if (ok) realRight++; }
            }
            out.printf(Locale.ROOT, "trained on %d rows from %d photos in %.0f s; held-out (%s) accuracy %.3f over %d rows"
                            + " (real %d/%d, generated %d/%d)%n", 3 * LareForest.CROPS_PER_PHOTO * train.size(), train.size(),
                    (System.nanoTime() - t0) / 1e9, String.join(", ", HELD_OUT), right / (double) held.x().size(), held.x().size(),
                    realRight, realN, right - realRight, held.x().size() - realN);
            Files.createDirectories(file.toAbsolutePath().getParent());
            forest.save(file);
            out.printf(Locale.ROOT, "saved %s, sha256 %s; manifest entry: kind %s, properties {\"denoiser\": \"%s\"}%n",
                    file, ModelRegistry.sha256(file), LareForest.KIND, lare.denoiserName());
        }
        return 0;
    }

    private static List<FloatImage> load(Path dir, List<String> names) throws Exception {
        ImageLoader loader = new ImageLoader();
        List<FloatImage> out = new ArrayList<>();
        for (String n : names) out.add(loader.load(dir.resolve(n)).image().toRgb());
        return out;
    }
}
