package org.provenant.app.casework;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.casefolder.CaseFileException;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.analysis.workflow.CaseWorkflow;
import org.provenant.analysis.workflow.Lookup;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.ml.ModelRegistry;

/**
 * The case folder the workbench works in (File > New case / Open case; at start the default one, outside any
 * evidence: {@link CaseFolder#defaultDir()}). Annotations, stored results and the audit log go there; the windows
 * reach its {@link CaseWorkflow} here, off the JavaFX thread.
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

    /** The open case's workflow with these models. */
    static CaseWorkflow workflow(ModelRegistry models) throws CaseFileException {
        return new CaseWorkflow(current(), models);
    }

    /**
     * A window opened a file ({@code where}): the workflow's lookup; when the case folder cannot be opened, a lookup
     * that reuses and records nothing, whose warning says why.
     */
    public static Lookup lookup(LoadedImage li, List<Indicator> indicators, ModelRegistry models, Map<String, String> parameters,
                         String where) {
        try {
            return workflow(models).lookup(li, indicators, parameters, where);
        } catch (CaseFileException e) {
            return Lookup.unrecorded(li, indicators, parameters, e.getMessage());
        }
    }

    /** "Analyse again": a lookup that reuses nothing ({@link CaseWorkflow#rerun}). */
    public static Lookup rerun(LoadedImage li, List<Indicator> indicators, ModelRegistry models, Map<String, String> parameters) {
        try {
            return workflow(models).rerun(li, indicators, parameters);
        } catch (CaseFileException e) {
            return Lookup.unrecorded(li, indicators, parameters, e.getMessage());
        }
    }

    /** Logs and stores a window's merged analysis ({@link CaseWorkflow#record}); an error sentence, or null. */
    public static String record(Lookup lookup, LoadedImage li, AnalysisReport merged, ModelRegistry models) {
        try {
            workflow(models).record(lookup, li, merged);
            return null;
        } catch (CaseFileException | IOException e) {
            return "The analysis of " + li.fileName() + " could not be stored in the case folder: " + e.getMessage();
        }
    }
}
