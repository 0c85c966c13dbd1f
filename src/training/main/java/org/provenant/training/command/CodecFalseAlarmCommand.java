package org.provenant.training.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.ImageLoader;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.codec.codeccolour.CodecColourCue;
import org.provenant.indicators.codec.codeccolour.CodecDomain;
import org.provenant.indicators.codec.forestcue.ForestCue;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.codec.NeuralCodec;

/**
 * {@code codec-false-alarms}: how often the neural-codec verdict (cue 1, the colour forest) accuses images that
 * never went through a neural codec: camera photos and classic codec outputs. Each image's central
 * {@link #REGION} pixels are analysed; images are grouped by the variant suffix of their name (e.g. "-jpeg75",
 * "-webp80"; none = the camera photo itself, as build_jpegai_data.sh names them).
 */
public final class CodecFalseAlarmCommand implements Command {
    /** Central region analysed (the training crops are 256; 512 keeps the check bounded). */
    static final int REGION = 512;

    @Override public String name() { return "codec-false-alarms"; }

    @Override public String usage() { return "codec-false-alarms FOLDER|IMAGE... [--threshold P[,P...]] [--models DIR]"; }

    @Override public String description() {
        return """
                Counts how often the neural-codec colour cue accuses images that never went through a neural codec (camera photos
                and classic JPEG, WebP, AVIF outputs), grouped by the variant suffix of their names; --threshold P,P,... also
                prints the counts at other verdict thresholds.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path modelsDir = null;
        List<Double> thresholds = new java.util.ArrayList<>();
        List<Path> inputs = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--threshold")) {
                if (++i >= args.size()) throw new UsageException("--threshold needs a value");
                for (String t : args.get(i).split(",")) thresholds.add(Double.parseDouble(t));
            } else if (args.get(i).equals("--models")) {
                if (++i >= args.size()) throw new UsageException("--models needs a value");
                modelsDir = Path.of(args.get(i));
            } else if (args.get(i).startsWith("--")) {
                throw new UsageException("unexpected argument " + args.get(i));
            } else {
                inputs.add(Path.of(args.get(i)));
            }
        }
        if (inputs.isEmpty()) throw new UsageException("a folder of images that never went through a neural codec is required");
        ModelRegistry registry = modelsDir == null ? ModelRegistry.locate() : ModelRegistry.load(modelsDir);
        IndicatorContext ctx = IndicatorContext.of(registry);
        ImageLoader loader = new ImageLoader();
        List<String> variants = new java.util.ArrayList<>();
        List<double[]> results = new java.util.ArrayList<>();  // {verdict neural codec ? 1 : 0, p_codec}
        for (Path in : inputs)
            for (Path f : CalibrateIrsCommand.expand(in)) {
                FloatImage img = loader.load(f).image();
                if (img.channels() < 3) continue;
                IndicatorResult r = new CodecColourCue().analyze(NeuralCodec.centralCrop(img.toRgb(), REGION), ctx);
                variants.add(variant(f.getFileName().toString()));
                results.add(new double[] {r.supports() == Hypothesis.NEURAL_CODEC ? 1 : 0, r.headline().value()});
            }
        out.println("Neural-codec verdicts of the colour cue (forest trained on codec " + ForestCue.codecId(registry)
                + ", held-out accuracy " + CodecColourCue.VERDICT.calibration(registry).orElseThrow().heldOut().accuracy() + ", verdict above "
                + CodecDomain.codecThreshold(registry) + "), central " + REGION + " px; on camera photos and classic codec outputs every"
                + " 'neural codec' verdict is a false alarm:");
        for (double t : thresholds.isEmpty() ? List.of(CodecDomain.codecThreshold(registry)) : thresholds) {
            Map<String, int[]> byVariant = new TreeMap<>();
            int[] all = new int[3];
            for (int i = 0; i < results.size(); i++)
                for (int[] x : List.of(byVariant.computeIfAbsent(variants.get(i), k -> new int[3]), all)) {
                    x[0]++;
                    x[1] += (int) results.get(i)[0];
                    if (results.get(i)[1] > t) x[2]++;
                }
            out.printf(Locale.ROOT, "(last column: p_codec above %.3f)%n", t);
            for (Map.Entry<String, int[]> e : byVariant.entrySet()) out.println(line(e.getKey(), e.getValue()));
            out.println(line("all", all));
        }
        return 0;
    }

    static String line(String name, int[] c) {
        return String.format(Locale.ROOT, "  %-12s %4d images  verdict 'neural codec' %3d (%.1f %%)  p_codec above threshold %3d (%.1f %%)",
                name, c[0], c[1], 100.0 * c[1] / Math.max(1, c[0]), c[2], 100.0 * c[2] / Math.max(1, c[0]));
    }

    /** "h001-jpeg75.jpg" -> "jpeg75"; "h001.png" -> "camera". */
    static String variant(String file) {
        String base = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        int dash = base.indexOf('-');
        return dash < 0 ? "camera" : base.substring(dash + 1);
    }
}
