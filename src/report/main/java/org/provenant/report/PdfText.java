package org.provenant.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Text for the report's standard PDF fonts: numbers formatted one way everywhere, characters the fonts cannot
 * show replaced by readable ASCII, and lines wrapped to a width.
 */
final class PdfText {
    private static final Map<Character, String> REPLACEMENTS = Map.ofEntries(
            Map.entry('\u2212', "-"), Map.entry('\u2264', "<="), Map.entry('\u2265', ">="), Map.entry('\u2248', "~"),
            Map.entry('\u2192', "->"), Map.entry('\u2190', "<-"), Map.entry('\u03bb', "lambda"), Map.entry('\u03c3', "sigma"),
            Map.entry('\u03bc', "mu"), Map.entry('\u0394', "Delta"), Map.entry('\u2009', " "), Map.entry('\u202f', " "),
            Map.entry('\t', "    "));
    private static final Map<String, Boolean> SHOWABLE = new ConcurrentHashMap<>();

    private PdfText() { }

    /** The text with every character the font cannot encode replaced (control characters dropped). */
    static String safe(PDFont font, String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            String rep = cp < Character.MIN_SUPPLEMENTARY_CODE_POINT ? REPLACEMENTS.get((char) cp) : null;
            if (rep != null) {
                b.append(rep);
            } else if (cp == '\n' || cp >= 0x20 && cp != 0x7f) {
                b.append(cp == '\n' || cp < Character.MIN_SUPPLEMENTARY_CODE_POINT && canShow(font, (char) cp)
                        ? Character.toString(cp) : "?");
            }
        });
        return b.toString();
    }

    private static boolean canShow(PDFont font, char c) {
        if (c >= 0x20 && c < 0x7f) return true;
        return SHOWABLE.computeIfAbsent(font.getName() + ':' + c, k -> {
            try {
                font.encode(String.valueOf(c));
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        });
    }

    static float width(PDFont font, float size, String s) {
        try {
            return font.getStringWidth(s) / 1000f * size;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Wraps already-safe text to the width: paragraphs at newlines, words at spaces, and words longer than a
     * line (hashes, paths) broken between characters.
     */
    static List<String> wrap(PDFont font, float size, String text, float maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String para : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" +")) {
                if (word.isEmpty()) continue;
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (width(font, size, candidate) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                while (width(font, size, word) > maxWidth) {
                    int n = word.length() - 1;
                    while (n > 1 && width(font, size, word.substring(0, n)) > maxWidth) n--;
                    lines.add(word.substring(0, n));
                    word = word.substring(n);
                }
                line.append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
