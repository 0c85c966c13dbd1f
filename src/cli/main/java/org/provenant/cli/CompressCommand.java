package org.provenant.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.OutputGuard;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.codec.ImageCodec;
import org.provenant.ml.codec.JpegAiCodec;

/**
 * {@code compress}: a reference compression of an image with a neural codec (JPEG AI's VM networks plus our
 * glue, or our hp codec) at one rate point, written as the decoded reconstruction (PNG), with bpp and PSNR. Lets
 * an examiner make reference compressions to compare with a suspect image, and makes the cues' training data
 * reproducible. Outputs follow {@link OutputGuard}: never the input, written atomically.
 */
public final class CompressCommand implements Command {
    @Override public String name() { return "compress"; }

    @Override public String usage() {
        return "compress IMAGE --out OUT.png [--codec jpeg-ai|hp] [--rate q1..qN] [--models DIR]\n"
                + "       compress --batch LIST.tsv [--codec jpeg-ai|hp] [--models DIR]   (LIST: input, output PNG, rate point per line)";
    }

    @Override public String description() {
        return """
                Makes a reference compression of an image with a neural codec and writes the decoded reconstruction as a PNG, with
                its bits per pixel and PSNR: the JPEG AI verification-model networks with Provenant's glue (not bit-exact JPEG AI),
                or Provenant's own hp codec. Use it to compare a suspect image with a known codec output.
                  --out FILE       the PNG to write (never the input)
                  --codec ID       jpeg-ai (default) or hp
                  --rate qN        rate point: q1 (strongest compression) to q3 for jpeg-ai, q4 for hp (default: the middle one)
                  --models DIR     another models folder
                  --batch LIST     many images in one run: a TSV of input, output PNG and rate point per line""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path image = null, target = null, modelsDir = null, batch = null;
        String codecId = JpegAiCodec.ID, rate = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--out" -> target = Path.of(value(args, ++i, a));
                case "--codec" -> codecId = value(args, ++i, a);
                case "--rate" -> rate = value(args, ++i, a);
                case "--models" -> modelsDir = Path.of(value(args, ++i, a));
                case "--batch" -> batch = Path.of(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--") || image != null) throw new UsageException("unexpected argument " + a);
                    image = Path.of(a);
                }
            }
        }
        if (batch != null) return batch(batch, codecId, modelsDir, out);
        if (image == null || target == null) throw new UsageException("an IMAGE and --out OUT.png are required");
        if (!target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
            throw new UsageException("the reconstruction is written as PNG: --out must end in .png");
        OutputGuard.check(target, List.of(image));  // never the input (links included), never beside it, only our own files replaced
        ModelRegistry registry = modelsDir == null ? ModelRegistry.locate() : ModelRegistry.load(modelsDir);
        List<String> rates = ImageCodec.ratePoints(registry, codecId);
        if (rates.isEmpty()) throw new UsageException("no codec '" + codecId + "' in the model manifest (jpeg-ai or hp)");
        if (rate == null) rate = rates.get(rates.size() / 2);
        if (!rates.contains(rate)) throw new UsageException("rate point " + rate + " not among " + rates);
        FloatImage img = new ImageLoader().load(image).image().toRgb().quantize8();
        long t0 = System.nanoTime();
        ImageCodec.Compression c = ImageCodec.shared(registry, codecId, rate).compress(img);
        double s = (System.nanoTime() - t0) / 1e9;
        OutputGuard.writePng(target, c.decoded().toBufferedImage());
        out.printf(Locale.ROOT, "%s rate point %s: %.4f bpp, PSNR %.2f dB (RGB), %dx%d, %.1f s -> %s%n", codecId, rate,
                c.bpp(), c.psnr(), img.width(), img.height(), s, target);
        if (JpegAiCodec.ID.equals(codecId))
            out.println("JPEG AI here is the verification-model networks plus our glue, not bit-exact JPEG AI: its per-channel"
                    + " gains and decoder-side tools are not in the graphs; the rate is the hyperprior's ideal code length.");
        return 0;
    }

    /**
     * One JVM for many compressions (the codec class of the evaluation corpus, models/training/data/build_codec_class.py):
     * each line of {@code list} is input, output PNG and rate point, tab-separated.
     */
    private static int batch(Path list, String codecId, Path modelsDir, PrintStream out) throws Exception {
        ModelRegistry registry = modelsDir == null ? ModelRegistry.locate() : ModelRegistry.load(modelsDir);
        List<String> rates = ImageCodec.ratePoints(registry, codecId);
        if (rates.isEmpty()) throw new UsageException("no codec '" + codecId + "' in the model manifest (jpeg-ai or hp)");
        for (String line : java.nio.file.Files.readAllLines(list)) {
            if (line.isBlank()) continue;
            String[] c = line.split("\t");
            if (c.length != 3 || !rates.contains(c[2])) throw new UsageException("bad line (input, output, rate among " + rates + "): " + line);
            Path in = Path.of(c[0]), target = Path.of(c[1]);
            OutputGuard.check(target, List.of(in));
            FloatImage img = new ImageLoader().load(in).image().toRgb().quantize8();
            ImageCodec.Compression r = ImageCodec.shared(registry, codecId, c[2]).compress(img);
            OutputGuard.writePng(target, r.decoded().toBufferedImage());
            out.printf(Locale.ROOT, "%s\t%s\t%.4f\t%.2f%n", target, c[2], r.bpp(), r.psnr());
        }
        return 0;
    }

    private static String value(List<String> args, int i, String opt) throws UsageException {
        if (i >= args.size()) throw new UsageException(opt + " needs a value");
        return args.get(i);
    }
}
