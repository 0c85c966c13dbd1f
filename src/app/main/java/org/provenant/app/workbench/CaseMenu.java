package org.provenant.app.workbench;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.scene.control.MenuItem;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.casefolder.CaseFileException;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.app.caseview.CaseView;
import org.provenant.app.caseview.CaseViewModel;
import org.provenant.app.casework.CaseSession;
import org.provenant.app.casework.ReportExport;
import org.provenant.app.comparison.ComparisonView;
import org.provenant.indicators.Indicator;

/**
 * The File menu's case entries: New case..., Open case... (a case folder, never inside the evidence) and Add
 * evidence folder... (to the open case: shows the {@link CaseView}, analysed by the batch engine in the background).
 */
public final class CaseMenu {
    private final WorkbenchWindow window;
    private final List<Indicator> indicators;
    private final AnalysisEngine engine;
    private final Consumer<String> errors;
    private final CaseSession session;
    private final CaseViewModel model;
    private Stage stage;
    private CaseView view;

    CaseMenu(WorkbenchWindow window, List<Indicator> indicators, AnalysisEngine engine, CaseSession session, Executor background,
             Consumer<String> errors) {
        this.session = session;
        this.window = window;
        this.indicators = indicators;
        this.engine = engine;
        this.errors = errors;
        this.model = new CaseViewModel(indicators, engine.models(), background);
    }

    public CaseViewModel model() { return model; }

    List<MenuItem> items() {
        MenuItem newCase = new MenuItem("_New case...");
        newCase.setOnAction(e -> chooseCase("Choose an empty folder for the new case (not inside the evidence)"));
        MenuItem openCase = new MenuItem("Open cas_e...");
        openCase.setOnAction(e -> chooseCase("Choose the case folder to open"));
        MenuItem add = new MenuItem("_Add evidence folder...");
        add.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Add an evidence folder to the case (it is only read)");
            File f = dc.showDialog(owner());
            if (f != null) addFolder(f.toPath());
        });
        return List.of(newCase, openCase, add);
    }

    private Window owner() {
        return window.getScene() == null ? null : window.getScene().getWindow();
    }

    private void chooseCase(String title) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle(title);
        File f = dc.showDialog(owner());
        if (f != null) openCase(f.toPath());
    }

    /** Makes the folder the open case; its evidence folders are shown again (from stored results where valid). */
    public void openCase(Path dir) {
        try {
            CaseFolder cf = CaseFolder.open(dir);
            session.set(cf);
            model.clear();
            if (stage != null) stage.close();
            stage = null;
            for (Path p : cf.evidenceFolders()) addFolder(p);
        } catch (CaseFileException e) {
            errors.accept(e.getMessage());
        }
    }

    /** Adds the folder to the open case and shows the case view. */
    public void addFolder(Path folder) {
        try {
            CaseFolder cf = session.current();
            if (!model.addFolder(cf, folder)) errors.accept(model.statusProperty().get());
            if (stage == null || view == null) {
                view = new CaseView(model, cf, window::open);
                view.setCompare(paths -> ComparisonView.show(paths, indicators, engine, session, ReportExport.DIALOG,
                        window.getScene() == null ? null : window.getScene().getStylesheets()));
                stage = CaseView.show(view, window.getScene() == null ? null : window.getScene().getStylesheets());
                stage.setOnHidden(e -> stage = null);
            } else {
                stage.toFront();
            }
        } catch (CaseFileException e) {
            errors.accept(e.getMessage());
        }
    }

    public CaseView view() { return view; }
}
