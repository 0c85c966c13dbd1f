package org.provenant.ml.lare;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.provenant.core.image.FloatImage;
import org.provenant.ml.ModelEntry;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.forest.ForestClassifier;

/**
 * Random forest on pooled LaRE features ({@link LareMap#features()}): real photographs against generated stand-ins
 * made offline with the LaRE autoencoder (the crop decoded from its own latent, which carries the decoder's
 * fingerprint as latent-diffusion images do, or from that latent perturbed by noise).
 */
public final class LareForest {
    public static final String REAL = "real", GENERATED = "generated";
    /** Manifest kind of the forest; its property "denoiser" names the denoiser its features came from. */
    public static final String KIND = "classifier.lare";
    /** Trees in the forest. Our choice. */
    public static final int TREES = 200;
    /** Crops per photo (random position, random scale from the crop side up to the photo). Our choice. */
    public static final int CROPS_PER_PHOTO = 12;
    /** Relative strength of the latent perturbation of the second kind of stand-in. Our choice (the recipe's 0.3). */
    public static final double PERTURBATION = 0.3;

    private LareForest() { }

    /** The labelled feature rows of one set of photos: per crop one real row and two generated rows. */
    public record Rows(List<double[]> x, List<String> y) { }

    public static Rows rows(Lare lare, List<FloatImage> photos, long seed) throws ModelException {
        Random r = new Random(seed);
        List<double[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (FloatImage p : photos) {
            for (int k = 0; k < CROPS_PER_PHOTO; k++) {
                FloatImage crop = Lare.resize(randomCrop(p, r), Lare.SIZE, Lare.SIZE);
                x.add(lare.compute(crop).features());
                y.add(REAL);
                x.add(lare.compute(lare.reconstruct(crop)).features());
                y.add(GENERATED);
                float[] z = lare.encode(crop);
                double s = 0;
                for (float v : z) s += (double) v * v;
                double sd = Math.sqrt(s / z.length);
                for (int i = 0; i < z.length; i++) z[i] += (float) (PERTURBATION * sd * r.nextGaussian());
                x.add(lare.compute(lare.decode(z, Lare.SIZE / 8, Lare.SIZE / 8)).features());
                y.add(GENERATED);
            }
        }
        return new Rows(x, y);
    }

    public static ForestClassifier train(Lare lare, List<FloatImage> photos, long seed) throws ModelException {
        Rows rows = rows(lare, photos, seed);
        return ForestClassifier.train(rows.x(), rows.y(), LareMap.featureNames(lare.latentChannels()), TREES, seed);
    }

    /** The forest trained for this denoiser, when the manifest lists one. */
    public static ForestClassifier forDenoiser(ModelRegistry reg, String denoiser) throws ModelException {
        for (ModelEntry e : reg.ofKind(KIND)) {
            if (e.property("denoiser", "").equals(denoiser)) {
                return reg.cached("forest:" + e.name(), () -> ForestClassifier.load(reg.verifiedFile(e.name())));
            }
        }
        return null;
    }

    static FloatImage randomCrop(FloatImage p, Random r) {
        int side = Math.min(p.width(), p.height());
        int s = Math.max(Math.min(side, Lare.SIZE / 2), Lare.SIZE / 2 + r.nextInt(Math.max(1, side - Lare.SIZE / 2 + 1)));
        s = Math.min(s, side);
        return p.toRgb().crop(r.nextInt(p.width() - s + 1), r.nextInt(p.height() - s + 1), s, s);
    }
}
