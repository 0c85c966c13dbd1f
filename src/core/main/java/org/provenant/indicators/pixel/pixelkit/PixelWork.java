package org.provenant.indicators.pixel.pixelkit;

import org.provenant.core.image.FloatImage;
import org.provenant.core.jpeg.JpegModel;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;

/**
 * The per-image work the pixel indicators share through {@link org.provenant.indicators.SharedWork}: computed
 * once per analysis, whichever indicator asks first. Keys are public so that other indicators can ask for the
 * same pieces.
 */
public final class PixelWork {
    /** The BT.601 luma image. */
    public static final String GREY = "grey";
    /** The 8x8 block DCT of the JFIF YCbCr image ({@link JpegModel}): the base of every simulated JPEG re-save. */
    public static final String JPEG_MODEL = "jpeg-model";

    private PixelWork() { }

    public static FloatImage grey(FloatImage image, IndicatorContext ctx) throws IndicatorException {
        return ctx.shared(image).compute(GREY, image::toGrey);
    }

    public static JpegModel jpeg(FloatImage image, IndicatorContext ctx) throws IndicatorException {
        return ctx.shared(image).compute(JPEG_MODEL, () -> JpegModel.of(image));
    }

    /** Re-quantization error of channel c at quality q (see {@link JpegModel#requantizationError}), shared by key. */
    public static float[][] requantization(FloatImage image, IndicatorContext ctx, int c, int q) throws IndicatorException {
        JpegModel m = jpeg(image, ctx);
        return ctx.shared(image).compute("jpeg-requant:c" + c + ":q" + q, () -> m.requantizationError(c, q));
    }
}
