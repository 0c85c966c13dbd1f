package org.provenant.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.ImageLoader;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.codec.Latents;
import org.provenant.ml.codec.NeuralCodec;

/**
 * {@code bench-codec}: encode + decode time of the neural codec on a 12 MP image (4000 x 3000, or a given
 * image) on the CPU, in {@link NeuralCodec#TILE}-pixel tiles, with the rate and PSNR reached, and the size of
 * the models folder.
 */
public final class BenchCodecCommand implements Command {
    @Override public String name() { return "bench-codec"; }

    @Override public String usage() { return "bench-codec [IMAGE] [--codec hp|jpeg-ai] [--rate q1..q4] [--models DIR]"; }

    @Override public String description() {
        return """
                Times a neural codec's encode and decode of a 12 MP image (a synthetic one, or IMAGE) on the CPU, with the rate and
                PSNR reached; with --codec jpeg-ai also the three neural-codec cues. --rate qN picks the rate point, --models DIR
                another models folder.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path image = null, modelsDir = null;
        String rate = null, codecId = NeuralCodec.DEFAULT_CODEC;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--rate") || a.equals("--models") || a.equals("--codec")) {
                if (i + 1 >= args.size()) throw new UsageException(a + " needs a value");
                if (a.equals("--rate")) rate = args.get(++i);
                else if (a.equals("--codec")) codecId = args.get(++i);
                else modelsDir = Path.of(args.get(++i));
            } else if (a.startsWith("--") || image != null) {
                throw new UsageException("unexpected argument " + a);
            } else {
                image = Path.of(a);
            }
        }
        ModelRegistry registry = modelsDir == null ? ModelRegistry.locate() : ModelRegistry.load(modelsDir);
        if (!codecId.equals(NeuralCodec.DEFAULT_CODEC))
            return BenchCues.run(registry, codecId, rate, image == null ? synthetic(4000, 3000, 1)
                    : new ImageLoader().load(image).image().toRgb(), out);
        List<String> rates = NeuralCodec.ratePoints(registry, NeuralCodec.DEFAULT_CODEC);
        if (rates.isEmpty()) throw new UsageException("no codec in the model manifest (use --models DIR)");
        if (rate == null) rate = rates.get(rates.size() / 2);
        if (!rates.contains(rate)) throw new UsageException("rate point " + rate + " not among " + rates);
        FloatImage img = image == null ? synthetic(4000, 3000, 1) : new ImageLoader().load(image).image().toRgb();
        long t = System.nanoTime();
        NeuralCodec codec = NeuralCodec.load(registry, NeuralCodec.DEFAULT_CODEC, rate);
        double loadS = (System.nanoTime() - t) / 1e9;
        out.printf(Locale.ROOT, "codec %s rate point %s, image %dx%d (%.1f MP), tiles of %d px, %d CPU cores%n",
                NeuralCodec.DEFAULT_CODEC, rate, img.width(), img.height(), img.pixels() / 1e6, NeuralCodec.TILE,
                Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "load + SHA-256 check of 4 graphs: %.2f s%n", loadS);
        // warm-up on one small tile, so that first-call costs are not counted
        codec.compress(img.crop(0, 0, Math.min(256, img.width()), Math.min(256, img.height())));
        double enc = 0, ent = 0, dec = 0, bits = 0, se = 0;
        float[][] rec = new float[3][img.pixels()];
        for (int ty = 0; ty < img.height(); ty += NeuralCodec.TILE)
            for (int tx = 0; tx < img.width(); tx += NeuralCodec.TILE) {
                int tw = Math.min(NeuralCodec.TILE, img.width() - tx), th = Math.min(NeuralCodec.TILE, img.height() - ty);
                FloatImage tile = img.crop(tx, ty, tw, th);
                long t0 = System.nanoTime();
                Latents y = codec.encode(tile);
                long t1 = System.nanoTime();
                bits += codec.bits(y);
                long t2 = System.nanoTime();
                FloatImage d = codec.decode(y.rounded(), tw, th).quantize8();
                long t3 = System.nanoTime();
                enc += (t1 - t0) / 1e9;
                ent += (t2 - t1) / 1e9;
                dec += (t3 - t2) / 1e9;
                for (int c = 0; c < 3; c++)
                    for (int r = 0; r < th; r++)
                        System.arraycopy(d.plane(c), r * tw, rec[c], (ty + r) * img.width() + tx, tw);
            }
        double psnr = NeuralCodec.psnr(img, new FloatImage(img.width(), img.height(), rec));
        out.printf(Locale.ROOT, "encode (analysis)            %7.2f s%n", enc);
        out.printf(Locale.ROOT, "rate (hyper + entropy model) %7.2f s%n", ent);
        out.printf(Locale.ROOT, "decode (synthesis)           %7.2f s%n", dec);
        out.printf(Locale.ROOT, "encode + decode total        %7.2f s  (%.2f MP/s)%n", enc + ent + dec,
                img.pixels() / 1e6 / (enc + ent + dec));
        out.printf(Locale.ROOT, "rate %.3f bpp, PSNR %.2f dB%n", bits / img.pixels(), psnr);
        if (registry.directory() != null)
            out.printf(Locale.ROOT, "models folder %s: %.1f MB%n", registry.directory(), folderBytes(registry.directory()) / 1e6);
        codec.close();
        return 0;
    }

    /** A deterministic photo-like test picture: smooth colour gradients, edges, texture and sensor-like noise. */
    static FloatImage synthetic(int w, int h, long seed) {
        Random r = new Random(seed);
        float[][] p = new float[3][w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                double u = x / (double) w, v = y / (double) h;
                double edge = ((x / 300 + y / 200) % 2 == 0) ? 0.15 : 0;
                double tex = 0.08 * Math.sin(x * 0.13) * Math.sin(y * 0.07 + 3 * u);
                for (int c = 0; c < 3; c++) {
                    double base = 0.25 + 0.4 * (c == 0 ? u : c == 1 ? v : 1 - u * v);
                    p[c][y * w + x] = (float) Math.min(1, Math.max(0, base + edge + tex + 0.01 * r.nextGaussian()));
                }
            }
        return new FloatImage(w, h, p).quantize8();
    }

    private static long folderBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/training/work/"))
                    .mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
