package org.provenant.indicators.file.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.Evidence;
import org.provenant.core.io.ImageFormat;
import org.provenant.core.render.ColourScale;
import org.provenant.indicators.Detail;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Score;
import org.provenant.indicators.verdict.VerdictPolicy;
import org.provenant.ml.calibration.EnfsiScale;
import org.provenant.ml.calibration.Metrics;

/**
 * What the file says about itself: every metadata directory and tag (metadata-extractor), generator traces that
 * name an AI tool (explicit evidence, quoted, with an LR from counts), editing software, dates, size, JPEG tables against the
 * camera, GPS, and the EXIF thumbnail against the picture. Leans to "generated" only on a generator trace; the
 * absence of one is no evidence, and editing software is a finding, not a verdict.
 */
public final class MetadataIndicator implements Indicator {
    public static final String ID = "metadata";
    /**
     * Real photos measured for generator traces (MetadataRealPhotosTest: shared/datasets/gen-vs-real/real, 174, and
     * shared/datasets/real-camera, 373 camera JPEGs of 79 models): none carried one.
     */
    public static final int MEASURED_PHOTOS = 547;
    public static final int MEASURED_FALSE_TRACES = 0;
    /** Generated images as published (gen-vs-real 164 and gen-vs-real-2 210, about 68 generators) that carry a trace. */
    public static final int MEASURED_GENERATED = 374;
    public static final int MEASURED_GENERATED_TRACES = 143;
    /**
     * The likelihood ratio of a found trace, "generated" against "camera original": the lower 95 % bound of the
     * share of generated images that carry one over the upper 95 % bound of the share of real photos that do (Wilson
     * intervals; about 48, "moderate support"). Deliberately cautious: the generated share depends on where the files
     * come from (9 % of gen-vs-real, 61 % of gen-vs-real-2), and no real photo measured carried one. Only a found trace
     * has an LR: an absent one is no evidence, since such fields are routinely removed by any re-save or upload.
     */
    public static final double TRACE_LR = Metrics.wilson(MEASURED_GENERATED_TRACES, MEASURED_GENERATED, false)
            / Metrics.wilson(MEASURED_FALSE_TRACES, MEASURED_PHOTOS, true);
    /** Labels of the top-level details: findings, problems, and the directories with their tags. */
    public static final String FINDINGS = "Findings", PROBLEMS = "Problems with metadata blocks", DIRECTORIES = "Metadata directories";

