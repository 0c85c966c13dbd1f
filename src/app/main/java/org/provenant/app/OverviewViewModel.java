package org.provenant.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;

/**
 * The Overview's state, without any view: one card per indicator, grouped by evidence family (in
 * {@link EvidenceFamily} order, then panel order), each with its state, headline, lean and the map to show small.
 * The window feeds it the analysis events; the view draws {@link #cards()}.
 */
public final class OverviewViewModel {
    public enum State { WAITING, RUNNING, DONE, FAILED, CANCELLED }

    /**
     * One indicator's card.
     *
     * @param map the first overlay map, else the first map, else null
     */
    public record Card(String indicatorId, String name, EvidenceFamily family, State state, String headline,
                       Hypothesis lean, MapLayer map, String explanation) {
        /** The line under the map, e.g. "suggests local manipulation" or "failed: ...". */
        public String leanText() {
            return switch (state) {
                case DONE -> lean.phrase();
                case FAILED -> "failed: " + explanation;
                case CANCELLED -> "cancelled";
                case RUNNING -> "running...";
                case WAITING -> "waiting";
            };
        }
    }

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
        for (Indicator i : indicators) c.add(new Card(i.id(), i.displayName(), i.family(), State.WAITING, "", Hypothesis.INCONCLUSIVE, null, ""));
        cards.setAll(c);
    }

    public void started(String id) {
        update(id, c -> new Card(c.indicatorId(), c.name(), c.family(), State.RUNNING, "", Hypothesis.INCONCLUSIVE, null, ""));
    }

    public void finished(IndicatorOutcome o) {
        update(o.indicatorId(), c -> switch (o.status()) {
            case DONE -> {
                IndicatorResult r = o.result();
                yield new Card(c.indicatorId(), c.name(), c.family(), State.DONE,
                        r.headline().label() + ": " + Formats.value(r.headline().value()), r.supports(), smallMap(r), r.explanation());
            }
            case FAILED -> new Card(c.indicatorId(), c.name(), c.family(), State.FAILED, "", Hypothesis.INCONCLUSIVE, null,
                    o.error() == null ? "" : o.error());
            case CANCELLED -> new Card(c.indicatorId(), c.name(), c.family(), State.CANCELLED, "", Hypothesis.INCONCLUSIVE, null, "");
        });
    }

    /** The families present, in order (the view's group captions). */
    public List<EvidenceFamily> families() {
        return indicators.stream().map(Indicator::family).distinct().toList();
    }

    /** The report with the outcomes of {@code again} (an indicator run again) in place of the old ones; null stays null. */
    public static org.provenant.analysis.AnalysisReport replace(org.provenant.analysis.AnalysisReport old,
                                                               org.provenant.analysis.AnalysisReport again) {
        if (old == null) return null;
        List<IndicatorOutcome> outs = new ArrayList<>();
        for (IndicatorOutcome o : old.outcomes()) outs.add(again.outcome(o.indicatorId()).orElse(o));
        return new org.provenant.analysis.AnalysisReport(outs, old.cancelled());
    }

    static MapLayer smallMap(IndicatorResult r) {
        for (MapLayer m : r.maps()) if (m.overlay()) return m;
        return r.maps().isEmpty() ? null : r.maps().get(0);
    }

    private void update(String id, java.util.function.UnaryOperator<Card> f) {
        for (int i = 0; i < cards.size(); i++) {
            if (cards.get(i).indicatorId().equals(id)) {
                cards.set(i, f.apply(cards.get(i)));
                return;
            }
        }
    }
}
