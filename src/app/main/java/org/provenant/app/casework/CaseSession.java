package org.provenant.app.casework;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.casefolder.CaseFileException;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.analysis.workflow.CaseWorkflow;
import org.provenant.analysis.workflow.Lookup;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.ml.ModelRegistry;

/**
 * The case folder a workbench works in (File > New case / Open case; until then the default one, outside any
 * evidence: {@link CaseFolder#defaultDir()}). Annotations, stored results and the audit log go there; the windows
 * reach its {@link CaseWorkflow} here, off the JavaFX thread. One session per application, handed to each window
 * and view model that needs the case (no global state: a test gives its own case folder).
 */
public final class CaseSession {
    private CaseFolder current;

    /** A session that opens the default case folder on first use. */
    public CaseSession() { }

    /** A session in this case folder. */
    public CaseSession(CaseFolder folder) {
        this.current = folder;
    }

    /** The open case folder, opening the default one on first use. */
    public synchronized CaseFolder current() throws CaseFileException {
        if (current == null) current = CaseFolder.openDefault();
        return current;
    }

    /** File > New case / Open case: the case the windows work in from now on. */
    public synchronized void set(CaseFolder folder) {
        current = folder;
    }

    /** The open case's workflow with these models. */
    public CaseWorkflow workflow(ModelRegistry models) throws CaseFileException {
        return new CaseWorkflow(current(), models);
    }

    /**
     * A window opened a file ({@code where}): the workflow's lookup; when the case folder cannot be opened, a lookup
     * that reuses and records nothing, whose warning says why.
     */
    public Lookup lookup(LoadedImage li, List<Indicator> indicators, ModelRegistry models, Map<String, String> parameters,
                         String where) {
        try {
            return workflow(models).lookup(li, indicators, parameters, where);
        } catch (CaseFileException e) {
            return Lookup.unrecorded(li, indicators, parameters, e.getMessage());
        }
    }

    /** "Analyse again": a lookup that reuses nothing ({@link CaseWorkflow#rerun}). */
    public Lookup rerun(LoadedImage li, List<Indicator> indicators, ModelRegistry models, Map<String, String> parameters) {
        try {
            return workflow(models).rerun(li, indicators, parameters);
        } catch (CaseFileException e) {
            return Lookup.unrecorded(li, indicators, parameters, e.getMessage());
        }
    }

    /** Logs and stores a window's merged analysis ({@link CaseWorkflow#record}); an error sentence, or null. */
    public String record(Lookup lookup, LoadedImage li, AnalysisReport merged, ModelRegistry models) {
        try {
            workflow(models).record(lookup, li, merged);
            return null;
        } catch (CaseFileException | IOException e) {
            return "The analysis of " + li.fileName() + " could not be stored in the case folder: " + e.getMessage();
        }
    }
}
