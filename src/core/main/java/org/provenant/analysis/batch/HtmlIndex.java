package org.provenant.analysis.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.provenant.analysis.ScoreFormat;
import org.provenant.core.io.OutputGuard;
import org.provenant.indicators.Finding;

/**
 * {@code index.html} in the output folder: one self-contained page (inline CSS, no script, no network) with a
 * card per file, thumbnails from {@code thumbs/}, sorted by {@link BatchItem#suspicion()} (most suspicious
 * first, errors and skipped files last), each indicator's finding in words as a chip drawn as in the window (a verdict
 * filled with its colour, something to say outlined, the rest quiet), the overall assessment first and the most
 * telling findings before the others; the headline number and the lean on hover.
 */
public final class HtmlIndex {
    public static final String FILE = "index.html";

    private HtmlIndex() { }

    public static List<BatchItem> bySuspicion(List<BatchItem> items) {
        List<BatchItem> l = new ArrayList<>(items);
        l.sort(Comparator.comparingDouble(BatchItem::suspicion).reversed().thenComparing(BatchItem::relative));
        return l;
    }

    public static void write(Path file, Path folder, List<BatchItem> items, String caseNote) throws IOException {
        StringBuilder h = new StringBuilder(4096 + 1200 * items.size());
        long ok = items.stream().filter(BatchItem::ok).count();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Provenant batch: ")
                .append(esc(folder.getFileName() == null ? folder.toString() : folder.getFileName().toString())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:16px;background:#fafafa;color:#222}")
                .append(".grid{display:flex;flex-wrap:wrap;gap:12px}")
                .append(".card{width:300px;background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px}")
                .append(".card img{max-width:284px;max-height:200px;display:block;margin:auto}")
                .append(".name{font-weight:bold;word-break:break-all;font-size:13px}")
                .append(".chip{display:inline-block;border-radius:9px;padding:1px 7px;margin:2px;font-size:11px;border:1px solid transparent}")
                .append(".leans{color:#fff;font-weight:bold}.supports{background:#fff;border-width:2px}")
                .append(".neutral{background:#cfd8dc;color:#37474f}.figures_only{background:#fff;color:#607d8b;border-color:#b0bec5}")
                .append(".not_here{background:transparent;color:#607d8b;font-style:italic;border:1px dashed #90a4ae}")
                .append(".failed{background:#424242;color:#fff}")
                .append(".err{color:#b71c1c;font-size:12px}.muted{color:#666;font-size:12px}")
                .append("</style></head><body>\n");
        h.append("<h1>Batch of ").append(esc(folder.toString())).append("</h1>\n<p class=\"muted\">")
                .append(items.size()).append(" files, ").append(ok).append(" analysed, ").append(items.size() - ok)
                .append(" skipped or failed. Made ").append(esc(Instant.now().toString())).append(". ")
                .append(esc(caseNote)).append("</p>\n<p class=\"muted\">Sorted by suspicion: the summed confidence of"
                        + " the indicators that lean away from a camera original. This is an order for triage, not a"
                        + " verdict: open each file's analysis for what its indicators measured and how reliable they are.</p>\n");
        h.append("<div class=\"grid\">\n");
        for (BatchItem it : bySuspicion(items)) {
            h.append("<div class=\"card\">");
            if (it.thumbnail() != null) h.append("<img src=\"").append(esc(href(it.thumbnail()))).append("\" alt=\"\">");
            h.append("<div class=\"name\">");
            if (it.json() != null) h.append("<a href=\"").append(esc(href(it.json()))).append("\">").append(esc(it.relative())).append("</a>");
            else h.append(esc(it.relative()));
            h.append("</div><div class=\"muted\">").append(esc(it.status().name().toLowerCase(Locale.ROOT)));
            if (it.width() > 0) h.append(", ").append(it.width()).append("x").append(it.height());
            if (!it.format().isEmpty()) h.append(", ").append(esc(it.format()));
            if (it.suspicion() >= 0) h.append(", suspicion ").append(ScoreFormat.number(it.suspicion()));
            if (!it.sha256().isEmpty()) h.append("<br>SHA-256 ").append(it.sha256(), 0, 16).append("...");
            h.append("</div>");
            if (!it.ok()) h.append("<div class=\"err\">").append(esc(it.message())).append("</div>");
            else if (!it.message().isEmpty()) h.append("<div class=\"err\">").append(esc(it.message())).append("</div>");
            for (BatchItem.IndicatorLine l : byFinding(it.indicators())) {
                h.append("<span class=\"chip ").append(chipClass(l)).append("\" style=\"").append(chipStyle(l)).append("\" title=\"")
                        .append(esc(l.name() + ": " + l.findingText() + (l.done() ? "\n" + l.headlineLabel() + ": "
                                + ScoreFormat.number(l.headlineValue()) + "\nleans: " + l.supports().phrase() : "")))
                        .append("\">").append(esc(shortName(l.name()))).append(": ").append(esc(l.findingText())).append("</span>");
            }
            h.append("</div>\n");
        }
        h.append("</div></body></html>\n");
        OutputGuard.writeString(file, h.toString());
    }

    /** The overall assessment first, then done ones by their findings (most telling first), then the others. */
    static List<BatchItem.IndicatorLine> byFinding(List<BatchItem.IndicatorLine> lines) {
        List<BatchItem.IndicatorLine> l = new ArrayList<>(lines);
        l.sort(Comparator.comparing((BatchItem.IndicatorLine x) -> !BatchItem.OVERALL.equals(x.id()))
                .thenComparing(x -> !x.done())
                .thenComparing((a, b) -> a.done() && b.done() ? Finding.MOST_TELLING_FIRST.compare(a.finding(), b.finding()) : 0));
        return l;
    }

    private static String chipClass(BatchItem.IndicatorLine l) {
        return l.done() ? l.finding().standing().name().toLowerCase(Locale.ROOT) : "failed";
    }

    /** A verdict filled with its hypothesis' colour, something to say outlined in it; the classes draw the rest. */
    private static String chipStyle(BatchItem.IndicatorLine l) {
        if (!l.done()) return "";
        Finding f = l.finding();
        String c = String.format("#%06x", f.rgb());
        return switch (f.standing()) {
            case LEANS -> "background:" + c;
            case SUPPORTS -> "border-color:" + c + ";color:" + c;
            default -> "";
        };
    }

    private static String shortName(String n) {
        return n.length() > 22 ? n.substring(0, 21) + "..." : n;
    }

    /** A relative link with each path segment percent-encoded where needed (spaces, '#', '?'). */
    static String href(String relative) {
        try {
            return new java.net.URI(null, null, relative, null).toASCIIString();
        } catch (java.net.URISyntaxException e) {
            return relative;
        }
    }

    static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
