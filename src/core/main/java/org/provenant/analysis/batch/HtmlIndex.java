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

/**
 * {@code index.html} in the output folder: one self-contained page (inline CSS, no script, no network) with a
 * card per file, thumbnails from {@code thumbs/}, sorted by {@link BatchItem#suspicion()} (most suspicious
 * first, errors and skipped files last), each indicator's lean as a coloured chip with its headline.
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
                .append(".chip{display:inline-block;border-radius:9px;padding:1px 7px;margin:2px;font-size:11px;color:#fff}")
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
            for (BatchItem.IndicatorLine l : it.indicators()) {
                String colour = l.done() && l.supports() != null ? String.format("#%06x", l.supports().rgb()) : "#9e9e9e";
                String text = l.done() ? l.headlineLabel() + " " + ScoreFormat.number(l.headlineValue()) : l.status();
                h.append("<span class=\"chip\" style=\"background:").append(colour).append("\" title=\"")
                        .append(esc(l.name() + ": " + (l.done() && l.supports() != null ? l.supports().phrase() : l.status() + " " + l.error())))
                        .append("\">").append(esc(shortName(l.name()))).append(": ").append(esc(text)).append("</span>");
            }
            h.append("</div>\n");
        }
        h.append("</div></body></html>\n");
        OutputGuard.writeString(file, h.toString());
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
