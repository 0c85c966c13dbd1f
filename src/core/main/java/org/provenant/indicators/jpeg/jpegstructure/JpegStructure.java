package org.provenant.indicators.jpeg.jpegstructure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provenant.core.image.FloatImage;
import org.provenant.core.render.ColourScale;
import org.provenant.indicators.Detail;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Score;

/**
 * The JPEG file's structure and compression history: quantization tables with the estimated quality and the
 * match against the IJG family, chroma subsampling, baseline or progressive coding, restart markers, and aligned
 * double compression from the DCT coefficients ({@link DoubleQuantization}) with a per-block map of the blocks
 * that do not carry the first compression. Non-JPEG files give "not a JPEG" and nothing else.
 */
public final class JpegStructure implements Indicator {
    public static final String ID = "jpeg-structure";
    /** The headline said of a file that is not a JPEG; the panel shows only this. */
    public static final String NOT_JPEG = "not a JPEG";
    /**
     * Double compression is reported above this statistic (nats per block). ImageIO test images (explored while
     * building): single compression below 0.1, double (first quality 50-80, second 85-95) and spliced above 2.5. On
     * the 122 real JPEGs of shared/datasets/gen-vs-real/real 5 are above 1.5 (4.1 %; the threshold was chosen with that set in view, so it
     * is not a held-out figure; some of the five are likely re-saved by their publishers). Held out: 0 of 105 Debian wallpaper and skimage
     * JPEGs of the trust branch's corpus, 4 of 191 re-saved crops (FileIndicatorsCorpusTest). DoubleJpegRealPhotosTest.
     */
    public static final double DQ_THRESHOLD = 1.5;
    /** Measured share of real JPEGs above the threshold, and how many were measured: all 416 real JPEGs of the
     *  corpus (wallpapers, skimage, crops and originals); of them the 105 never seen while choosing it: 0. */
    public static final double MEASURED_FALSE_ALARM = 9 / 416.0;
    public static final int MEASURED_PHOTOS = 416;
    public static final int HELD_OUT_PHOTOS = 105, HELD_OUT_ABOVE = 0;

