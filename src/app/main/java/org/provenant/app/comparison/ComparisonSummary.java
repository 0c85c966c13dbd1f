package org.provenant.app.comparison;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.app.common.Formats;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.report.PdfReport;

/**
 * The comparison's summary table as data: per indicator, each image's headline and lean, whether the images differ
 * (the report's rule, {@link PdfReport#differs}), which image departs most, and the spread in words.
 */
final class ComparisonSummary {
    private ComparisonSummary() { }

    /** One cell of the summary table: the headline and lean (null unless the indicator finished), marked when it departs most. */
    public record Cell(String text, Hypothesis lean, boolean departs) { }

    /** One row of the summary table: an indicator's cell per image, whether they differ, and the spread in words. */
    public record Row(String indicatorId, String name, boolean differs, List<Cell> cells, String spread) { }

    /**
     * The summary table for these reports (null: none yet) of images that ended or not: per indicator, each image's
     * headline and lean ("..." while it runs, "not run" when it ended without one); once every image ended, whether
     * they differ ({@link PdfReport#differs}), which departs most and the spread in words.
     */
    static List<Row> rows(List<Indicator> indicators, List<AnalysisReport> reports, List<Boolean> ended) {
        boolean all = ended.stream().allMatch(Boolean::booleanValue);
        List<Row> out = new ArrayList<>();
        for (Indicator ind : indicators) {
            List<IndicatorOutcome> outs = new ArrayList<>();
            for (AnalysisReport r : reports) outs.add(r == null ? null : r.outcome(ind.id()).orElse(null));
            boolean differs = all && PdfReport.differs(outs);
            Set<Integer> departs = differs ? departing(outs) : Set.of();
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < outs.size(); i++) {
                IndicatorOutcome o = outs.get(i);
                String text = o == null ? (ended.get(i) ? "not run" : "...")
                        : o.ok() ? Formats.value(o.result().headline().value()) + "  " + o.result().supports().phrase()
                        : o.status().name().toLowerCase(Locale.ROOT);
                cells.add(new Cell(text, o != null && o.ok() ? o.result().supports() : null, departs.contains(i)));
            }
            out.add(new Row(ind.id(), ind.displayName(), differs, List.copyOf(cells),
                    all ? spreadInWords(outs, departs) : "waiting for the analyses"));
        }
        return out;
    }

    /**
     * The images whose headline departs most from the median of all (ties: all of them, so with two images both);
     * an image whose indicator failed, or that leans alone to another explanation, departs first.
     */
    static Set<Integer> departing(List<IndicatorOutcome> outs) {
        Set<Integer> failed = new LinkedHashSet<>();
        for (int i = 0; i < outs.size(); i++) {
            IndicatorOutcome o = outs.get(i);
            if (o == null || !o.ok() || !Double.isFinite(o.result().headline().value())) failed.add(i);
        }
        if (!failed.isEmpty()) return failed;
        // a lean shared by no other image
        Set<Integer> alone = new LinkedHashSet<>();
        for (int i = 0; i < outs.size(); i++) {
            final int k = i;
            long same = outs.stream().filter(o -> o.result().supports() == outs.get(k).result().supports()).count();
            if (same == 1 && outs.size() > 2) alone.add(i);
        }
        if (alone.size() == 1) return alone;
        double[] v = outs.stream().mapToDouble(o -> o.result().headline().value()).toArray();
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double best = 0;
        for (double x : v) best = Math.max(best, Math.abs(x - median));
        Set<Integer> out = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) if (Math.abs(v[i] - median) >= best - 1e-12 * Math.max(1, Math.abs(best))) out.add(i);
        return out;
    }

    /** E.g. "differ: #2 departs most; spread 0.41 (67 % of the largest)" or "similar: spread 3 % of the largest". */
    static String spreadInWords(List<IndicatorOutcome> outs, Set<Integer> departs) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, mag = 0;
        int ok = 0;
        for (IndicatorOutcome o : outs) {
            if (o == null || !o.ok()) continue;
            double v = o.result().headline().value();
            if (!Double.isFinite(v)) continue;
            ok++;
            min = Math.min(min, v);
            max = Math.max(max, v);
            mag = Math.max(mag, Math.abs(v));
        }
        if (ok == 0) return "no image has a score";
        String pct = mag > 0 ? String.format(Locale.ROOT, "%.0f %% of the largest", 100 * (max - min) / mag) : "all zero";
        String spread = "spread " + Formats.value(max - min) + " (" + pct + ")";
        if (departs.isEmpty()) return "similar: " + spread;
        StringBuilder who = new StringBuilder();
        for (int i : departs) who.append(who.length() == 0 ? "" : " and ").append('#').append(i + 1);
        boolean leans = outs.stream().filter(o -> o != null && o.ok()).map(o -> o.result().supports()).distinct().count() > 1;
        return "DIFFER: " + who + (departs.size() == 1 ? " departs most" : " depart equally")
                + (ok < outs.size() ? "; not every image has a score" : "") + (leans ? "; different leans" : "") + "; " + spread;
    }
}
