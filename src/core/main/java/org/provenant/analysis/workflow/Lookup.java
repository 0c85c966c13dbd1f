package org.provenant.analysis.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.provenant.analysis.AnalysisInput;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.analysis.casefolder.ResultStore;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorParameters;

/**
 * What {@link CaseWorkflow#lookup} found for one evidence file: the chosen indicators, the key, the stored
 * analysis (if any), which indicators it answers and which must run. The rule, the same for every caller: every
 * chosen indicator with a finished (DONE) stored outcome under the same SHA-256 and key is reused, the others
 * (never run, failed, or cancelled) run, and the two are merged in the chosen order.
 *
 * @param evidence       the evidence file's path
 * @param sha256         the SHA-256 of its bytes as read
 * @param indicators     the chosen indicators, in panel order
 * @param parameters     the examiner's indicator parameters that differ from the defaults (part of the key)
 * @param key            the key results are stored under ({@link ResultKey})
 * @param stored         the stored analysis under this key, if any
 * @param toRun          the chosen indicators without a DONE stored outcome, in panel order
 * @param previousSha256 the SHA-256 logged at the last read of this path when it differs (the evidence changed), else null
 * @param auditError     why the audit log could not be written, else null
 * @param startNanos     when the lookup was made ({@link System#nanoTime()})
 */
public record Lookup(Path evidence, String sha256, List<Indicator> indicators, Map<String, String> parameters,
                     String key, Optional<ResultStore.Stored> stored, List<Indicator> toRun, String previousSha256,
                     String auditError, long startNanos) {
    public Lookup {
        evidence = evidence.toAbsolutePath().normalize();
        indicators = List.copyOf(indicators);
        parameters = IndicatorParameters.nonDefault(parameters);
        toRun = List.copyOf(toRun);
    }

    /**
     * A lookup for a window whose case folder cannot record anything: nothing is reused, every indicator runs, and
     * {@link CaseWorkflow#record} is not to be called; the reason is its {@link #warning}.
     */
    public static Lookup unrecorded(LoadedImage image, List<Indicator> indicators, Map<String, String> parameters, String reason) {
        return new Lookup(image.path(), image.sha256(), indicators, parameters, "", Optional.empty(), indicators, null,
                reason, System.nanoTime());
    }

    /** False for an {@link #unrecorded} lookup: its analysis is not logged or stored. */
    public boolean recorded() {
        return !key.isEmpty();
    }

    /** True when every chosen indicator is answered by the stored analysis: nothing runs. */
    public boolean complete() {
        return toRun.isEmpty();
    }

    /** The ids of the chosen indicators that the stored analysis answers. */
    public List<String> reusedIds() {
        return indicators.stream().filter(i -> !toRun.contains(i)).map(Indicator::id).toList();
    }

    /** The stored outcomes reused, in panel order (empty when none). */
    public AnalysisReport reused() {
        return merge(new AnalysisReport(List.of(), false, parameters));
    }

    /** What the indicators to run work on: the image and the examiner's parameters. */
    public AnalysisInput input(LoadedImage image) {
        return AnalysisInput.of(image).withParameters(parameters);
    }

    /**
     * The stored outcomes and the new ones ({@code fresh}, the run of {@link #toRun}) in panel order; cancelled when
     * the new run was cancelled. An indicator the run did not report stays out.
     */
    public AnalysisReport merge(AnalysisReport fresh) {
        List<IndicatorOutcome> out = new ArrayList<>();
        for (Indicator i : indicators) {
            Optional<IndicatorOutcome> o = toRun.contains(i) ? fresh.outcome(i.id()) : stored.flatMap(s -> s.done(i.id()));
            o.ifPresent(out::add);
        }
        return new AnalysisReport(out, fresh.cancelled(), parameters);
    }

    /**
     * What is kept after a run: the merged analysis, then the stored outcomes of indicators that were not chosen
     * this time (same key: still valid), so that a run with fewer indicators never drops what an earlier one stored.
     */
    AnalysisReport toKeep(AnalysisReport merged) {
        List<IndicatorOutcome> out = new ArrayList<>(merged.outcomes());
        stored.ifPresent(s -> {
            for (IndicatorOutcome o : s.report().outcomes()) {
                if (o.ok() && merged.outcome(o.indicatorId()).isEmpty()) out.add(o);
            }
        });
        return new AnalysisReport(out, merged.cancelled(), parameters);
    }

    /**
     * The stored analysis's image block naming the file read now (the same bytes may have been stored from
     * another path), for the JSON of a complete reuse without decoding.
     */
    ObjectNode storedImageBlock() {
        ObjectNode img = ((ObjectNode) stored.orElseThrow().json().path("image")).deepCopy();
        img.put("file", evidence.getFileName().toString());
        img.put("path", evidence.toString());
        return img;
    }

    /**
     * One sentence for the examiner when the evidence changed since its last read or the audit log failed, else
     * empty: "Warning: a.png changed since it was last read (SHA-256 then 0123456789abcdef..., now ...)".
     */
    public Optional<String> warning() {
        String name = evidence.getFileName().toString();
        if (previousSha256 != null) {
            return Optional.of("Warning: " + name + " changed since it was last read (SHA-256 then "
                    + previousSha256.substring(0, 16) + "..., now " + sha256.substring(0, 16) + "...); the change is logged"
                    + " in the case's audit log");
        }
        if (auditError != null) return Optional.of("Warning: the case folder could not record the reading of " + name + ": " + auditError);
        return Optional.empty();
    }
}
