package org.provenant.indicators.generative.spectrum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.provenant.core.fft.Fft2D;
import org.provenant.core.filter.HighPass;
import org.provenant.core.filter.Parallel;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.render.ColourScale;
import org.provenant.indicators.ContentCheck;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Marker;
import org.provenant.indicators.ProgressSink;
import org.provenant.indicators.Score;
import org.provenant.indicators.verdict.Verdict;
import org.provenant.indicators.verdict.VerdictPolicy;
import org.provenant.indicators.verdict.JpegTrace;

/**
 * Averaged Fourier spectrum of noise residuals over tiles, with detection of the periodic peaks that
 * upsampling (transposed convolutions, interpolation in generators and neural codecs, resizing) leaves at
 * N/2, N/4 and N/8 along both axes and the diagonals.
 *
 * <p>Two spectra are averaged over {@link #TILE}-pixel tiles of the grey image (Hann window, each tile's
 * spectrum normalised to mean 1, log power in dB, centred):
 * <ul>
 * <li>the <b>residual spectrum</b> of the {@link HighPass} residual: shows deterministic periodic patterns
 *     (e.g. checkerboard artefacts of transposed convolutions);</li>
 * <li>the <b>residual-energy spectrum</b> of e = |I(x+1,y) - I(x,y)| + |I(x,y+1) - I(x,y)|: interpolated pixels
 *     differ less from their neighbours than original ones, so e varies periodically even when the residual
 *     itself has no periodic mean (plain 2x interpolation). First differences are used because they are not
 *     mirror-symmetric: for a symmetric filter, a centre-aligned 2x interpolation looks the same at even and odd
 *     pixels.</li>
 * </ul>
 * Both real signals go through one complex FFT per tile (residual as real part, energy as imaginary part).
 * A peak's strength is its dB value minus its local background: the largest of the median dB of the surrounding
 * window ({@link #BACKGROUND_RADIUS}, without the 3x3 centre), of the same row and of the same column, so that the
 * bright lines that straight edges draw along the axes do not count as peaks.
 */
public final class ResidualSpectrum implements Indicator {
    public static final String ID = "residual-spectrum";
    /** Its verdict: a likelihood ratio calibrated on held-out sources (models/calibration). */
    static final VerdictPolicy VERDICT = VerdictPolicy.calibrated(ID, Hypothesis.GENERATED, "generated");
    /** Tile side (a power of two and a multiple of 8 so that every tile sees an upsampling grid in phase). Our choice. */
    public static final int TILE = 256;
    /** Smallest tile used for small images. */
    public static final int MIN_TILE = 64;
    /** At most this many tiles are averaged (spread evenly over the image); enough for a stable average. Our choice. */
    public static final int MAX_TILES = 48;
    /** Half-width of the window whose median is the local background of a candidate peak. Our choice. */
    public static final int BACKGROUND_RADIUS = 6;
    /**
     * A grid peak this many dB above its local background counts as detected, when enough tiles are averaged.
     * Our choice: plain noise averaged over 16 tiles stays below 3 dB at every grid position (see the test).
     */
    public static final double PEAK_THRESHOLD_DB = 6.0;
    /**
     * With few tiles the averaged spectrum is noisy (a single tile's bins scatter like an exponential variable), so
     * the threshold rises to 10 log10(1 + F / sqrt(tiles)) dB when that is larger: 11 dB for one tile, 8.5 dB for
     * four, {@link #PEAK_THRESHOLD_DB} from 16 on. F is our choice.
     */
    public static final double SMALL_SAMPLE_FACTOR = 12;
    /** Candidate periods: peaks at N/2, N/4, N/8. */
    static final int[] DIVISORS = {2, 4, 8};
    /** Candidate directions (row step, column step): horizontal, vertical, two diagonals. */
    private static final int[][] DIRECTIONS = {{0, 1}, {1, 0}, {1, 1}, {1, -1}};
    private static final String[] DIRECTION_NAMES = {"horizontal", "vertical", "diagonal", "anti-diagonal"};

    /** One candidate grid position of one spectrum. */
    public record Peak(String spectrum, int divisor, String direction, int row, int col, double strengthDb) { }

    /** Detection threshold in dB for a spectrum averaged over this many tiles. */
    public static double thresholdDb(int tiles) {
        return Math.max(PEAK_THRESHOLD_DB, 10 * Math.log10(1 + SMALL_SAMPLE_FACTOR / Math.sqrt(Math.max(1, tiles))));
    }

