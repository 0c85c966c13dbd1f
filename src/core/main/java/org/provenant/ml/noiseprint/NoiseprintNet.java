package org.provenant.ml.noiseprint;

import java.util.Arrays;
import java.util.Map;
import org.provenant.core.image.FloatImage;
import org.provenant.ml.ModelEntry;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.lare.OnnxNet;

/**
 * The camera-noise extractor (a small Noiseprint, Cozzolino and Verdoliva, IEEE TIFS 2020; recipe
 * models/training/noiseprint): RGB in [0, 1] to a one-channel residual in which the scene is suppressed and the traces
 * of the camera model and of the 8x8 JPEG grid remain. Run window by window at the image's own resolution (never
 * resampled: resampling erases the traces), each window with {@link #MARGIN} pixels of context that are cut away, so
 * that the stitched result equals one pass over the whole image except within the receptive radius of the border.
 */
public final class NoiseprintNet {
    /** Manifest name of the extractor. */
    public static final String MODEL = "noiseprint";
    /**
     * Context around each window, cut away after the pass: at least the network's receptive radius (10 pixels for 10
     * 3x3 layers), so that window seams do not show.
     */
    public static final int MARGIN = 16;

    private final OnnxNet net;
    private final String input, output;

    private NoiseprintNet(OnnxNet net, ModelEntry e) {
        this.net = net;
        this.input = e.property("input", "image");
        this.output = e.property("output", "noiseprint");
    }

    /** The extractor of the registry, loaded once and shared. */
    public static NoiseprintNet fromRegistry(ModelRegistry reg) throws ModelException {
        ModelEntry e = reg.find(MODEL).orElseThrow(() -> new ModelException("The camera-noise model '" + MODEL
                + "' is not in the model manifest" + (reg.directory() == null ? " (no models folder found)" : "")));
        var file = reg.verifiedFile(MODEL);
        OnnxNet n = reg.cached("onnx:" + MODEL, () -> OnnxNet.load(MODEL, file));
        return new NoiseprintNet(n, e);
    }

    /**
     * The noiseprint of the window (x, y, w, h) of an RGB image, row-major w x h; the network sees up to
     * {@link #MARGIN} more pixels on each side where the image has them.
     */
    public float[] window(FloatImage rgb, int x, int y, int w, int h) throws ModelException {
        int x0 = Math.max(0, x - MARGIN), y0 = Math.max(0, y - MARGIN);
        int x1 = Math.min(rgb.width(), x + w + MARGIN), y1 = Math.min(rgb.height(), y + h + MARGIN);
        int cw = x1 - x0, ch = y1 - y0;
        float[] in = new float[3 * cw * ch];
        for (int c = 0; c < 3; c++) {
            float[] p = rgb.plane(c);
            for (int r = 0; r < ch; r++) System.arraycopy(p, (y0 + r) * rgb.width() + x0, in, (c * ch + r) * cw, cw);
        }
        OnnxNet.Tensor t = net.run(Map.of(input, OnnxNet.Tensor.of(in, 1, 3, ch, cw)), output);
        if (t.data().length != cw * ch) {
            throw new ModelException("Model '" + MODEL + "' returned " + Arrays.toString(t.shape()) + " for a " + cw + "x"
                    + ch + " window; expected one channel of the same size");
        }
        float[] out = new float[w * h];
        for (int r = 0; r < h; r++) System.arraycopy(t.data(), (y - y0 + r) * cw + (x - x0), out, r * w, w);
        return out;
    }
}
