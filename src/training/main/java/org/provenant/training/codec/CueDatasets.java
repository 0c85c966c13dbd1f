package org.provenant.training.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.provenant.core.image.FloatImage;
import org.provenant.core.jpeg.JpegResave;
import org.provenant.indicators.ProgressSink;
import org.provenant.indicators.codec.codeccolour.CodecColourCue;
import org.provenant.indicators.codec.latentquant.LatentQuantCue;
import org.provenant.indicators.codec.latentquant.LatentQuantization;
import org.provenant.indicators.codec.recompression.RateDistortion;
import org.provenant.indicators.codec.recompression.RecompressionCue;
import org.provenant.indicators.features.ChannelCorrelation;
import org.provenant.ml.ModelException;
import org.provenant.ml.codec.ImageCodec;
import org.provenant.ml.codec.NeuralCodec;

/**
 * The labelled sets of the three cue forests, made from one real photo crop at a time (used by the
 * {@code train} command and by the tests, so that both build them the same way). From a crop X and the codec
 * C_q at each rate point q:
 * <ul>
 *   <li>colour cue: X, X saved as classic JPEG at quality {@link #JPEG_QUALITIES} (4:2:0 chroma) and X
 *       halved in size are "uncompressed" (meaning: not neural-codec compressed); C_q(X) for every q and
 *       C_q(C_p(X)) are "codec"</li>
 *   <li>recompression cue: C_q(X) is "once"; C_q(C_p(X)) is "twice", p a different rate point drawn at random</li>
 *   <li>latent-quantization cue: C_q(X) and C_q(X) re-saved as JPEG are "codec-real"; X decoded from its
 *       unquantized latents at q is "synthetic" (the stand-in for generated images), as is any genuine
 *       generated image supplied (as it is and re-saved as JPEG)</li>
 * </ul>
 * Cues 2 and 3 use one rate point q per crop, drawn at random (their features cost 2k compressions each).
 * Every sample carries the rate point q of its last compression (null for X) and its source photo's group, so
 * that held-out accuracy can be reported per rate point and split by photo.
 */
public final class CueDatasets {
    /** Side of the training crops: the largest of the cues' fixed central regions. */
    public static final int CROP = Math.max(LatentQuantization.REGION, RateDistortion.REGION);

    private CueDatasets() { }

    public record Sample(String cue, String label, String ratePoint, String group, double[] features) { }

    public static List<String> featureNames(String cue, List<ImageCodec> codecs) {
        return switch (cue) {
            case CodecColourCue.ID -> ChannelCorrelation.FEATURE_NAMES;
            case RecompressionCue.ID -> RateDistortion.featureNames(codecs);
            case LatentQuantCue.ID -> LatentQuantization.featureNames(codecs);
            default -> throw new IllegalArgumentException("unknown cue " + cue);
        };
    }

    public static String classifierName(String cue) {
        return switch (cue) {
            case CodecColourCue.ID -> CodecColourCue.CLASSIFIER;
            case RecompressionCue.ID -> RecompressionCue.CLASSIFIER;
            case LatentQuantCue.ID -> LatentQuantCue.CLASSIFIER;
            default -> throw new IllegalArgumentException("unknown cue " + cue);
        };
    }

    public static final List<String> CUES = List.of(CodecColourCue.ID, RecompressionCue.ID, LatentQuantCue.ID);

    /** All samples of one real colour crop (see the class comment), compressed and analysed with the same codec. */
    public static List<Sample> fromPhoto(FloatImage crop, String group, List<ImageCodec> codecs, Random rnd)
            throws ModelException {
        return fromPhoto(crop, group, codecs, codecs, rnd);
    }

    /**
     * All samples of one real colour crop, compressed with {@code sources} (rate points strongest first) and
     * described by features computed with {@code codecs} (the cues' codec): the same list for training, another
     * codec for the cross-codec test. Rate points are named after the source codec's.
     */
    public static List<Sample> fromPhoto(FloatImage crop, String group, List<ImageCodec> sources, List<ImageCodec> codecs,
                                         Random rnd) throws ModelException {
        FloatImage x = crop.toRgb().quantize8();
        int k = sources.size();
        List<Sample> out = new ArrayList<>();
        out.add(new Sample(CodecColourCue.ID, CodecColourCue.UNCOMPRESSED, null, group, ChannelCorrelation.features(x)));
        for (float q : JPEG_QUALITIES)
            out.add(new Sample(CodecColourCue.ID, CodecColourCue.UNCOMPRESSED, null, group, ChannelCorrelation.features(jpeg(x, q))));
        out.add(new Sample(CodecColourCue.ID, CodecColourCue.UNCOMPRESSED, null, group, ChannelCorrelation.features(half(x))));
        FloatImage[] once = new FloatImage[k];
        for (int i = 0; i < k; i++) once[i] = sources.get(i).compress(x).decoded();
        // cues 2 and 3 (each feature vector costs 2k compressions or k encodes) at one rate point per crop,
        // drawn at random: the rate points are covered across crops at a third of the cost
        int i = rnd.nextInt(k), p = k == 1 ? i : (i + 1 + rnd.nextInt(k - 1)) % k;
        ImageCodec c = sources.get(i);
        String q = c.ratePoint();
        FloatImage twice = c.compress(once[p]).decoded();
        FloatImage synthetic = c.decodeUnquantized(x);
        for (int j = 0; j < k; j++)
            out.add(new Sample(CodecColourCue.ID, CodecColourCue.CODEC, sources.get(j).ratePoint(), group, ChannelCorrelation.features(once[j])));
        out.add(new Sample(CodecColourCue.ID, CodecColourCue.CODEC, q, group, ChannelCorrelation.features(twice)));
        out.add(new Sample(RecompressionCue.ID, RecompressionCue.ONCE, q, group,
                RateDistortion.features(once[i], codecs, ProgressSink.NONE)));
        out.add(new Sample(RecompressionCue.ID, RecompressionCue.TWICE, q, group,
                RateDistortion.features(twice, codecs, ProgressSink.NONE)));
        out.add(new Sample(LatentQuantCue.ID, LatentQuantCue.CODEC_REAL, q, group,
                LatentQuantization.features(once[i], codecs, ProgressSink.NONE)));
        out.add(new Sample(LatentQuantCue.ID, LatentQuantCue.SYNTHETIC, q, group,
                LatentQuantization.features(synthetic, codecs, ProgressSink.NONE)));
        // a codec output re-saved as classic JPEG, as generated images often are
        out.add(new Sample(LatentQuantCue.ID, LatentQuantCue.CODEC_REAL, q, group,
                LatentQuantization.features(jpeg(once[i], RESAVE_QUALITY), codecs, ProgressSink.NONE)));
        return out;
    }

