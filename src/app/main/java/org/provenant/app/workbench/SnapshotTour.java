package org.provenant.app.workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import javafx.animation.PauseTransition;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.util.Duration;
import org.provenant.app.viewer.LoupeView;

/**
 * For the documentation's screenshots in one start of the app (scripts/screenshot.sh --tour): once the analysis has
 * finished, shows each step in turn and writes a snapshot of the window to a PNG. Steps
 * ({@code provenant.tour=step;step;...}): {@code overview}, {@code panel:ID} (that panel, with its first map over
 * the image), {@code loupe:ID:X:Y:ZOOM[:map]} (the loupe pinned at image pixel X, Y over ID's first map).
 */
final class SnapshotTour {
    private final WorkbenchWindow window;
    private final Scene scene;
    private final Path dir;
    private final Deque<String> steps;

    private SnapshotTour(WorkbenchWindow window, Scene scene, Path dir, String tour) {
        this.window = window;
        this.scene = scene;
        this.dir = dir;
        this.steps = new ArrayDeque<>(Arrays.asList(tour.split(";")));
    }

    /** Starts the tour after the first finished analysis when {@code provenant.tour} is set. */
    static void installIfAsked(WorkbenchWindow window, Scene scene) {
        String tour = System.getProperty("provenant.tour");
        if (tour == null || tour.isBlank()) return;
        Path dir = Path.of(System.getProperty("provenant.tourDir", "assets/screenshots"));
        SnapshotTour t = new SnapshotTour(window, scene, dir, tour);
        window.analysingProperty().addListener((o, was, now) -> {
            if (was && !now) t.next();
        });
    }

    private void next() {
        if (steps.isEmpty()) {
            System.out.println("provenant: Tour finished");
            return;
        }
        String step = steps.poll().strip();
        String[] a = step.split(":");
        String name;
        LoupeView loupe = window.loupe();
        loupe.unpin();
        loupe.model().showMapProperty().set(false);
        switch (a[0]) {
            case "overview" -> {
                window.showOverview();
                name = "overview";
            }
            case "panel" -> {
                window.showPanel(a[1]);
                window.selectOverlayOf(a[1]);
                name = "panel-" + a[1];
            }
            case "loupe" -> {
                window.showPanel(a[1]);
                window.selectOverlayOf(a[1]);
                loupe.model().zoomProperty().set(Integer.parseInt(a[4]));
                loupe.pin(new Point2D(Double.parseDouble(a[2]) + 0.5, Double.parseDouble(a[3]) + 0.5));
                if (a.length > 5) loupe.model().showMapProperty().set(true);
                name = "loupe";
            }
            default -> {
                System.out.println("provenant: unknown tour step " + step);
                next();
                return;
            }
        }
        PauseTransition wait = new PauseTransition(Duration.millis(1500));
        wait.setOnFinished(e -> {
            try {
                Files.createDirectories(dir);
                Path out = dir.resolve(name + ".png");
                javax.imageio.ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", out.toFile());
                System.out.println("provenant: Tour wrote " + out);
            } catch (IOException ex) {
                System.out.println("provenant: Tour failed to write " + name + ": " + ex.getMessage());
            }
            next();
        });
        wait.play();
    }
}
