package org.provenant.app.workbench;

import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.provenant.app.guide.UserGuide;

/**
 * What the viewer shows while no image is open, the first start included: how to begin. Open an image, drop one on
 * the window, reopen a recent file, open the bundled sample, or read the user guide. Rebuilt each time it shows, so
 * that the recent files are current.
 */
final class StartScreen extends VBox {
    /** Recent files listed at most. */
    static final int RECENT = 5;
    private final WorkbenchViewModel model;
    private final Runnable chooseFile;

    StartScreen(WorkbenchViewModel model, Runnable chooseFile) {
        super(10);
        this.model = model;
        this.chooseFile = chooseFile;
        setId("start-screen");
        getStyleClass().add("start-screen");
        setAlignment(Pos.CENTER_LEFT);
        setMaxSize(460, USE_PREF_SIZE);
        setPadding(new Insets(18));
        visibleProperty().addListener((o, was, now) -> {
            if (now) rebuild();
        });
        rebuild();
    }

    void rebuild() {
        Label title = new Label("Open an image to analyse");
        title.getStyleClass().add("start-title");
        Button open = new Button("Open an image...");
        open.setId("start-open");
        open.setDefaultButton(true);
        open.setOnAction(e -> chooseFile.run());
        Label drop = new Label("or drop an image file (JPEG, PNG, TIFF, WebP, ...) anywhere on this window. Every indicator"
                + " runs at once; the findings appear on the right, the most telling first. Nothing is written to or beside"
                + " the file.");
        drop.setWrapText(true);
        drop.getStyleClass().add("start-text");
        getChildren().setAll(title, open, drop);
        List<Path> recent = model.recentFiles().list();
        if (!recent.isEmpty()) {
            Label r = new Label("Recent files");
            r.getStyleClass().add("start-heading");
            getChildren().add(r);
            for (Path p : recent.subList(0, Math.min(RECENT, recent.size()))) {
                Hyperlink l = new Hyperlink(p.getFileName() + "   " + (p.getParent() == null ? "" : p.getParent()));
                l.setMnemonicParsing(false);
                l.getStyleClass().add("start-link");
                l.setOnAction(e -> model.open(p));
                getChildren().add(l);
            }
        }
        Label s = new Label("New to Provenant?");
        s.getStyleClass().add("start-heading");
        Hyperlink sample = new Hyperlink("Open the sample image (" + model.sampleName() + ") to see a full analysis");
        sample.setId("start-sample");
        sample.getStyleClass().add("start-link");
        sample.setOnAction(e -> model.openSample());
        Hyperlink guide = new Hyperlink("Read the user guide (Help > User guide, F1)");
        guide.setId("start-guide");
        guide.getStyleClass().add("start-link");
        guide.setOnAction(e -> UserGuide.open(UserGuide.START));
        getChildren().addAll(s, sample, guide);
    }
}
