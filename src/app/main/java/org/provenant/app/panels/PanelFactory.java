package org.provenant.app.panels;

import org.provenant.indicators.Indicator;

/** Creates the panel of one indicator. */
@FunctionalInterface
public interface PanelFactory {
    IndicatorPanel create(Indicator indicator, PanelContext context);
}
