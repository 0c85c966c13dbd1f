package org.provenant.app.workbench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.app.common.FindingStyle;
import org.provenant.app.common.Formats;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;

/**
 * The Overview's state, without any view: one card per indicator with its state, its finding in words, the figures
 * behind it and the map to show small, in the order of the first screen: the overall assessment, then the indicators
 * with something to say about this image (most telling first), then those without, then those still running, then
 * those that failed. The window feeds it the analysis events; the view draws {@link #cards()}.
 */
public final class OverviewViewModel {
    public enum State { WAITING, RUNNING, DONE, FAILED, CANCELLED }

    /** Where a card goes on the first screen. */
    public enum Group { ASSESSMENT, TELLING, QUIET, PENDING, FAILED }

    /**
     * One indicator's card.
     *
     * @param finding     the finding in words (null until done)
     * @param figures     the headline number with its label, e.g. "Mean red: 0.520" (for hover; empty until done)
     * @param map         the first overlay map, else the first map, else null
     * @param explanation the explanation, or the error of a failed indicator
     */
    public record Card(String indicatorId, String name, EvidenceFamily family, State state, Finding finding, String figures,
                       MapLayer map, String explanation) {
        /** The words on the card's chip: the finding's phrase, or the state ("running...", "failed: ..."). */
        public String findingText() {
            return switch (state) {
                case DONE -> finding.phrase();
                case FAILED -> "failed: " + explanation;
                case CANCELLED -> "cancelled";
                case RUNNING -> "running...";
                case WAITING -> "waiting";
            };
        }

        public Group group() {
            if (family == EvidenceFamily.FUSION) return Group.ASSESSMENT;
            return switch (state) {
                case DONE -> finding.standing().telling() ? Group.TELLING : Group.QUIET;
                case WAITING, RUNNING -> Group.PENDING;
                case FAILED, CANCELLED -> Group.FAILED;
            };
        }
    }

    /** The first screen's order: group, then the finding (most telling first); equal ones in panel order. */
    static final Comparator<Card> ORDER = Comparator.comparing(Card::group)
            .thenComparing((a, b) -> a.finding() != null && b.finding() != null
                    ? Finding.MOST_TELLING_FIRST.compare(a.finding(), b.finding()) : 0);

    private final List<Indicator> indicators;
    private final ObservableList<Card> cards = FXCollections.observableArrayList();

    public OverviewViewModel(List<Indicator> indicators) {
        List<Indicator> sorted = new ArrayList<>(indicators);
        sorted.sort(Comparator.comparing(Indicator::family).thenComparingInt(Indicator::order));
        this.indicators = List.copyOf(sorted);
        reset();
    }

    /** The cards in display order. */
    public ObservableList<Card> cards() { return cards; }

    /** A new analysis is about to start. */
    public void reset() {
        List<Card> c = new ArrayList<>();
        for (Indicator i : indicators) c.add(new Card(i.id(), i.displayName(), i.family(), State.WAITING, null, "", null, ""));
        cards.setAll(c);
    }

    public void started(String id) {
        update(id, c -> new Card(c.indicatorId(), c.name(), c.family(), State.RUNNING, null, "", null, ""));
    }

    public void finished(IndicatorOutcome o) {
        update(o.indicatorId(), c -> switch (o.status()) {
            case DONE -> {
                IndicatorResult r = o.result();
                yield new Card(c.indicatorId(), c.name(), c.family(), State.DONE, r.finding(),
                        r.headline().label() + ": " + Formats.value(r.headline().value()), smallMap(r), FindingStyle.tooltip(r));
            }
            case FAILED -> new Card(c.indicatorId(), c.name(), c.family(), State.FAILED, null, "", null,
                    o.error() == null ? "" : o.error());
            case CANCELLED -> new Card(c.indicatorId(), c.name(), c.family(), State.CANCELLED, null, "", null, "");
        });
    }

    /**
     * The report with the outcomes of {@code again} (an indicator run again) in place of the old ones, and the settings
     * {@code again} was made with (every setting in use; an indicator a setting does not concern gives the same result
     * under it); null stays null.
     */
    public static org.provenant.analysis.AnalysisReport replace(org.provenant.analysis.AnalysisReport old,
                                                               org.provenant.analysis.AnalysisReport again) {
        if (old == null) return null;
        List<IndicatorOutcome> outs = new ArrayList<>();
        for (IndicatorOutcome o : old.outcomes()) outs.add(again.outcome(o.indicatorId()).orElse(o));
        return new org.provenant.analysis.AnalysisReport(outs, old.cancelled(), again.parameters());
    }

    static MapLayer smallMap(IndicatorResult r) {
        for (MapLayer m : r.maps()) if (m.overlay()) return m;
        return r.maps().isEmpty() ? null : r.maps().get(0);
    }

    /** Replaces one card and puts the cards in the first screen's order (a stable sort: panel order among equals). */
    private void update(String id, java.util.function.UnaryOperator<Card> f) {
        List<Card> now = new ArrayList<>();
        for (Card c : indicators.stream().map(i -> find(i.id())).toList()) now.add(c.indicatorId().equals(id) ? f.apply(c) : c);
        now.sort(ORDER);
        cards.setAll(now);
    }

    private Card find(String id) {
        for (Card c : cards) if (c.indicatorId().equals(id)) return c;
        throw new IllegalStateException("no card " + id);
    }
}
