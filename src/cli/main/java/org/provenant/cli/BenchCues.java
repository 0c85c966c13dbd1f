package org.provenant.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.provenant.core.command.UsageException;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.codec.codeccolour.CodecColourCue;
import org.provenant.indicators.codec.forestcue.ForestCue;
import org.provenant.indicators.codec.latentquant.LatentQuantCue;
import org.provenant.indicators.codec.recompression.RateDistortion;
import org.provenant.indicators.codec.recompression.RecompressionCue;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.codec.ImageCodec;
import org.provenant.ml.codec.JpegAiCodec;

/**
 * {@code bench-codec --codec ID}: whole-image compression time of a codec given by id (e.g. jpeg-ai, in tiles)
 * and the time of each of the three cue indicators on the same image with the shipped forests and their codec.
 */
final class BenchCues {
    private BenchCues() { }

    static int run(ModelRegistry registry, String codecId, String rate, FloatImage img, PrintStream out) throws Exception {
        List<String> rates = ImageCodec.ratePoints(registry, codecId);
        if (rates.isEmpty()) throw new UsageException("no codec '" + codecId + "' in the model manifest");
        if (rate == null) rate = rates.get(rates.size() / 2);
        if (!rates.contains(rate)) throw new UsageException("rate point " + rate + " not among " + rates);
        out.printf(Locale.ROOT, "codec %s rate point %s, image %dx%d (%.1f MP), tiles of at most %d px, %d CPU cores%n",
                codecId, rate, img.width(), img.height(), img.pixels() / 1e6, JpegAiCodec.TILE, Runtime.getRuntime().availableProcessors());
        long t = System.nanoTime();
        ImageCodec codec = ImageCodec.shared(registry, codecId, rate);
        codec.compress(img.crop(0, 0, Math.min(256, img.width()), Math.min(256, img.height())));  // load + warm-up
        out.printf(Locale.ROOT, "load + warm-up: %.2f s%n", (System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        ImageCodec.Compression c = codec.compress(img);
        double s = (System.nanoTime() - t) / 1e9;
        out.printf(Locale.ROOT, "whole image encode + rate + decode: %.2f s (%.2f MP/s), %.4f bpp, PSNR %.2f dB%n", s,
                img.pixels() / 1e6 / s, c.bpp(), c.psnr());
        out.println("cue indicators on this image (cues' codec " + ForestCue.codecId(registry) + ", recompression on the central "
                + RateDistortion.REGION + " px, " + 2 * ForestCue.codecs(registry).size() + " compressions):");
        IndicatorContext ctx = IndicatorContext.of(registry);
        double total = 0;
        for (Indicator ind : List.of(new CodecColourCue(), new RecompressionCue(), new LatentQuantCue())) {
            t = System.nanoTime();
            IndicatorResult r = ind.analyze(img, ctx);
            double d = (System.nanoTime() - t) / 1e9;
            total += d;
            out.printf(Locale.ROOT, "  %-28s %6.2f s  (%s, headline %.3f)%n", ind.id(), d, r.supports(), r.headline().value());
        }
        out.printf(Locale.ROOT, "  three cues together          %6.2f s%n", total);
        return 0;
    }
}
