package org.provenant.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.provenant.analysis.ScoreFormat;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.FindingOrder;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.core.io.ImageMetadata;
import org.provenant.core.io.LoadedImage;
import org.provenant.core.io.OutputGuard;
import org.provenant.indicators.Detail;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorParameters;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Score;
import org.provenant.ml.ModelEntry;
import org.provenant.report.PdfLayout.Cell;
import org.provenant.analysis.casefolder.Annotation;

/**
 * The case report as PDF: a cover (case, examiner, notes, evidence list, the overall assessment's sentence and a
 * summary of every indicator's finding in words, the most telling first; for 2-4 images a side-by-side table with
 * differences highlighted), then per evidence file its identity
 * and metadata, the annotated image, and per indicator its pictures with legends, scores with their meaning,
 * explanation, the hypothesis it leans to and the method reference (failed indicators with their error); then
 * the tool version and the models with their SHA-256. Every page carries "page X of Y".
 * Generic over indicators: whatever an {@link org.provenant.analysis.AnalysisReport} holds is shown.
 */
public final class PdfReport {
    public static final int MAX_IMAGES = 4;
    /**
     * In a comparison, headline scores of one indicator count as different when they spread by more than this
     * fraction of the largest magnitude (or lean to different hypotheses). Our choice; no published figure.
     */
    public static final double COMPARISON_RELATIVE_DIFFERENCE = 0.10;
    /** Most lines of structured findings printed per indicator (a metadata tree can hold thousands). */
    static final int MAX_DETAIL_ROWS = 400;
    /** Height limit of a picture row on the page, in points. */
    static final float PICTURE_HEIGHT = 300;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Color HIGHLIGHT = new Color(0xfff0a8);
    private static final Color MUTED = new Color(0x505560);
    private static final Color FAILED = new Color(0xb71c1c);

    private PdfReport() { }

    /** Writes the report atomically ({@link OutputGuard#writeAtomically}); returns the page count. Check {@code out} first. */
    public static int write(ReportRequest req, Path out) throws IOException {
        int[] pages = new int[1];
        try (PDDocument doc = build(req)) {
            pages[0] = doc.getNumberOfPages();
            // without object streams the document information (Creator "Provenant ...") stays readable at the end
            // of the file, where OutputGuard.isOurs looks for it before replacing the file
            OutputGuard.writeAtomically(out, os -> doc.save(os, CompressParameters.NO_COMPRESSION));
        }
        return pages[0];
    }