    /** Both averaged spectra in dB (FFT order, tile x tile) and the tiles averaged. */
    record Spectra(int tile, int tiles, float[] residualDb, float[] energyDb) { }

    @Override public String id() { return ID; }
    @Override public EvidenceFamily family() { return EvidenceFamily.GENERATIVE; }
    @Override public String displayName() { return "Residual spectrum (upsampling peaks)"; }
    @Override public String methodReference() {
        return "Averaged noise-residual spectrum (cf. Durall et al. CVPR 2020; Corvi et al. ICASSP 2023); periodic upsampling"
                + " peaks as in Popescu & Farid 2005 / Gallagher 2005";
    }
    @Override public int order() { return 20; }
    @Override public int cost() { return 2; }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext context) throws IndicatorException {
        IndicatorResult thin = ContentCheck.check(this, image, context, MIN_TILE);
        if (thin != null) return thin;
        Spectra s = compute(image, context.progress());
        List<Peak> peaks = new ArrayList<>();
        peaks.addAll(peaks("residual", s.residualDb(), s.tile()));
        peaks.addAll(peaks("energy", s.energyDb(), s.tile()));
        Peak best = peaks.get(0);
        for (Peak p : peaks) if (p.strengthDb() > best.strengthDb()) best = p;
        int n = s.tile();
        double threshold = thresholdDb(s.tiles());
        JpegTrace jpeg = JpegTrace.of(image, context);
        List<Score> scores = new ArrayList<>();
        Score head = new Score("peak_db", "Strongest upsampling-grid peak", jpeg.any() ? Double.NaN : best.strengthDb(),
                String.format(Locale.ROOT, "dB above the local spectral background (higher = a stronger periodic upsampling"
                        + " trace; %.1f dB stands out for %d tiles); undefined (NaN) for a classic JPEG, whose 8x8 block grid puts"
                        + " peaks on every position read here", threshold, s.tiles()));
        scores.add(head);
        scores.add(new Score("jpeg_family_peak_db", "Strongest peak on the JPEG grid family (k N/8)", best.strengthDb(),
                "All N/2, N/4 and N/8 positions are multiples of N/8, where an 8x8 JPEG block grid also puts peaks; reported"
                        + " separately and never read as upsampling when a JPEG grid was found."));
        scores.add(new Score("jpeg_grid", "8x8 block-grid strength in the pixels", jpeg.grid().strength(),
                "Margin of the strongest pixel phase mod 8 over the second, relative to the mean step; at or above "
                        + JpegTrace.GRID_STRENGTH + " counts as a JPEG block grid (near 0 without one)."));
        scores.add(new Score("jpeg_file", "File is a classic JPEG", jpeg.file() ? 1 : 0, "1 when the evidence file's headers are JPEG's."));
        for (String sp : List.of("residual", "energy")) {
            for (int d : DIVISORS) {
                double m = Double.NEGATIVE_INFINITY;
                for (Peak p : peaks) if (p.spectrum().equals(sp) && p.divisor() == d) m = Math.max(m, p.strengthDb());
                scores.add(new Score(sp + "_n" + d + "_db", "Peak at N/" + d + " (" + sp + " spectrum)", m,
                        "dB above background of the strongest of the four N/" + d + " grid positions (axes and diagonals)."));
            }
        }
        scores.add(new Score("tiles", "Tiles averaged", s.tiles(), n + "x" + n + " tiles (half-overlapping when the image is"
                + " small); more tiles give a steadier background and a lower detection threshold."));
        scores.add(new Score("threshold_db", "Detection threshold", threshold, "dB a grid peak must reach for this many tiles."));
        List<MapLayer> maps = List.of(layer("Residual spectrum", s.residualDb(), n, peaks, "residual", threshold),
                layer("Residual-energy spectrum", s.energyDb(), n, peaks, "energy", threshold));
        long detected = peaks.stream().filter(p -> p.strengthDb() >= threshold).count();
        Verdict v = VERDICT.decide(head.value(), image, context);
        scores.addAll(v.scores());
        String found = detected > 0
                ? String.format(Locale.ROOT, "%d grid position(s) stand out, the strongest at N/%d %s, %.1f dB above the background",
                        detected, best.divisor(), best.direction(), best.strengthDb())
                : String.format(Locale.ROOT, "no grid position stands out (strongest %.1f dB, threshold %.1f dB)",
                        best.strengthDb(), threshold);
        String explanation = "The pictures show the average frequency content of the image's fine noise, low frequencies in the"
                + " centre and high ones at the edges; " + found + ". A camera original gives a smooth spectrum without"
                + " isolated bright points, while upsampling in generators, neural codecs or resizing leaves bright points at"
                + " half, quarter or eighth of the sampling frequency (marked)."
                + (jpeg.any() ? " Here " + jpeg.where() + ": its block grid puts peaks at every multiple of N/8, which includes"
                + " every position this indicator reads, so those peaks are reported separately (the JPEG family) and no"
                + " upsampling is read from them." : "") + v.sentence();
        return new IndicatorResult(ID, head, scores, maps, explanation, v.supports(), v.confidence(), new double[0])
                .withFinding(VERDICT.finding(v, context.models()));
    }

    private static MapLayer layer(String name, float[] db, int n, List<Peak> peaks, String spectrum, double threshold) {
        float[] centred = Fft2D.shift(db, n, n);
        FloatMap map = new FloatMap(n, n, centred);
        float[] sorted = centred.clone();
        Arrays.sort(sorted);
        double low = sorted[sorted.length / 20];
        double high = sorted[sorted.length - 1];
        List<Marker> markers = new ArrayList<>();
        for (Peak p : peaks) {
            if (!p.spectrum().equals(spectrum) || p.strengthDb() < threshold) continue;
            double x = Math.floorMod(p.col() + n / 2, n) + 0.5, y = Math.floorMod(p.row() + n / 2, n) + 0.5;
            markers.add(new Marker(x, y, String.format(Locale.ROOT, "N/%d %.1f dB", p.divisor(), p.strengthDb())));
        }
        return new MapLayer(name, map, ColourScale.INFERNO, low, high, String.format(Locale.ROOT, "%.0f dB", low),
                String.format(Locale.ROOT, "%.0f dB", high), false, markers);
    }

    /** Strength of every candidate grid position (3 divisors x 4 directions) in one spectrum (dB, FFT order). */
    static List<Peak> peaks(String spectrum, float[] db, int n) {
        List<Peak> out = new ArrayList<>();
        int r = BACKGROUND_RADIUS;
        float[] ring = new float[(2 * r + 1) * (2 * r + 1)];
        for (int d : DIVISORS) {
            int step = n / d;
            for (int k = 0; k < DIRECTIONS.length; k++) {
                int row = Math.floorMod(DIRECTIONS[k][0] * step, n), col = Math.floorMod(DIRECTIONS[k][1] * step, n);
                double background = Math.max(windowMedian(db, n, row, col, r, ring, true, true),
                        Math.max(windowMedian(db, n, row, col, r, ring, true, false), windowMedian(db, n, row, col, r, ring, false, true)));
                out.add(new Peak(spectrum, d, DIRECTION_NAMES[k], row, col, db[row * n + col] - background));
            }
        }
        return out;
    }

    /**
     * Median of the dB values around (row, col) within +-r, without the 3x3 centre: over the whole square
     * (both flags), or along the row only (alongRow) or the column only (alongCol). The line medians keep the
     * bright axis lines that straight edges draw through the spectrum from counting as peaks.
     */
    private static double windowMedian(float[] db, int n, int row, int col, int r, float[] buf, boolean alongRow, boolean alongCol) {
        int m = 0;
        for (int dy = -r; dy <= r; dy++) {
            if (!alongCol && dy != 0) continue;
            for (int dx = -r; dx <= r; dx++) {
                if (!alongRow && dx != 0) continue;
                if (Math.abs(dy) <= 1 && Math.abs(dx) <= 1) continue;
                buf[m++] = db[Math.floorMod(row + dy, n) * n + Math.floorMod(col + dx, n)];
            }
        }
        Arrays.sort(buf, 0, m);
        return m % 2 == 1 ? buf[m / 2] : 0.5 * (buf[m / 2 - 1] + buf[m / 2]);
    }

    static Spectra compute(FloatImage image, ProgressSink sink) {
        FloatImage grey = image.toGrey();
        int w = grey.width(), h = grey.height();
        int n = TILE;
        while (n > Math.min(w, h)) n /= 2;
        if (n < MIN_TILE) throw new IllegalArgumentException("image smaller than " + MIN_TILE + " pixels");
        // non-overlapping tiles; half-overlapping (Welch) when that gives too few. Origins stay multiples of 8.
        int stride = (w / n) * (h / n) >= MAX_TILES ? n : n / 2;
        int nx = (w - n) / stride + 1, ny = (h - n) / stride + 1, total = nx * ny;
        int used = Math.min(total, MAX_TILES);
        int[] tiles = new int[used];
        for (int i = 0; i < used; i++) tiles[i] = (int) ((long) i * total / used);
        final int step = stride;
        int workers = Math.max(1, Math.min(used, Runtime.getRuntime().availableProcessors()));
        final int tileSide = n;
        double[][] accRes = new double[workers][n * n];
        double[][] accEn = new double[workers][n * n];
        float[] plane = grey.plane(0);
        float[] win = Fft2D.hann(n);
        AtomicInteger done = new AtomicInteger();
        Parallel.forEach(workers, wk -> {
            Fft2D fft = new Fft2D(tileSide, tileSide);
            float[] tile = new float[tileSide * tileSide];
            float[] res = new float[tileSide * tileSide];
            float[] scratch = new float[tileSide];
            float[] z = new float[2 * tileSide * tileSide];
            for (int t = wk; t < used; t += workers) {
                sink.checkCancelled();
                int x0 = (tiles[t] % nx) * step, y0 = (tiles[t] / nx) * step;
                for (int y = 0; y < tileSide; y++) System.arraycopy(plane, (y0 + y) * w + x0, tile, y * tileSide, tileSide);
                HighPass.residualRows(tile, tileSide, tileSide, 0, tileSide, res, scratch);
                double mr = 0, me = 0;
                for (int y = 0; y < tileSide; y++) {
                    int gy = y0 + y, below = Math.min(h - 1, gy + 1) * w;
                    for (int x = 0; x < tileSide; x++) {
                        int gx = x0 + x, i = gy * w + gx;
                        float v = plane[i];
                        float e = Math.abs(plane[gy * w + Math.min(w - 1, gx + 1)] - v) + Math.abs(plane[below + gx] - v);
                        int o = y * tileSide + x;
                        z[2 * o] = res[o];
                        z[2 * o + 1] = e;
                        mr += res[o];
                        me += e;
                    }
                }
                mr /= tileSide * tileSide;
                me /= tileSide * tileSide;
                for (int y = 0; y < tileSide; y++) {
                    for (int x = 0; x < tileSide; x++) {
                        int o = y * tileSide + x;
                        float wv = win[y] * win[x];
                        z[2 * o] = (float) ((z[2 * o] - mr) * wv);
                        z[2 * o + 1] = (float) ((z[2 * o + 1] - me) * wv);
                    }
                }
                fft.complexForward(z);
                accumulate(z, tileSide, accRes[wk], accEn[wk]);
                sink.progress((double) done.incrementAndGet() / used);
            }
        });
        double[] sr = new double[n * n], se = new double[n * n];
        for (int k = 0; k < workers; k++) {
            for (int i = 0; i < n * n; i++) {
                sr[i] += accRes[k][i];
                se[i] += accEn[k][i];
            }
        }
        return new Spectra(n, used, toDb(sr, used), toDb(se, used));
    }

    /**
     * Splits the FFT Z of (a + i b) into the power spectra of a and b, |A(k)|^2 = |Z(k) + conj Z(-k)|^2 / 4 and
     * |B(k)|^2 = |Z(k) - conj Z(-k)|^2 / 4, normalises each to mean 1 over the tile (a flat tile adds nothing) and adds
     * them to the accumulators.
     */
    private static void accumulate(float[] z, int n, double[] accA, double[] accB) {
        double[] pa = new double[n * n], pb = new double[n * n];
        double sa = 0, sb = 0;
        for (int u = 0; u < n; u++) {
            int nu = (n - u) % n;
            for (int v = 0; v < n; v++) {
                int k = u * n + v, m = nu * n + (n - v) % n;
                double zr = z[2 * k], zi = z[2 * k + 1], cr = z[2 * m], ci = -z[2 * m + 1];
                double ar = zr + cr, ai = zi + ci, br = zr - cr, bi = zi - ci;
                pa[k] = (ar * ar + ai * ai) / 4;
                pb[k] = (br * br + bi * bi) / 4;
                sa += pa[k];
                sb += pb[k];
            }
        }
        double na = sa > 0 ? n * n / sa : 0, nb = sb > 0 ? n * n / sb : 0;
        for (int i = 0; i < n * n; i++) {
            accA[i] += pa[i] * na;
            accB[i] += pb[i] * nb;
        }
    }

    /** Mean power over the tiles in dB; the floor of 1e-12 keeps a flat image finite. */
    private static float[] toDb(double[] sum, int tiles) {
        float[] out = new float[sum.length];
        for (int i = 0; i < sum.length; i++) out[i] = (float) (10 * Math.log10(Math.max(1e-12, sum[i] / tiles)));
        return out;
    }
}
