package org.provenant.app.workbench;

import java.awt.image.BufferedImage;
import org.provenant.analysis.AnalysisListener;
import org.provenant.core.io.LoadedImage;

/**
 * The view's side of the {@link WorkbenchViewModel}'s analyses: panels, verdict strip, tab dots and the heat map
 * over the image (on the JavaFX thread). Every method is optional, so a test can watch only what it checks.
 */
interface WorkbenchDisplay extends AnalysisListener {
    /** A new analysis begins: panels, dots and verdicts back to waiting, no heat map over the image. */
    default void clear() { }

    /** One indicator is run again alone (a panel's setting changed): only its panel shows it. */
    default void rerunStarted(String indicatorId) { }

    /** An image was loaded: show its picture (the view converts it for the screen), its annotations, the recent files. */
    default void imageLoaded(LoadedImage image, BufferedImage picture) { }

    /** Results are in: lay the first heat map over the image unless one is chosen. */
    default void showFirstMap() { }

    default void hideMap() { }
}