    @Override public String id() { return ID; }
    @Override public String displayName() { return "JPEG structure"; }
    @Override public String methodReference() {
        return "ITU-T T.81 markers and tables; IJG quality scaling; aligned double-JPEG localization after Bianchi & Piva, "
                + "IEEE TIFS 7(3), 2012, with calibrated DCT histograms (Fridrich)";
    }
    @Override public int order() { return 6; }
    @Override public int cost() { return 10; }
    @Override public EvidenceFamily family() { return EvidenceFamily.JPEG; }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext ctx) throws IndicatorException {
        if (ctx.evidenceFile().isEmpty()) {
            return plain(new Score("jpeg", "JPEG file", Double.NaN, "no file to read"),
                    "The image was not read from a file, so there is no file to read.", "no file to read");
        }
        FirstCompression fc = FirstCompression.of(image, ctx);
        if (fc == null) {
            return plain(new Score("jpeg", "JPEG file", Double.NaN, NOT_JPEG), NOT_JPEG, "not a JPEG file: no JPEG history to read");
        }
        JpegFile f = fc.file;
        List<Score> scores = new ArrayList<>();
        List<Detail> tables = new ArrayList<>();
        List<String> problems = new ArrayList<>(fc.problems);
        tables.add(JpegTables.structure(f));
        tables.addAll(JpegTables.quantization(f));
        QuantTables.Estimate luma = QuantTables.estimate(f.quant[f.components.isEmpty() ? 0 : f.components.get(0).tq()], QuantTables.LUMA);
        scores.add(new Score("quality_luma", "Estimated quality, luminance table", luma.quality() < 0 ? Double.NaN : luma.quality(),
                luma.quality() < 0 ? "no quantization table" : luma.words()));
        scores.add(new Score("ijg_exact", "Tables of the IJG family", JpegTables.allInFamily(f) ? 1 : 0,
                "1: every table is an IJG-scaled standard table, exactly or within one step of rounding (libjpeg and the programs built on it); 0: non-standard tables"));
        scores.add(new Score("progressive", "Progressive coding", f.progressive() ? 1 : 0, "1: progressive, 0: sequential"));
        scores.add(new Score("restart_markers", "Restart markers", f.restartMarkers, "restart interval " + f.restartInterval + " MCUs"));

        DoubleQuantization.Result dq = fc.dq;
        String dqProblem = fc.notExamined();
        if (!problems.isEmpty()) tables.add(JpegTables.problems(problems));
        List<MapLayer> maps = new ArrayList<>();
        Score headline;
        Hypothesis lean = Hypothesis.INCONCLUSIVE;
        double confidence = 0.5;
        Finding finding;
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "A %d x %d JPEG, %s, %s chroma, %s. ", f.width, f.height, f.codingName(),
                f.subsampling(), luma.quality() < 0 ? "no luminance table" : luma.words()));
        if (dq == null) {
            headline = new Score("dq_statistic", "Double-compression evidence", Double.NaN,
                    "not measured: " + dqProblem);
            text.append("Double compression was not examined: ").append(dqProblem).append('.');
            finding = Finding.notHere("a JPEG, " + luma.shortWords() + "; double compression not examined", dqProblem);
        } else {
            tables.add(JpegTables.frequencies(dq));
            headline = new Score("dq_statistic", "Double-compression evidence", dq.statistic(), String.format(Locale.ROOT,
                    "log-likelihood gain of a first-quantization model, nats per 8x8 block; above %.2f reported as double compression%s",
                    DQ_THRESHOLD, falseAlarmWords()));
            float[] m = dq.lacksFirst().data();
            int lacking = 0, known = 0;
            for (float v : m) {
                if (Float.isNaN(v)) continue;
                known++;
                if (v > 0.5f) lacking++;
            }
            double lackShare = known == 0 ? Double.NaN : lacking / (double) known;
            scores.add(new Score("dq_share", "Share of coefficients fitted by the double model", dq.dqShare(),
                    "mean EM share over the frequencies that show the artefact"));
            boolean detected = dq.statistic() > DQ_THRESHOLD;
            if (detected) {
                scores.add(new Score("lacking_share", "Blocks without the first compression", lackShare,
                        "share of 8x8 blocks whose coefficients fit single compression better (a pasted or re-aligned region shows as a cluster)"));
                maps.add(new MapLayer("Blocks without the first compression", dq.lacksFirst(), ColourScale.INFERNO, 0, 1,
                        "0 (carries the first compression)", "1 (lacks it)", true, List.of()));
                text.append(String.format(Locale.ROOT, "The DCT histograms show the periodic gaps and peaks a first compression "
                        + "leaves (evidence %.2f nats per block, above %.2f): the picture was compressed as JPEG at least twice, "
                        + "first with steps near those listed under 'First quantization'. ", dq.statistic(), DQ_THRESHOLD));
                text.append(String.format(Locale.ROOT, "%.0f %% of the blocks do not carry the first compression; a compact "
                        + "cluster of them marks a region pasted in or edited after the first save, scattered ones are noise in "
                        + "flat or saturated areas. ", 100 * lackShare));
                text.append("Re-saving alone (an editor, a messenger) also compresses twice: this is a finding about the "
                        + "file's history, not proof of manipulation. A camera original is compressed once.");
                int first = QuantTables.firstQuality(dq.frequencies());
                String now = luma.shortWords();
                String phrase = "two JPEG compressions, " + (first > 0 ? "quality " + first + " then " + now.replace("quality ", "")
                        : "now " + now);
                if (MEASURED_PHOTOS > 0 && MEASURED_FALSE_ALARM <= 0.05) {
                    lean = Hypothesis.DOUBLE_COMPRESSED;
                    confidence = Math.min(0.95, 0.6 + dq.statistic() / 4);
                    finding = Finding.lean(lean, confidence, phrase, String.format(Locale.ROOT, "threshold on real photos: %d of %d"
                            + " held out above it", HELD_OUT_ABOVE, HELD_OUT_PHOTOS));
                } else {
                    finding = new Finding(phrase, "a finding about the file's history", Finding.Standing.SUPPORTS,
                            Hypothesis.DOUBLE_COMPRESSED);
                }
            } else {
                finding = new Finding("one JPEG compression found, " + luma.shortWords(), "a re-save at a lower quality can"
                        + " erase an earlier one", Finding.Standing.NEUTRAL, Hypothesis.INCONCLUSIVE);
                text.append(String.format(Locale.ROOT, "The DCT histograms show no clear trace of an earlier compression "
                        + "(evidence %.2f nats per block, reported from %.2f). A camera original looks like this; so does a "
                        + "picture re-saved at a lower quality or after resizing, which erases the trace, so this is no proof "
                        + "of a single save.", dq.statistic(), DQ_THRESHOLD));
            }
        }
        if (!problems.isEmpty()) text.append(" The file's structure has problems: ").append(String.join("; ", problems)).append('.');
        scores.add(0, headline);
        return new IndicatorResult(ID, headline, scores, maps, text.toString().strip(), lean, confidence, new double[0], tables,
                finding);
    }

    private static String falseAlarmWords() {
        return MEASURED_PHOTOS > 0 ? String.format(Locale.ROOT, " (measured: %d of %d held-out real photos above it; "
                + "%.1f %% of all %d real JPEGs of the evaluation corpus)", HELD_OUT_ABOVE, HELD_OUT_PHOTOS,
                100 * MEASURED_FALSE_ALARM, MEASURED_PHOTOS) : "";
    }

    private IndicatorResult plain(Score headline, String explanation, String phrase) {
        return new IndicatorResult(ID, headline, List.of(headline), List.of(), explanation, Hypothesis.INCONCLUSIVE, 0.5,
                new double[0]).withFinding(Finding.notHere(phrase, explanation));
    }
}
