package org.provenant.indicators.jpeg.jpegstructure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.io.Evidence;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;

/**
 * The JPEG file's markers and luminance coefficients, read once per analysis, and what aligned double quantization
 * ({@link DoubleQuantization}) says of them: shared by the JPEG structure indicator and the pasted-region indicator.
 */
public final class FirstCompression {
    static final String SHARED_KEY = "jpeg-first-compression";

    final JpegFile file;
    final List<String> problems;
    final DoubleQuantization.Result dq;
    private final String notExamined;

    private FirstCompression(JpegFile file, List<String> problems, DoubleQuantization.Result dq, String notExamined) {
        this.file = file;
        this.problems = List.copyOf(problems);
        this.dq = dq;
        this.notExamined = notExamined;
    }

    /** The analysis of the evidence file, or null when there is no file or it is not a JPEG. */
    public static FirstCompression of(FloatImage image, IndicatorContext ctx) throws IndicatorException {
        if (ctx.evidenceFile().isEmpty()) return null;
        Evidence ev = ctx.evidenceFile().get();
        Optional<FirstCompression> read = ctx.shared(image).compute(SHARED_KEY, () -> {
            byte[] b = ev.copyOfBytes();
            return JpegParser.isJpeg(b) ? Optional.of(read(b, ctx)) : Optional.empty();
        });
        return read.orElse(null);
    }

    private static FirstCompression read(byte[] b, IndicatorContext ctx) {
        JpegFile f = JpegParser.parse(b);
        List<String> problems = new ArrayList<>(f.problems);
        DoubleQuantization.Result dq = null;
        String why = null;
        try {
            Coefficients co = Coefficients.decode(b, f, ctx.progress());
            problems.addAll(co.problems);
            int[] q = f.quant[f.components.get(0).tq()];
            if (q == null) why = "the luminance quantization table is missing";
            else dq = DoubleQuantization.analyse(co, q, ctx.progress());
            if (dq == null && why == null) why = "the image has too few 8x8 blocks (at least " + DoubleQuantization.MIN_BLOCKS + " needed)";
        } catch (JpegDecodeException e) {
            why = e.getMessage();
        }
        return new FirstCompression(f, problems, dq, why);
    }

    /** Whether the coefficients were analysed; else {@link #notExamined()} says why. */
    public boolean examined() { return dq != null; }

    public String notExamined() { return notExamined; }

    /** Evidence of a first compression, nats per 8x8 block (NaN when not examined). */
    public double statistic() { return dq == null ? Double.NaN : dq.statistic(); }

    /**
     * Per 8x8 block of the file's grid: the probability that the block does NOT carry the first compression (NaN
     * where its neighbourhood has no non-zero coefficient); null when not examined.
     */
    public FloatMap lacksFirst() { return dq == null ? null : dq.lacksFirst(); }
}