    @Override public String id() { return ID; }
    @Override public String displayName() { return "Metadata"; }
    @Override public String methodReference() {
        return "metadata-extractor 2.21 (EXIF, XMP, IPTC, ICC, maker notes, PNG chunks); IPTC DigitalSourceType vocabulary; "
                + "generation-parameter chunks of Stable Diffusion front ends";
    }
    @Override public int order() { return 5; }
    @Override public int cost() { return 0; }
    @Override public EvidenceFamily family() { return EvidenceFamily.FILE; }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext ctx) throws IndicatorException {
        if (ctx.evidenceFile().isEmpty()) {
            Score s = new Score("generator_traces", "AI generator traces in the metadata", Double.NaN, "no file to read");
            return new IndicatorResult(ID, s, List.of(s), List.of(), "The image was not read from a file, so there is no file to read.",
                    Hypothesis.INCONCLUSIVE, 0.5, new double[0]).withFinding(Finding.notHere("no file to read", "the image was made in memory"));
        }
        Evidence ev = ctx.evidenceFile().get();
        MetadataTree tree = MetadataTree.read(ev);
        ctx.progress().progress(0.4);
        List<Consistency.Finding> findings = new ArrayList<>();
        List<GeneratorTraces.Trace> traces = GeneratorTraces.find(tree.fields);
        for (GeneratorTraces.Trace t : traces) findings.add(new Consistency.Finding("Generator", t.sentence()));
        List<Consistency.Finding> editors = Consistency.editingSoftware(tree.fields);
        findings.addAll(editors);
        Thumbnail.Comparison thumb = null;
        if (tree.metadata != null) {
            findings.addAll(Consistency.dates(tree.metadata));
            findings.addAll(Consistency.xmpHistory(tree.fields, tree.metadata));
            Boolean ijg = null;
            double quality = Double.NaN;
            if (ev.format() == ImageFormat.JPEG) {
                try {
                    IndicatorResult j = ctx.resultOf("jpeg-structure", image);
                    double exact = j.value("ijg_exact");
                    if (!Double.isNaN(exact)) ijg = exact == 1;
                    quality = j.value("quality_luma");
                } catch (IndicatorException | IllegalArgumentException e) {
                    tree.problems.add("the JPEG tables could not be compared with the camera (" + MetadataTree.message(e) + ")");
                }
            }
            findings.addAll(Consistency.sizeAndTables(tree.metadata, image.width(), image.height(), ijg, quality));
            findings.addAll(Consistency.gps(tree.metadata));
            thumb = Thumbnail.compare(tree.metadata, ev, image);
            if (thumb != null) findings.add(new Consistency.Finding("Thumbnail", thumbnailWords(thumb)));
        }
        ctx.progress().progress(0.9);

        List<MapLayer> maps = new ArrayList<>();
        if (thumb != null && thumb.thumbnail() != null) {
            maps.add(new MapLayer("EXIF thumbnail (as stored)", thumb.thumbnail(), ColourScale.GREY, 0, 1, "black", "white", false, List.of()));
        }
        if (thumb != null && thumb.difference() != null) {
            maps.add(new MapLayer("Thumbnail minus downscaled picture", thumb.difference(), ColourScale.INFERNO, 0, 0.5,
                    "0 (same)", "0.5 (other content)", false, List.of()));
        }
        Score headline = new Score("generator_traces", "AI generator traces in the metadata", traces.size(), traces.isEmpty()
                ? "none found: no evidence either way (such fields are easily removed)"
                : String.format(Locale.ROOT, "fields that name an AI generator: explicit evidence, LR %.0f (%d of %d real photos"
                + " carried one)", TRACE_LR, MEASURED_FALSE_TRACES, MEASURED_PHOTOS));
        List<Score> scores = new ArrayList<>(List.of(headline));
        if (!traces.isEmpty()) {
            scores.add(new Score(VerdictPolicy.lrKey(Hypothesis.GENERATED), "LR: generated vs camera original", TRACE_LR,
                    String.format(Locale.ROOT, "%s; from counts: %d of %d generated images as published carried such a field, %d of %d"
                            + " real photos (lower and upper 95 %% bounds taken, so the LR is cautious).", EnfsiScale.sentence(TRACE_LR,
                            "generated", "camera original"), MEASURED_GENERATED_TRACES, MEASURED_GENERATED, MEASURED_FALSE_TRACES, MEASURED_PHOTOS)));
        }
        scores.addAll(List.of(
                new Score("editing_software", "Software fields naming an editor", editors.size(),
                        "a finding about the file's handling, not a verdict: real photos are routinely processed"),
                new Score("thumbnail_difference", "Thumbnail against the picture (mean difference)",
                        thumb == null ? Double.NaN : thumb.meanDifference(), String.format(Locale.ROOT,
                        "0..1 luminance; above %.2f the thumbnail shows other content; NaN: no comparable thumbnail", Thumbnail.OTHER_CONTENT)),
                new Score("directories", "Metadata directories", tree.directories.size(), "blocks of metadata read"),
                new Score("tags", "Metadata tags", tree.tags, "every tag is listed in the tree"),
                new Score("problems", "Problems with metadata blocks", tree.problems.size(), "damaged or hostile blocks, described below")));

        List<Detail> details = new ArrayList<>();
        details.add(Detail.group(FINDINGS, findings.size() + (findings.size() == 1 ? " finding" : " findings"), Detail.Tone.NEUTRAL,
                findings.stream().map(f -> Detail.of(f.kind(), f.sentence(), tone(f))).toList()));
        if (!tree.problems.isEmpty()) {
            details.add(Detail.group(PROBLEMS, tree.problems.size() + " found", Detail.Tone.BAD,
                    tree.problems.stream().limit(200).map(p -> Detail.of("", p, Detail.Tone.BAD)).toList()));
        }
        details.add(Detail.group(DIRECTORIES, tree.directories.size() + " directories, " + tree.tags + " tags",
                Detail.Tone.NEUTRAL, tree.directories));

        Hypothesis lean = traces.isEmpty() ? Hypothesis.INCONCLUSIVE : Hypothesis.GENERATED;
        double confidence = traces.isEmpty() ? 0.5 : 0.95;
        return new IndicatorResult(ID, headline, scores, maps, explanation(tree, traces, findings),
                lean, confidence, new double[0], details, finding(tree, traces, thumb));
    }

    /**
     * The headline in words: the generator named (a lean); else what the file says of its origin and handling ("EXIF
     * names Apple iPhone 7; written by Adobe Photoshop 25.0"), an EXIF thumbnail of other content first.
     */
    static Finding finding(MetadataTree tree, List<GeneratorTraces.Trace> traces, Thumbnail.Comparison thumb) {
        if (!traces.isEmpty()) {
            return Finding.lean(Hypothesis.GENERATED, 0.95, "metadata names a generator: " + traces.get(0).what(), String.format(
                    Locale.ROOT, "explicit file evidence, LR %.0f (%d of %d real photos carried one, %d of %d generated images)", TRACE_LR,
                    MEASURED_FALSE_TRACES, MEASURED_PHOTOS, MEASURED_GENERATED_TRACES, MEASURED_GENERATED));
        }
        List<String> said = new ArrayList<>();
        boolean otherThumb = thumb != null && thumb.problem() == null && thumb.meanDifference() > Thumbnail.OTHER_CONTENT;
        if (otherThumb) said.add("the EXIF thumbnail shows other content");
        String camera = Consistency.camera(tree.metadata);
        if (camera != null) said.add("EXIF names " + camera);
        List<Map.Entry<String, String>> editors = Consistency.editorFields(tree.fields);
        if (!editors.isEmpty()) said.add("written by " + shortValue(editors.get(0).getValue()));
        if (said.isEmpty()) {
            return new Finding(tree.metadata == null ? "metadata unreadable" : "no camera, editor or generator named",
                    "no evidence either way", Finding.Standing.NEUTRAL, Hypothesis.INCONCLUSIVE);
        }
        return new Finding(String.join("; ", said), otherThumb ? "classic evidence of editing; a finding, not a verdict"
                : "what the file says of itself; a finding, not a verdict", null, Finding.Standing.SUPPORTS,
                otherThumb ? Hypothesis.MANIPULATED : Hypothesis.INCONCLUSIVE, otherThumb ? 1 : 0.1);
    }

    private static String shortValue(String v) {
        String one = v.replaceAll("\\s+", " ").strip();
        return one.length() > 48 ? one.substring(0, 47) + "..." : one;
    }

    private static Detail.Tone tone(Consistency.Finding f) {
        return switch (f.kind()) {
            case "Generator" -> Detail.Tone.BAD;
            case "Software", "Dates", "Size", "Tables", "History" -> f.sentence().contains("matches") || f.sentence().contains("same time")
                    || f.sentence().contains("as expected") ? Detail.Tone.GOOD : Detail.Tone.NOTE;
            case "Thumbnail" -> f.sentence().contains("other content") ? Detail.Tone.BAD : f.sentence().contains("matches")
                    ? Detail.Tone.GOOD : Detail.Tone.NOTE;
            default -> Detail.Tone.NEUTRAL;
        };
    }

    private static String thumbnailWords(Thumbnail.Comparison t) {
        if (t.problem() != null) return "EXIF thumbnail: " + t.problem() + ".";
        if (t.meanDifference() > Thumbnail.OTHER_CONTENT) {
            return String.format(Locale.ROOT, "The EXIF thumbnail shows other content than the picture (mean difference %.2f, "
                    + "above %.2f): the picture was changed after the thumbnail was made and the old thumbnail kept, classic "
                    + "evidence of editing. See the difference map.", t.meanDifference(), Thumbnail.OTHER_CONTENT);
        }
        return String.format(Locale.ROOT, "The EXIF thumbnail matches the picture (mean difference %.2f), as a camera original's does.",
                t.meanDifference());
    }

    private static String explanation(MetadataTree tree, List<GeneratorTraces.Trace> traces, List<Consistency.Finding> findings) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "The file carries %d metadata directories with %d tags (listed in the tree). ",
                tree.directories.size(), tree.tags));
        if (!traces.isEmpty()) {
            sb.append("The metadata names an AI generator: ").append(traces.get(0).sentence())
                    .append(traces.size() > 1 ? " (and " + (traces.size() - 1) + " more)" : "")
                    .append(String.format(Locale.ROOT, ". This is explicit evidence that a generator wrote the file: none of %d real photos"
                            + " measured carried such a field, %d of %d generated images as published did, so its likelihood ratio is"
                            + " about %.0f (cautious bounds of both shares). It is file evidence, independent of the pixels, and"
                            + " the overall assessment multiplies it with the pixel evidence; a field can be written by anyone, so"
                            + " it is worth as much as the file's history is trustworthy. ", MEASURED_PHOTOS, MEASURED_GENERATED_TRACES,
                            MEASURED_GENERATED, TRACE_LR));
        } else {
            sb.append("No field names an AI generator; that is no evidence either way, since such fields are easily removed. ");
        }
        for (Consistency.Finding f : findings) {
            if (!f.kind().equals("Generator")) sb.append(f.sentence()).append(' ');
        }
        if (!tree.problems.isEmpty()) {
            sb.append("Problems with the metadata: ").append(String.join("; ", tree.problems.subList(0, Math.min(5, tree.problems.size()))))
                    .append(tree.problems.size() > 5 ? "; ..." : "").append('.');
        }
        return sb.toString().strip();
    }
}
