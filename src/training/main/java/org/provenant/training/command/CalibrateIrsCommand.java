package org.provenant.training.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.generative.realism.IrsReference;
import org.provenant.indicators.generative.realism.RealismStatistics;
import org.provenant.ml.ModelRegistry;

/**
 * {@code calibrate-irs}: measures the five IRS statistics on real photos (files, or every image file in a folder,
 * sorted by name) and writes their means as the IRS reference JSON. The recipe used for the shipped file is in
 * models/calibration/README.md.
 */
public final class CalibrateIrsCommand implements Command {
    private static final List<String> IMAGE_SUFFIXES = List.of(".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp");

    @Override public String name() { return "calibrate-irs"; }

    @Override public String usage() { return "calibrate-irs FOLDER|IMAGE... --out irs-reference.json"; }

    @Override public String description() {
        return """
                Measures the five Image Realism Score statistics on real photos (files, or every image in a folder) and writes their
                means as the reference JSON the indicator compares with (models/calibration/README.md).""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path dest = null;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--out")) {
                if (i + 1 >= args.size()) throw new UsageException("--out needs a file name");
                dest = Path.of(args.get(++i));
            } else {
                inputs.add(Path.of(args.get(i)));
            }
        }
        if (dest == null) throw new UsageException("--out is required");
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) files.addAll(expand(p));
        if (files.isEmpty()) throw new UsageException("no reference images given");
        ImageLoader loader = new ImageLoader();
        List<String> names = new ArrayList<>();
        List<double[]> stats = new ArrayList<>();
        out.printf(Locale.ROOT, "%-24s %10s %10s %10s %12s %12s%n", "image", "edges", "contrast", "energy", "lap.var", "fft.mean");
        for (Path f : files) {
            LoadedImage img = loader.load(f);
            double[] s = RealismStatistics.measure(img.image());
            names.add(img.fileName());
            stats.add(s);
            out.printf(Locale.ROOT, "%-24s %10.4f %10.2f %10.5f %12.1f %12.1f%n", img.fileName(), s[0], s[1], s[2], s[3], s[4]);
        }
        String recipe = "provenant calibrate-irs " + String.join(" ", args) + " (statistics at "
                + RealismStatistics.WORK_SIZE + "x" + RealismStatistics.WORK_SIZE + " 8-bit grey, see RealismStatistics)";
        IrsReference ref = IrsReference.of(names, stats, recipe);
        if (dest.toAbsolutePath().getParent() != null) Files.createDirectories(dest.toAbsolutePath().getParent());
        ref.write(dest);
        out.println("means " + ref.means());
        out.println("wrote " + dest + " (SHA-256 " + ModelRegistry.sha256(dest) + ", manifest kind " + IrsReference.KIND + ")");
        return 0;
    }

    static List<Path> expand(Path p) throws UsageException, IOException {
        if (Files.isRegularFile(p)) return List.of(p);
        if (!Files.isDirectory(p)) throw new UsageException(p + " is neither an image file nor a folder");
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> IMAGE_SUFFIXES.stream().anyMatch(x -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(x)))
                    .sorted().toList();
        }
    }
}