    /** The report as an open document (the caller closes it). */
    public static PDDocument build(ReportRequest req) throws IOException {
        PDDocument doc = new PDDocument();
        try (PdfLayout l = new PdfLayout(doc)) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Provenant report" + (req.caseNumber().isBlank() ? "" : ", case " + req.caseNumber()));
            info.setAuthor(req.examiner());
            info.setCreator("Provenant " + req.toolVersion());
            l.newPage();
            cover(l, req);
            for (int i = 0; i < req.evidence().size(); i++) evidenceSection(l, req, i);
            toolAndModels(l, req);
            l.finish("Provenant report" + (req.caseNumber().isBlank() ? "" : " - case " + req.caseNumber())
                    + " - " + WHEN.format(req.created()));
        } catch (IOException | RuntimeException e) {
            doc.close();
            throw e;
        }
        return doc;
    }

    private static void cover(PdfLayout l, ReportRequest req) throws IOException {
        l.paragraph("Provenant forensic image report", l.bold, 20, Color.BLACK);
        l.paragraph(req.evidence().size() == 1 ? "Examination of one image"
                : "Comparison of " + req.evidence().size() + " images", l.regular, 12, MUTED);
        l.space(10);
        l.keyValues(List.of(
                new String[]{"Case number", orDash(req.caseNumber())},
                new String[]{"Examiner", orDash(req.examiner())},
                new String[]{"Report created", WHEN.format(req.created())},
                new String[]{"Tool", "Provenant " + req.toolVersion()}));
        l.heading("Notes", 12);
        l.body(req.notes().isBlank() ? "(no notes)" : req.notes());
        l.heading("Evidence", 12);
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < req.evidence().size(); i++) {
            LoadedImage im = req.evidence().get(i).image();
            rows.add(List.of(new Cell(String.valueOf(i + 1), l.bold), new Cell(im.fileName(), l.regular),
                    new Cell(im.sha256(), l.mono)));
        }
        // the hash column is wide enough for 64 Courier digits at 8 pt on one line
        l.table(new float[]{22, 148, PdfLayout.WIDTH - 170}, List.of(new Cell("#", l.bold), new Cell("File", l.bold),
                new Cell("SHA-256 of the file's bytes", l.bold)), rows, 8f);
        summary(l, req);
        l.heading("How to read this report", 12);
        l.body("Each indicator measures one trace that generators, neural codecs or local edits can leave. Its finding is "
                + "stated in words with what it rests on: a calibrated likelihood ratio (LR) in the ENFSI verbal scale (LR 1: "
                + "no support either way; 2-10 weak, 10-100 moderate, 100-1,000 moderately strong, 1,000-10,000 strong "
                + "support), file evidence in words, \"figures only\" where the indicator is not validated for a verdict, or "
                + "why it draws no verdict on this kind of image. Its scores are listed with how to read them; its pictures "
                + "show where in the image the trace is. The coloured square names the explanation the result leans to and the "
                + "confidence of that lean (0.5 means no lean). An indicator is evidence to weigh with the others and with the "
                + "case, not a verdict on its own. Annotations are the examiner's marks, numbered as in each evidence section.");
    }

    /** Headline scores of every indicator: one column per image, rows that differ highlighted. */
    private static void summary(PdfLayout l, ReportRequest req) throws IOException {
        List<EvidenceAnalysis> ev = req.evidence();
        Map<String, String> names = new LinkedHashMap<>();
        for (EvidenceAnalysis e : ev) {
            for (IndicatorOutcome o : e.analysis().outcomes()) names.putIfAbsent(o.indicatorId(), o.displayName());
        }
        boolean compare = ev.size() > 1;
        l.heading(compare ? "Side-by-side summary of findings" : "Summary of findings", 12);
        if (names.isEmpty()) {
            l.body("No indicator was run.");
            return;
        }
        if (!compare) {   // the first screen's order: the assessment with its sentence, then the most telling findings
            AnalysisReport a = ev.get(0).analysis();
            IndicatorOutcome assessed = FindingOrder.assessment(a).filter(IndicatorOutcome::ok).orElse(null);
            if (assessed != null) {
                l.paragraph("Overall assessment: " + assessed.result().finding().sentence(), l.bold, PdfLayout.BODY, Color.BLACK);
            }
            Map<String, String> ordered = new LinkedHashMap<>();
            FindingOrder.assessment(a).ifPresent(o -> ordered.put(o.indicatorId(), o.displayName()));
            for (IndicatorOutcome o : FindingOrder.indicators(a)) ordered.put(o.indicatorId(), o.displayName());
            names.forEach(ordered::putIfAbsent);
            names = ordered;
        }
        int n = ev.size();
        float first = compare ? 120 : 150;
        float diffCol = compare ? 50 : 0;
        float each = (PdfLayout.WIDTH - first - diffCol) / n;
        float[] widths = new float[n + 1 + (compare ? 1 : 0)];
        widths[0] = first;
        for (int i = 0; i < n; i++) widths[i + 1] = each;
        if (compare) widths[n + 1] = diffCol;
        List<Cell> header = new ArrayList<>();
        header.add(new Cell("Indicator", l.bold));
        for (int i = 0; i < n; i++) {
            header.add(new Cell(compare ? "#" + (i + 1) + " " + ev.get(i).image().fileName() : "Finding (what it rests on)", l.bold));
        }
        if (compare) header.add(new Cell("Differs", l.bold));
        List<List<Cell>> rows = new ArrayList<>();
        int differing = 0;
        for (Map.Entry<String, String> ind : names.entrySet()) {
            List<IndicatorOutcome> outs = new ArrayList<>();
            for (EvidenceAnalysis e : ev) outs.add(e.analysis().outcome(ind.getKey()).orElse(null));
            boolean differs = compare && differs(outs);
            if (differs) differing++;
            List<Cell> row = new ArrayList<>();
            row.add(new Cell(ind.getValue(), l.bold, differs ? HIGHLIGHT : null, Color.BLACK));
            for (IndicatorOutcome o : outs) row.add(summaryCell(l, o, differs));
            if (compare) row.add(new Cell(differs ? "yes" : "no", differs ? l.bold : l.regular, differs ? HIGHLIGHT : null, Color.BLACK));
            rows.add(row);
        }
        l.table(widths, header, rows, 8.5f);
        if (compare) {
            l.paragraph(differing + " of " + names.size() + " indicators differ between the images (highlighted): "
                    + "their headline scores spread by more than " + Math.round(COMPARISON_RELATIVE_DIFFERENCE * 100)
                    + " % of the largest value, or they lean to different explanations, or an indicator ran on some of the "
                    + "images only.", l.oblique, 8.5f, MUTED);
        }
    }

    private static Cell summaryCell(PdfLayout l, IndicatorOutcome o, boolean highlight) {
        Color bg = highlight ? HIGHLIGHT : null;
        if (o == null) return new Cell("not run", l.oblique, bg, MUTED);
        if (!o.ok()) return new Cell(o.status().name().toLowerCase(Locale.ROOT), l.oblique, bg, FAILED);
        Finding f = o.result().finding();
        return new Cell(f.phrase() + (f.strength().isEmpty() ? "" : "\n(" + f.strength() + ")"), l.regular, bg, colour(f));
    }

    /** A finding's colour on the page: its hypothesis' (darker) where it says something, else black or grey. */
    private static Color colour(Finding f) {
        if (f.standing().telling() && f.favours() != Hypothesis.INCONCLUSIVE) return new Color(f.favours().rgb()).darker();
        return f.standing() == Finding.Standing.FIGURES_ONLY || f.standing() == Finding.Standing.NOT_HERE ? MUTED : Color.BLACK;
    }

    /** Whether one indicator's outcomes on several images differ in the sense of the report's highlighting. */
    public static boolean differs(List<IndicatorOutcome> outs) {
        long failed = outs.stream().filter(o -> o == null || !o.ok()).count();
        if (failed == outs.size()) return false;
        Hypothesis h = null;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, mag = 0;
        int undefined = 0;
        for (IndicatorOutcome o : outs) {
            if (o == null || !o.ok()) return true;
            IndicatorResult r = o.result();
            if (h != null && h != r.supports()) return true;
            h = r.supports();
            double v = r.headline().value();
            // undefined on every image for the same reason (e.g. "not a JPEG" on all): alike; on some only: different
            if (!Double.isFinite(v)) {
                undefined++;
                continue;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            mag = Math.max(mag, Math.abs(v));
        }
        if (undefined > 0) return undefined < outs.size() || outs.stream().map(o -> o.result().headline().meaning()).distinct().count() > 1;
        return mag > 0 && (max - min) > COMPARISON_RELATIVE_DIFFERENCE * mag;
    }

    private static void evidenceSection(PdfLayout l, ReportRequest req, int index) throws IOException {
        EvidenceAnalysis e = req.evidence().get(index);
        LoadedImage im = e.image();
        l.newPage();
        String prefix = req.evidence().size() > 1 ? "Evidence " + (index + 1) + " of " + req.evidence().size() + ": " : "Evidence: ";
        l.paragraph(prefix + im.fileName(), l.bold, 15, Color.BLACK);
        l.rule();
        if (e.caseFileMismatch()) {
            l.paragraph("Warning: the case file of this image was saved for a file with SHA-256 " + e.caseFileSha256()
                    + ", not this one (" + im.sha256() + "). The file changed since it was annotated, or the case file"
                    + " belongs to another file: its annotations and case data may not fit this image.",
                    l.bold, PdfLayout.BODY, FAILED);
        }
        l.keyValues(identity(e));

        BufferedImage picture = ReportPictures.evidence(im.image());
        double scale = ReportPictures.scaleFor(im.image());
        l.heading(e.annotations().isEmpty() ? "The image" : "The image with the examiner's annotations", 11);
        l.pictures(List.of(ReportPictures.annotated(picture, e.annotations(), scale)), PICTURE_HEIGHT + 60, 0);
        if (!e.annotations().isEmpty()) annotationTable(l, e.annotations());
        if (!e.custody().isEmpty()) CustodyTable.write(l, e);

        List<IndicatorOutcome> outs = e.analysis().outcomes();
        if (e.analysis().cancelled()) {
            l.paragraph("The analysis was cancelled before every indicator finished; unfinished indicators are marked.",
                    l.bold, PdfLayout.BODY, FAILED);
        }
        for (int k = 0; k < outs.size(); k++) indicator(l, outs.get(k), k + 1, picture, e.annotations(), scale);
    }

    private static List<String[]> identity(EvidenceAnalysis e) {
        LoadedImage im = e.image();
        ImageMetadata md = im.metadata();
        List<String[]> kv = new ArrayList<>();
        kv.add(new String[]{"File name", im.fileName()});
        kv.add(new String[]{"Location", im.path().toAbsolutePath().toString()});
        kv.add(new String[]{"Size", String.format(Locale.ROOT, "%,d bytes", im.fileSize())});
        kv.add(new String[]{"SHA-256", im.sha256()});
        kv.add(new String[]{"Dimensions", im.image().width() + " x " + im.image().height() + " pixels"});
        if (md != null) {
            kv.add(new String[]{"Format", md.formatName().toUpperCase(Locale.ROOT)});
            kv.add(new String[]{"Bit depth", md.bitsPerSample() + " bits per sample, " + md.channels() + " colour channel(s)"
                    + (md.hasAlpha() ? " + alpha (not analysed)" : "")});
            kv.add(new String[]{"ICC profile", md.iccProfile() == null ? "none embedded" : md.iccProfile()});
            if (md.exif().isEmpty()) {
                kv.add(new String[]{"EXIF", "none recorded"});
            } else {
                // one row per tag, so that a long EXIF block flows over pages row by row
                String key = "EXIF";
                for (Map.Entry<String, String> x : new TreeMap<>(md.exif()).entrySet()) {
                    kv.add(new String[]{key, x.getKey() + ": " + x.getValue()});
                    key = "";
                }
            }
        }
        kv.add(new String[]{"Analysed", e.analysedAt() == null ? "-" : WHEN.format(e.analysedAt())});
        // the examiner's settings that differ from the indicators' declared defaults, one row each
        String key = "Settings";
        for (String line : IndicatorParameters.describe(e.analysis().parameters())) {
            kv.add(new String[]{key, line});
            key = "";
        }
        if (e.analysis().parameters().isEmpty()) kv.add(new String[]{"Settings", "the indicators' defaults"});
        return kv;
    }

    private static void annotationTable(PdfLayout l, List<Annotation> anns) throws IOException {
        List<List<Cell>> rows = new ArrayList<>();
        int n = 0;
        for (Annotation a : anns) {
            n++;
            String where = a.kind() == Annotation.Kind.NOTE
                    ? String.format(Locale.ROOT, "at (%.0f, %.0f)", a.x1(), a.y1())
                    : String.format(Locale.ROOT, "(%.0f, %.0f) to (%.0f, %.0f)", a.x1(), a.y1(), a.x2(), a.y2());
            rows.add(List.of(new Cell("[" + n + "]", l.bold, new Color(a.rgb()), contrast(a.rgb())),
                    new Cell(a.kind().name().toLowerCase(Locale.ROOT) + "\n" + where, l.regular),
                    new Cell(a.text().isBlank() ? "(no text)" : a.text(), a.text().isBlank() ? l.oblique : l.regular),
                    new Cell(orDash(a.author()) + "\n" + orDash(a.created()), l.regular)));
        }
        l.table(new float[]{30, 120, PdfLayout.WIDTH - 280, 130}, List.of(new Cell("#", l.bold), new Cell("Mark (image pixels)", l.bold),
                new Cell("Note", l.bold), new Cell("Author, time", l.bold)), rows, 8.5f);
    }

    private static void indicator(PdfLayout l, IndicatorOutcome o, int number, BufferedImage picture,
                                  List<Annotation> anns, double scale) throws IOException {
        l.heading(number + ". " + o.displayName(), 12.5f);
        if (!o.ok()) {
            String what = o.status() == IndicatorOutcome.Status.CANCELLED ? "Cancelled before it finished; no result."
                    : "Failed: " + (o.error() == null ? "no reason given" : o.error());
            l.paragraph(what, l.bold, PdfLayout.BODY, FAILED);
            method(l, o);
            return;
        }
        IndicatorResult r = o.result();
        Hypothesis h = r.supports();
        Finding f = r.finding();
        l.paragraph("Finding: " + f.phrase(), l.bold, PdfLayout.BODY + 1, colour(f));
        if (!f.strength().isEmpty()) l.paragraph("What it rests on: " + f.strength(), l.oblique, PdfLayout.BODY, MUTED);
        if (!f.sentence().equals(f.phrase())) l.body(f.sentence());
        l.swatchLine(new Color(h.rgb()), String.format(Locale.ROOT, "Leans to: %s (confidence %.2f)", h.phrase(), r.confidence()));
        l.paragraph("Headline: " + r.headline().label() + " = " + ScoreFormat.number(r.headline().value()), l.bold,
                PdfLayout.BODY, Color.BLACK);
        l.space(3);
        List<List<Cell>> rows = new ArrayList<>();
        for (Score s : r.scores()) {
            rows.add(List.of(new Cell(s.label(), s.key().equals(r.headline().key()) ? l.bold : l.regular),
                    new Cell(ScoreFormat.number(s.value()), l.mono), new Cell(s.meaning(), l.regular)));
        }
        l.table(new float[]{170, 70, PdfLayout.WIDTH - 240}, List.of(new Cell("Score", l.bold), new Cell("Value", l.bold),
                new Cell("How to read it", l.bold)), rows, 8.5f);
        l.paragraph("What this shows", l.bold, PdfLayout.BODY, Color.BLACK);
        l.body(r.explanation());
        if (!r.details().isEmpty()) details(l, r.details());
        for (MapLayer m : r.maps()) {
            l.space(4);
            if (m.overlay()) {
                BufferedImage ov = ReportPictures.overlay(picture, m);
                if (!anns.isEmpty()) ov = ReportPictures.annotated(ov, anns, scale);
                l.pictures("Picture: " + m.name() + " (drawn over the image in grey at "
                        + Math.round(ReportPictures.OVERLAY_OPACITY * 100) + " % opacity"
                        + (m.outlines() ? String.format(Locale.ROOT, "; regions at or above %.2f outlined in cyan", m.outlineAt()) : "")
                        + (anns.isEmpty() ? "" : "; annotations as numbered above") + ")",
                        List.of(ov, ReportPictures.legend(m, ov.getHeight())), PICTURE_HEIGHT, 8);
            } else {
                l.pictures("Picture: " + m.name() + String.format(Locale.ROOT, " (%d x %d values%s)", m.map().width(),
                        m.map().height(), m.markers().isEmpty() ? "" : ", " + m.markers().size() + " marked point(s) circled"),
                        List.of(ReportPictures.standalone(m)), PICTURE_HEIGHT, 0);
            }
        }
        method(l, o);
    }

    /** Structured findings as an indented two-column table; checks that held green, failures red, notes amber. */
    private static void details(PdfLayout l, List<Detail> details) throws IOException {
        List<List<Cell>> rows = new ArrayList<>();
        int total = 0;
        for (Detail top : details) total += top.flatten().size();
        for (Detail top : details) {
            for (Detail.Row row : top.flatten()) {
                if (rows.size() >= MAX_DETAIL_ROWS) break;   // thousands of maker-note tags: bounded, all in the JSON
                Detail d = row.detail();
                Color tint = switch (d.tone()) {
                    case GOOD -> new Color(0xdcefdc);
                    case BAD -> new Color(0xf8d7d4);
                    case NOTE -> new Color(0xfdf0c8);
                    case NEUTRAL -> null;
                };
                String indent = "\u00a0\u00a0\u00a0\u00a0".repeat(Math.min(row.depth(), 6));
                rows.add(List.of(new Cell(indent + d.label(), row.depth() == 0 ? l.bold : l.regular, tint, Color.BLACK),
                        new Cell(d.value().isEmpty() ? " " : d.value(), l.regular, tint, Color.BLACK)));
            }
        }
        l.space(3);
        l.table(new float[]{190, PdfLayout.WIDTH - 190}, List.of(new Cell("Finding", l.bold), new Cell("Value", l.bold)), rows, 8f);
        if (total > rows.size()) {
            l.paragraph((total - rows.size()) + " more lines are left out here; all are in the JSON (provenant analyze --json).",
                    l.oblique, 8f, MUTED);
        }
    }

    private static void method(PdfLayout l, IndicatorOutcome o) throws IOException {
        l.paragraph("Method: " + (o.methodReference() == null ? "-" : o.methodReference())
                + String.format(Locale.ROOT, "  (run time %d ms)", o.millis()), l.oblique, 8.5f, MUTED);
        l.space(6);
    }

    private static void toolAndModels(PdfLayout l, ReportRequest req) throws IOException {
        l.newPage();
        l.paragraph("Tool and models", l.bold, 15, Color.BLACK);
        l.rule();
        l.keyValues(List.of(
                new String[]{"Tool", "Provenant " + req.toolVersion()},
                new String[]{"Java runtime", System.getProperty("java.vendor", "?") + " " + System.getProperty("java.version", "?")},
                new String[]{"Operating system", System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "")
                        + " (" + System.getProperty("os.arch", "?") + ")"}));
        l.heading("Models in the model manifest", 12);
        if (req.models().isEmpty()) {
            l.body("No models were installed. Indicators that need a model report that they could not run.");
            return;
        }
        l.body("Each model file is checked against its SHA-256 below before it is loaded; a file that does not match is refused.");
        List<List<Cell>> rows = new ArrayList<>();
        for (ModelEntry m : req.models()) {
            rows.add(List.of(new Cell(m.name() + "\n" + orDash(m.kind()) + "\n" + m.file(), l.regular),
                    new Cell(m.sha256(), l.mono)));
        }
        l.table(new float[]{PdfLayout.WIDTH - 310, 310}, List.of(new Cell("Model, kind, file", l.bold),
                new Cell("SHA-256", l.bold)), rows, 7.5f);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    private static Color contrast(int rgb) {
        double lum = 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
        return lum > 140 ? Color.BLACK : Color.WHITE;
    }

    /** For tests and the CLI: the text form of the report's date line. */
    static String when(Instant t) {
        return WHEN.format(t);
    }
}
