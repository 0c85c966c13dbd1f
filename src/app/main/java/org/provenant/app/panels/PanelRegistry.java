package org.provenant.app.panels;

import java.util.LinkedHashMap;
import java.util.Map;
import org.provenant.indicators.Indicator;

/**
 * Which panel shows which indicator: a specialised panel where one is registered for the indicator's id, else the
 * {@link GenericIndicatorPanel}, which renders any result. A new indicator therefore gets a panel without any change
 * to the window; a specialised panel is one {@link #register} call in {@link #standard()}.
 */
public final class PanelRegistry {
    private final Map<String, PanelFactory> specialised = new LinkedHashMap<>();
    private final PanelFactory fallback;

    public PanelRegistry(PanelFactory fallback) {
        this.fallback = fallback;
    }

    /** The registry the application uses. */
    public static PanelRegistry standard() {
        return new PanelRegistry(GenericIndicatorPanel::new)
                .register(RealismPanel.INDICATOR_ID, RealismPanel::new)
                .register(MetadataPanel.INDICATOR_ID, MetadataPanel::new)
                .register(JpegStructurePanel.INDICATOR_ID, JpegStructurePanel::new)
                .register(C2paPanel.INDICATOR_ID, C2paPanel::new);
    }

    /** Uses {@code factory} for the indicator with this id; returns this registry. */
    public PanelRegistry register(String indicatorId, PanelFactory factory) {
        specialised.put(indicatorId, factory);
        return this;
    }

    public IndicatorPanel create(Indicator indicator, PanelContext context) {
        return specialised.getOrDefault(indicator.id(), fallback).create(indicator, context);
    }
}
