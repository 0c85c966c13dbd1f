package org.provenant.app;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.provenant.report.casefile.CaseFileException;
import org.provenant.report.casefile.CaseFolder;

/**
 * The case folder the workbench works in (File > New case / Open case; at start the default one, outside any
 * evidence: {@link CaseFolder#defaultDir()}). Annotations, stored results and the audit log go there.
 */
public final class CaseSession {
    private static final ReadOnlyObjectWrapper<CaseFolder> CURRENT = new ReadOnlyObjectWrapper<>();

    private CaseSession() { }

    /** The open case folder, opening the default one on first use. */
    public static synchronized CaseFolder current() throws CaseFileException {
        if (CURRENT.get() == null) CURRENT.set(CaseFolder.openDefault());
        return CURRENT.get();
    }

    public static synchronized void set(CaseFolder folder) {
        CURRENT.set(folder);
    }

    public static ReadOnlyObjectProperty<CaseFolder> property() {
        return CURRENT.getReadOnlyProperty();
    }
}
