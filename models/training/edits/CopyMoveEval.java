import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.provenant.core.io.ImageLoader;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.pixel.copymove.CopyMove;

/**
 * The copy-move indicator on images with masks (docs/pixel-toolbox.md, "The dense field" and "Keypoints"): one line per
 * image with its lean, region pairs (all; the keypoint clusters'; the largest keypoint cluster's matches, counted or
 * not; the dense field's; its regions drawn without a counterpart; the largest block cluster's blocks), the share of
 * the mask the drawn regions cover (hit), the share of the drawn regions inside the mask (prec) and their
 * IoU; the mask is STEM.mask.png beside the image, none for an original. Single-file source:
 *
 *     java -cp "target/lib/*" models/training/edits/CopyMoveEval.java IMAGE...
 */
public class CopyMoveEval {
    public static void main(String[] args) throws Exception {
        ImageLoader loader = new ImageLoader();
        for (String s : args) {
            Path p = Path.of(s);
            var img = loader.load(p).image();
            IndicatorResult r = new CopyMove().analyze(img, IndicatorContext.of(null));
            var map = r.maps().get(0).map();
            int w = img.width(), h = img.height();
            String name = p.getFileName().toString();
            Path mp = p.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".mask.png");
            BufferedImage m = Files.exists(mp) ? ImageIO.read(mp.toFile()) : null;
            long drawn = 0, tp = 0, t = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean d = Float.isFinite(map.get(Math.min(map.width() - 1, x * map.width() / w),
                            Math.min(map.height() - 1, y * map.height() / h)));
                    int rgb = m == null ? 0 : m.getRGB(x, y);
                    boolean truth = m != null && ((rgb & 0xff) > 127 || ((rgb >> 16) & 0xff) > 127);
                    if (d) drawn++;
                    if (truth) { t++; if (d) tp++; }
                }
            }
            System.out.printf(Locale.ROOT, "%s\t%s\tpairs=%.0f\tkeys=%.0f\tkpl=%.0f\tdense=%.0f\tunpaired=%.0f\tblocks=%.0f\thit=%.2f\tprec=%.2f\tiou=%.2f%n", name,
                    r.supports() == Hypothesis.MANIPULATED ? "EDIT" : "none", r.headline().value(), r.value("keypoint_pairs"), r.value("largest_keypoint_cluster"),
                    r.value("dense_regions"), r.value("dense_unpaired"),
                    r.value("largest_cluster_blocks"), m == null ? Double.NaN : tp / (double) Math.max(1, t),
                    drawn == 0 ? Double.NaN : tp / (double) drawn, m == null ? Double.NaN : tp / (double) Math.max(1, drawn + t - tp));
        }
    }
}