    /** Classic JPEG qualities of the colour cue's negatives. Our choice: a typical camera and a typical web setting. */
    static final float[] JPEG_QUALITIES = {0.9f, 0.75f};

    /** The image saved and read back as baseline JPEG (Java's encoder: YCbCr with 4:2:0 chroma). */
    static FloatImage jpeg(FloatImage rgb, float quality) {
        return JpegResave.resave(rgb, quality, false);
    }

    /** 2x2 box downscaling (a camera original resized stays free of codec traces). */
    static FloatImage half(FloatImage rgb) {
        int w = rgb.width() / 2, h = rgb.height() / 2;
        float[][] p = new float[3][w * h];
        for (int c = 0; c < 3; c++) {
            float[] s = rgb.plane(c);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    int i = 2 * y * rgb.width() + 2 * x;
                    p[c][y * w + x] = 0.25f * (s[i] + s[i + 1] + s[i + rgb.width()] + s[i + rgb.width() + 1]);
                }
        }
        return new FloatImage(w, h, p).quantize8();
    }

    /**
     * Quality of the classic-JPEG re-save that both classes of the latent-quantization set get (one per real
     * crop, one per generated image), so that JPEG traces do not tell the classes apart: many generated images
     * are published as JPEG while codec outputs are decoded losslessly. Our choice.
     */
    static final float RESAVE_QUALITY = 0.9f;

    /**
     * A genuine generated image: "synthetic" samples of the latent-quantization cue from its central
     * {@link #CROP} pixels, as it is and re-saved as JPEG; none when it is smaller than the crop (real crops
     * are all {@link #CROP} pixels, so sizes do not tell the classes apart).
     */
    public static List<Sample> fromGenerated(FloatImage img, String group, List<ImageCodec> codecs) throws ModelException {
        if (img.width() < CROP || img.height() < CROP || img.channels() < 3) return List.of();
        FloatImage x = NeuralCodec.centralCrop(img.toRgb(), CROP).quantize8();
        return List.of(new Sample(LatentQuantCue.ID, LatentQuantCue.SYNTHETIC, GENERATED, group,
                        LatentQuantization.features(x, codecs, ProgressSink.NONE)),
                new Sample(LatentQuantCue.ID, LatentQuantCue.SYNTHETIC, GENERATED, group,
                        LatentQuantization.features(jpeg(x, RESAVE_QUALITY), codecs, ProgressSink.NONE)));
    }

    /**
     * A classic codec's output (JPEG, WebP or AVIF, decoded) of a training photo: an "uncompressed" (not
     * neural-codec) sample of the colour cue, from its central {@link #CROP} pixels.
     */
    public static Sample classicNegative(FloatImage img, String group) {
        FloatImage x = NeuralCodec.centralCrop(img.toRgb(), CROP).quantize8();
        return new Sample(CodecColourCue.ID, CodecColourCue.UNCOMPRESSED, null, group, ChannelCorrelation.features(x));
    }

    /** Rate-point tag of genuine generated samples (they went through no codec). */
    public static final String GENERATED = "generated";

    /**
     * Up to {@code max} non-overlapping {@link #CROP}-pixel crops of a photo on a regular grid, leaving out flat
     * ones (luma standard deviation under {@link #MIN_STD}), in a seeded random order.
     */
    public static List<FloatImage> crops(FloatImage photo, int max, Random rnd) {
        List<FloatImage> all = new ArrayList<>();
        for (int y = 0; y + CROP <= photo.height(); y += CROP)
            for (int x = 0; x + CROP <= photo.width(); x += CROP) {
                FloatImage c = photo.crop(x, y, CROP, CROP);
                if (lumaStd(c) >= MIN_STD) all.add(c);
            }
        java.util.Collections.shuffle(all, rnd);
        return all.subList(0, Math.min(max, all.size()));
    }

    /** Crops flatter than this (luma standard deviation on [0,1]) say little about any cue. Our choice. */
    public static final double MIN_STD = 0.03;

    static double lumaStd(FloatImage rgb) {
        float[] g = rgb.toGrey().plane(0);
        double s = 0, ss = 0;
        for (float v : g) {
            s += v;
            ss += v * v;
        }
        double m = s / g.length;
        return Math.sqrt(Math.max(0, ss / g.length - m * m));
    }
}
