package org.provenant.app.workbench;

import java.nio.file.Path;
import javafx.stage.Stage;

/** {@code -Dprovenant.caseView=FOLDER}: opens the case view on an evidence folder at start (screenshots, demos). */
final class CaseStartup {
    private CaseStartup() { }

    static boolean show(WorkbenchWindow window, double[] size) {
        String folder = System.getProperty("provenant.caseView");
        if (folder == null || folder.isBlank()) return false;
        CaseMenu menu = window.caseMenu();
        if (Boolean.getBoolean("provenant.trace")) menu.model().setTrace(s -> System.out.println(s));
        menu.addFolder(Path.of(folder));
        if (menu.view() != null && menu.view().getScene() != null) {
            Stage s = (Stage) menu.view().getScene().getWindow();
            s.setX(0);
            s.setY(0);
            s.setWidth(size[0]);
            s.setHeight(size[1]);
        }
        return true;
    }
}
