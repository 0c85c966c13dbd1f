import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.provenant.core.io.Evidence;
import org.provenant.core.io.ImageLoader;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Score;
import org.provenant.indicators.features.Regions;

/**
 * Any registered indicator that outlines regions, on images read from their files (so that the file-reading
 * indicators see the evidence): one line per image with its lean, every score as key=value, the milliseconds taken
 * and, where STEM.mask.png lies beside the image (not for an .orig.), the share of the mask the outlined regions
 * cover (hit), the share of the outlined pixels inside the mask (prec) and their IoU. Single-file source:
 *
 *     java -cp "target/lib/*" models/training/edits/RegionEval.java INDICATOR_ID IMAGE...
 */
public class RegionEval {
    public static void main(String[] args) throws Exception {
        var indicator = IndicatorRegistry.byId(args[0]);
        ImageLoader loader = new ImageLoader();
        for (int a = 1; a < args.length; a++) {
            Path p = Path.of(args[a]);
            String name = p.getFileName().toString();
            try {
                byte[] bytes = Files.readAllBytes(p);
                var img = loader.load(p, bytes).image();
                long t0 = System.nanoTime();
                IndicatorResult r = indicator.analyze(img, IndicatorContext.of(null).withEvidence(Evidence.ofBytes(p, bytes)));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                int w = img.width(), h = img.height();
                boolean[] drawn = Regions.outlined(r, w, h);
                Path mp = p.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".mask.png");
                BufferedImage m = Files.exists(mp) && !name.contains(".orig.") ? ImageIO.read(mp.toFile()) : null;
                long d = 0, tp = 0, t = 0;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        boolean in = drawn != null && drawn[y * w + x];
                        boolean truth = m != null && x < m.getWidth() && y < m.getHeight() && (m.getRGB(x, y) & 0xff) > 127;
                        if (in) d++;
                        if (truth) { t++; if (in) tp++; }
                    }
                }
                StringBuilder sb = new StringBuilder(p + "\t" + r.supports());
                for (Score s : r.scores()) sb.append(String.format(Locale.ROOT, "\t%s=%.4f", s.key(), s.value()));
                sb.append(String.format(Locale.ROOT, "\tms=%d\thit=%.2f\tprec=%.2f\tiou=%.2f", ms, m == null ? Double.NaN : tp / (double) Math.max(1, t),
                        d == 0 ? Double.NaN : tp / (double) d, m == null ? Double.NaN : tp / (double) Math.max(1, d + t - tp)));
                System.out.println(sb);
            } catch (Exception e) {
                System.out.println(p + "\tERROR\t" + e);
            }
        }
    }
}
