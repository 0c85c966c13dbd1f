package org.provenant.app.workbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.provenant.app.guide.UserGuide;
import org.provenant.app.viewer.ImageViewer;
import org.provenant.app.viewer.LoupeView;

/**
 * The workbench's menu bar, tool bar and status bar: they only lay out the entries and bind them to the
 * {@link WorkbenchViewModel} (which actions are possible, status line, progress) and to the window's own actions.
 */
final class WorkbenchBars {
    private final WorkbenchWindow window;
    private final WorkbenchViewModel model;
    private final ImageViewer viewer;
    private final ToggleGroup overlayChoice;
    private final Menu recentMenu = new Menu("Open _recent");

    WorkbenchBars(WorkbenchWindow window, WorkbenchViewModel model, ImageViewer viewer, ToggleGroup overlayChoice) {
        this.window = window;
        this.model = model;
        this.viewer = viewer;
        this.overlayChoice = overlayChoice;
    }

    MenuBar menuBar(List<MenuItem> caseItems) {
        MenuItem open = item("_Open image...", "Shortcut+O", window::chooseFile);
        MenuItem openSample = item("Open _sample image", null, model::openSample);
        MenuItem caseData = item("Case _data...", null, () -> window.annotations().editCaseData());
        caseData.disableProperty().bind(model.noImageProperty());
        MenuItem export = item("_Export report (PDF)...", "Shortcut+E", window::exportReport);
        export.disableProperty().bind(model.noImageProperty());
        MenuItem compare = item("_Compare images...", null, window::chooseComparison);
        Menu file = new Menu("_File", null, open, recentMenu, openSample, new SeparatorMenuItem(), caseData, export,
                compare);
        file.getItems().add(new SeparatorMenuItem());
        file.getItems().addAll(caseItems);   // case folders (issue 13)
        file.setOnShowing(e -> rebuildRecentMenu());
        rebuildRecentMenu();

        MenuItem again = item("_Analyse again", "Shortcut+R", model::analyse);
        again.disableProperty().bind(model.analysingProperty());
        MenuItem cancel = item("_Cancel analysis", "Esc", model::cancelAnalysis);
        cancel.disableProperty().bind(model.analysingProperty().not());
        Menu analysis = new Menu("_Analysis", null, again, cancel);

        MenuItem fit = item("_Fit to window", "Shortcut+0", viewer::fit);
        MenuItem actual = item("_Actual pixels (1:1)", "Shortcut+1", viewer::actualSize);
        MenuItem in = item("Zoom _in", "Shortcut+PLUS", () -> viewer.zoom(ImageViewer.WHEEL_STEP));
        MenuItem out = item("Zoom _out", "Shortcut+MINUS", () -> viewer.zoom(1 / ImageViewer.WHEEL_STEP));
        MenuItem noOverlay = item("_Hide heat map", null, () -> overlayChoice.selectToggle(null));
        Menu view = new Menu("_View", null, fit, actual, in, out, new SeparatorMenuItem(), noOverlay);

        MenuItem guide = item("_User guide", "F1", () -> UserGuide.open(UserGuide.START));
        MenuItem verdicts = item("What the _verdicts mean", null, () -> UserGuide.open("README.md#what-the-verdicts-mean"));
        MenuItem contents = item("_Contents of the guide", null, () -> UserGuide.open(UserGuide.CONTENTS));
        Menu help = new Menu("_Help", null, guide, verdicts, contents);
        return new MenuBar(file, analysis, view, help);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem mi = new MenuItem(text);
        if (accelerator != null) mi.setAccelerator(KeyCombination.keyCombination(accelerator));
        mi.setOnAction(e -> action.run());
        return mi;
    }

    ToolBar toolBar(LoupeView loupe) {
        Button open = button("open", "Open...", "Open an image file (Ctrl+O); you can also drop a file on the window", window::chooseFile);
        Button fit = button("fit", "Fit", "Show the whole image (Ctrl+0)", viewer::fit);
        Button actual = button("zoom-1to1", "1:1", "One image pixel per screen pixel (Ctrl+1)", viewer::actualSize);
        Button in = button("zoom-in", "Zoom +", "Zoom in (or turn the mouse wheel over the image)", () -> viewer.zoom(ImageViewer.WHEEL_STEP));
        Button out = button("zoom-out", "Zoom -", "Zoom out", () -> viewer.zoom(1 / ImageViewer.WHEEL_STEP));
        Button hide = button("hide-overlay", "Hide heat map", "Show the image without any indicator map over it",
                () -> overlayChoice.selectToggle(null));
        hide.disableProperty().bind(overlayChoice.selectedToggleProperty().isNull());
        Button again = button("analyse", "Analyse again", "Run every indicator on this image again (Ctrl+R)", model::analyse);
        again.disableProperty().bind(model.analysingProperty().or(model.loadingProperty()));
        Button export = button("export-report", "Export report...", "Write a PDF report with the analysis, the annotations and the case data (Ctrl+E)", window::exportReport);
        export.disableProperty().bind(model.noImageProperty());
        ToolBar bar = new ToolBar(open, new Separator(), fit, actual, in, out, hide, new Separator(), again, new Separator());
        bar.getItems().addAll(window.annotations().toolNodes());
        bar.getItems().addAll(new Separator(), export, new Separator());
        bar.getItems().addAll(loupe.toolNodes());
        return bar;
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Pixel read-out, file line, status line, overall progress and the cancel button. */
    HBox statusBar(Label readout) {
        Label status = new Label();
        Label fileInfo = new Label();
        ProgressBar overall = new ProgressBar(0);
        status.textProperty().bind(model.statusProperty());
        fileInfo.textProperty().bind(model.fileInfoProperty());
        overall.progressProperty().bind(model.progressProperty());
        readout.setId("pixel-readout");
        readout.setPrefWidth(470);
        readout.setMinWidth(200);
        status.setMinWidth(Region.USE_PREF_SIZE);
        fileInfo.setMinWidth(60);
        status.setId("status");
        fileInfo.setId("file-info");
        overall.setId("overall-progress");
        overall.setPrefWidth(180);
        overall.visibleProperty().bind(model.analysingProperty().or(model.loadingProperty()));
        Button cancel = button("cancel", "Cancel", "Stop the running analysis (Esc)", model::cancelAnalysis);
        cancel.visibleProperty().bind(model.analysingProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(12, readout, new Separator(Orientation.VERTICAL), fileInfo, gap, status, overall, cancel);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        return bar;
    }

    /** File > Open recent: the recent files, newest first. */
    void rebuildRecentMenu() {
        List<MenuItem> items = new ArrayList<>();
        for (Path p : model.recentFiles().list()) {
            MenuItem mi = new MenuItem(p.getFileName() + "  (" + (p.getParent() == null ? "" : p.getParent()) + ")");
            mi.setMnemonicParsing(false);
            mi.setOnAction(e -> model.open(p));
            items.add(mi);
        }
        if (items.isEmpty()) {
            MenuItem none = new MenuItem("(no recent files)");
            none.setDisable(true);
            items.add(none);
        }
        recentMenu.getItems().setAll(items);
    }

    List<MenuItem> recentMenuItems() { return List.copyOf(recentMenu.getItems()); }
}
