package org.provenant.ml.codec;

import java.util.List;
import org.provenant.core.image.FloatImage;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;

/**
 * A learned image codec at one rate point, as the codec cues use it: compress and decode, decode without
 * quantization (the synthetic stand-in), and the latents in units of the codec's quantization grid.
 * Implemented by {@link NeuralCodec} (our scale hyperprior, id {@code hp}) and {@link JpegAiCodec} (the JPEG AI
 * verification-model networks plus our glue, id {@code jpeg-ai}).
 */
public interface ImageCodec {
    /** One compression: the decoded picture (8-bit, as it would be saved), its rate and its distortion. */
    record Compression(FloatImage decoded, double bpp, double psnr, Latents latents) { }

    String codecId();

    String ratePoint();

    /** Pixel grid the codec's blocks or tiles start on (from the image origin): a crop starting on it keeps the codec's grid. */
    int alignment();

    /** Compresses and decodes an RGB image of any size (8-bit output). */
    Compression compress(FloatImage rgb) throws ModelException;

    /** The image decoded from its unquantized latents: the codec's synthesis traces without latent rounding. */
    FloatImage decodeUnquantized(FloatImage rgb) throws ModelException;

    /**
     * The continuous latents of the image expressed on the codec's quantization grid: the codec stores each
     * value rounded to the nearest integer (for hp the latents y themselves; for jpeg-ai (y - mu) / step).
     * At least the central region of the image is covered; the layout is the codec's own.
     */
    Latents gridLatents(FloatImage rgb) throws ModelException;

    /** Every rate point of codec {@code codecId} in the manifest, strongest compression first, shared. */
    static List<ImageCodec> sharedAll(ModelRegistry registry, String codecId) throws ModelException {
        if (JpegAiCodec.ID.equals(codecId)) return List.copyOf(JpegAiCodec.sharedAll(registry));
        return List.copyOf(NeuralCodec.sharedAll(registry, codecId));
    }

    /** One rate point of codec {@code codecId}, shared. */
    static ImageCodec shared(ModelRegistry registry, String codecId, String ratePoint) throws ModelException {
        if (JpegAiCodec.ID.equals(codecId)) return JpegAiCodec.shared(registry, ratePoint);
        return NeuralCodec.shared(registry, codecId, ratePoint);
    }

    /** The rate points of codec {@code codecId}, strongest compression first (empty when the manifest has none). */
    static List<String> ratePoints(ModelRegistry registry, String codecId) {
        if (JpegAiCodec.ID.equals(codecId)) return JpegAiCodec.ratePoints(registry);
        return NeuralCodec.ratePoints(registry, codecId);
    }
}
