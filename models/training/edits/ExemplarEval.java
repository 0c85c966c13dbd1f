import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.provenant.core.io.ImageLoader;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.pixel.exemplar.ExemplarFill;

/**
 * The exemplar-fill indicator on images (docs/pixel-toolbox.md, "Exemplar fill"): one line per image with its lean,
 * the headline (twin pixels in the largest group), the twin share outside the group (the self-similarity gate), the
 * group's share of the image, the milliseconds taken and, where STEM.mask.png lies beside the image (not for an
 * .orig.), the share of the mask the outlined group covers (hit), the share of the group inside the mask (prec) and
 * their IoU. Single-file source:
 *
 *     java -cp "target/lib/*" models/training/edits/ExemplarEval.java IMAGE...
 */
public class ExemplarEval {
    public static void main(String[] args) throws Exception {
        ImageLoader loader = new ImageLoader();
        for (String s : args) {
            Path p = Path.of(s);
            String name = p.getFileName().toString();
            try {
                var img = loader.load(p).image();
                long t0 = System.nanoTime();
                IndicatorResult r = new ExemplarFill().analyze(img, IndicatorContext.of(null));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                MapLayer group = r.maps().isEmpty() ? null : r.maps().get(r.maps().size() - 1);
                Path mp = p.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".mask.png");
                BufferedImage m = Files.exists(mp) && !name.contains(".orig.") ? ImageIO.read(mp.toFile()) : null;
                int w = img.width(), h = img.height();
                long drawn = 0, tp = 0, t = 0;
                for (int y = 0; y < h && group != null; y++) {
                    for (int x = 0; x < w; x++) {
                        boolean d = group.map().get(Math.min(group.map().width() - 1, x * group.map().width() / w),
                                Math.min(group.map().height() - 1, y * group.map().height() / h)) >= 0.5;
                        boolean truth = m != null && (m.getRGB(x, y) & 0xff) > 127;
                        if (d) drawn++;
                        if (truth) { t++; if (d) tp++; }
                    }
                }
                System.out.printf(Locale.ROOT, "%s\t%s\ttwins=%.0f\tbackground=%.4f\tgroup=%.4f\tms=%d\thit=%.2f\tprec=%.2f\tiou=%.2f%n", s,
                        r.supports() == Hypothesis.MANIPULATED ? "EDIT" : "none", r.headline().value(), r.value("background_twin_share"),
                        r.value("group_share"), ms, m == null ? Double.NaN : tp / (double) Math.max(1, t),
                        drawn == 0 ? Double.NaN : tp / (double) drawn, m == null ? Double.NaN : tp / (double) Math.max(1, drawn + t - tp));
            } catch (Exception e) {
                System.out.println(s + "\tERROR\t" + e);
            }
        }
    }
}
