package org.provenant.app.workbench;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ToggleGroup;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import org.provenant.analysis.FindingOrder;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.app.common.Formats;
import org.provenant.app.panels.GenericIndicatorPanel;
import org.provenant.app.panels.IndicatorPanel;
import org.provenant.app.panels.PanelContext;
import org.provenant.app.panels.PanelNavigator;
import org.provenant.app.panels.PanelRegistry;
import org.provenant.app.viewer.ImageViewer;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Indicator;

/**
 * Shows an analysis of the {@link WorkbenchViewModel} in the workbench: each indicator's panel, its dot on the
 * tab, its chip in the verdict strip, and the heat map chosen to lie over the image once results are in: the map of
 * the most telling indicator for this image ({@link FindingOrder#firstMap}), or none.
 */
final class WorkbenchPanels implements WorkbenchDisplay {
    private final Map<String, IndicatorPanel> panels = new LinkedHashMap<>();
    private final PanelNavigator navigator;
    private final VerdictStrip verdicts;
    private final ToggleGroup overlayChoice;
    private final Consumer<LoadedImage> onImage;
    private final ImageViewer viewer;
    private final Map<String, IndicatorOutcome> outcomes = new LinkedHashMap<>();

    /** @param onImage what else the window shows of a newly loaded image (annotations, recent files, read-out) */
    WorkbenchPanels(Iterable<Indicator> indicators, PanelRegistry registry, PanelContext ctx, PanelNavigator navigator,
                    VerdictStrip verdicts, Consumer<LoadedImage> onImage) {
        this.navigator = navigator;
        this.verdicts = verdicts;
        this.overlayChoice = ctx.overlayChoice();
        this.viewer = ctx.viewer();
        this.onImage = onImage;
        for (Indicator ind : indicators) {
            IndicatorPanel p = registry.create(ind, ctx);
            panels.put(ind.id(), p);
            navigator.add(ind, p.node());
        }
    }

    IndicatorPanel panel(String indicatorId) { return panels.get(indicatorId); }

    @Override public void clear() {
        outcomes.clear();
        overlayChoice.selectToggle(null);
        for (IndicatorPanel p : panels.values()) p.reset();
        for (String id : panels.keySet()) navigator.setGraphic(id, null);
        verdicts.resetAll("waiting");
    }

    @Override public void started(String id) {
        panels.get(id).started();
        verdicts.running(id);
    }

    @Override public void rerunStarted(String id) { panels.get(id).started(); }

    @Override public void progress(String id, double f) { panels.get(id).progress(f); }

    @Override public void finished(IndicatorOutcome o) {
        outcomes.put(o.indicatorId(), o);
        panels.get(o.indicatorId()).finished(o);
        verdicts.finished(o);
        navigator.setGraphic(o.indicatorId(), tabDot(o));
    }

    @Override public void imageLoaded(LoadedImage li, BufferedImage picture) {
        viewer.setImage(SwingFXUtils.toFXImage(picture, null));
        onImage.accept(li);
    }

    @Override public void showFirstMap() {
        if (overlayChoice.getSelectedToggle() != null) return;
        List<IndicatorOutcome> inPanelOrder = panels.keySet().stream().filter(outcomes::containsKey).map(outcomes::get).toList();
        FindingOrder.firstMap(inPanelOrder).ifPresent(o -> selectOverlayOf(o.indicatorId()));
    }

    @Override public void hideMap() { overlayChoice.selectToggle(null); }

    /** Draws the first map of an indicator's panel over the image. */
    void selectOverlayOf(String indicatorId) {
        if (panels.get(indicatorId) instanceof GenericIndicatorPanel g && !g.overlayToggles().isEmpty()) {
            overlayChoice.selectToggle(g.overlayToggles().get(0));
        }
    }

    /**
     * A dot on the tab of a finished indicator, drawn like its finding's chip: filled in the hypothesis colour for a
     * verdict, a ring in that colour for something to say, grey for nothing either way, a grey ring for figures only
     * or no verdict on this kind of image; a red-ringed grey one when it failed.
     */
    private static Circle tabDot(IndicatorOutcome o) {
        Circle c = new Circle(5);
        if (o.ok()) {
            Finding f = o.result().finding();
            Color colour = Color.web(Formats.css(f.rgb()));
            c.setStrokeWidth(2);
            switch (f.standing()) {
                case LEANS -> c.setFill(colour);
                case SUPPORTS -> {
                    c.setFill(Color.WHITE);
                    c.setStroke(colour);
                }
                case NEUTRAL -> c.setFill(Color.web("#b0bec5"));
                case FIGURES_ONLY, NOT_HERE -> {
                    c.setFill(Color.WHITE);
                    c.setStroke(Color.web("#b0bec5"));
                }
            }
        } else {
            c.setFill(Color.LIGHTGREY);
            c.setStroke(o.status() == IndicatorOutcome.Status.FAILED ? Color.web("#c62828") : Color.GREY);
            c.setStrokeWidth(2);
        }
        return c;
    }
}
