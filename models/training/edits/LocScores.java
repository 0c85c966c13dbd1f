import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.provenant.indicators.pixel.localization.FusionModel;
import org.provenant.indicators.pixel.localization.Localization;
import org.provenant.indicators.verdict.Calibrations;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.calibration.VerdictCalibration;
import org.provenant.training.evaluation.LabelledSet.Item;
import org.provenant.training.evaluation.MaskedSet;
import org.provenant.training.localization.FusionFitter;
import org.provenant.training.localization.LocalizationCells;
import org.provenant.training.localization.LocalizationCells.ImageCells;

/**
 * The localization's image-level score per image (docs/localization.md, session 11): one line per image with the set,
 * kind (edit, original, untouched), source, fold, file, {@code edited_score}, its calibrated LR and whether it reaches
 * the verdict LR. Reads the cell features from data/loccues-cache where they are (computes and stores the others).
 * SET is {@code heldout:EDITS} (the held-out part of build_edits.py's set), {@code untouched:PHOTOS} (heldout_photos.py)
 * or {@code masked:DIR} (real-edits). Single-file source:
 *
 *     java -cp "target/lib/*" models/training/edits/LocScores.java MODELS SET...
 */
public class LocScores {
    public static void main(String[] args) throws Exception {
        Path cache = Path.of("data/loccues-cache");
        try (ModelRegistry models = ModelRegistry.load(Path.of(args[0]))) {
            FusionModel m = FusionModel.load(models).orElseThrow();
            VerdictCalibration cal = VerdictCalibration.read(models.verifiedFile(Calibrations.calibrationModel(Localization.ID)));
            for (int k = 1; k < args.length; k++) {
                String[] set = args[k].split(":", 2);
                List<Item> items = switch (set[0]) {
                    case "heldout" -> MaskedSet.read(Path.of(set[1]), "heldout");
                    case "untouched" -> MaskedSet.untouched(Path.of(set[1]));
                    case "masked" -> MaskedSet.read(Path.of(set[1]), null);
                    default -> throw new IllegalArgumentException("SET is heldout:DIR, untouched:DIR or masked:DIR, not " + args[k]);
                };
                List<ImageCells> cells = LocalizationCells.all(items, models, 2, Files.isDirectory(cache) ? cache : null, false,
                        false, d -> { });
                for (ImageCells c : cells) {
                    double s = Localization.smoothedPeak(FusionFitter.map(m.edited(), c)), lr = cal.lr(s);
                    Item it = c.item();
                    System.out.printf(Locale.ROOT, "%s\t%s\t%s\t%d\t%s\t%.4f\t%.3f\t%s%n", set[0], MaskedSet.kind(it), it.source(),
                            MaskedSet.calibrationFold(it.source()), it.file(), s, lr, lr >= cal.verdictLr() ? "reaches" : "-");
                }
            }
        }
    }
}
