package org.provenant.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A fixed A4 layout that flows top to bottom: headings, wrapped paragraphs, tables whose rows never split across
 * pages, pictures scaled to fit, and a footer with "page X of Y" on every page. Nothing is drawn outside the
 * margins: long words are broken, pictures shrink to the space.
 */
final class PdfLayout implements AutoCloseable {
    static final PDRectangle PAGE = PDRectangle.A4;
    static final float MARGIN_X = 50;
    static final float MARGIN_TOP = 50;
    /** Space kept free at the bottom for the footer. */
    static final float MARGIN_BOTTOM = 54;
    static final float WIDTH = PAGE.getWidth() - 2 * MARGIN_X;
    static final float BODY = 9.5f;
    static final float LEADING = 1.3f;
    static final float CELL_PAD = 3f;
    static final float CAPTION = 8.5f;
    static final Color CAPTION_COLOUR = new Color(0x505560);

    final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    final PDFont oblique = new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);
    final PDFont mono = new PDType1Font(Standard14Fonts.FontName.COURIER);

    private final PDDocument doc;
    private PDPageContentStream cs;
    private float y;

    PdfLayout(PDDocument doc) {
        this.doc = doc;
    }

    /** A table cell: text, its font, and an optional background (null = none) and text colour. */
    record Cell(String text, PDFont font, Color background, Color colour) {
        Cell(String text, PDFont font) {
            this(text, font, null, Color.BLACK);
        }
    }

    void newPage() throws IOException {
        if (cs != null) cs.close();
        PDPage page = new PDPage(PAGE);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        y = PAGE.getHeight() - MARGIN_TOP;
    }

    private float bottom() {
        return MARGIN_BOTTOM;
    }

    /** Starts a new page unless this much height is left on the current one. */
    void ensure(float height) throws IOException {
        if (cs == null || y - height < bottom()) newPage();
    }

    float remaining() {
        return cs == null ? 0 : y - bottom();
    }

    void space(float pt) {
        y -= pt;
    }

    void heading(String text, float size) throws IOException {
        // keep the heading with at least a few lines of what follows
        ensure(size * LEADING + 4 * BODY * LEADING);
        space(size * 0.4f);
        paragraph(text, bold, size, Color.BLACK);
        space(size * 0.25f);
    }

    void paragraph(String text, PDFont font, float size, Color colour) throws IOException {
        paragraph(text, font, size, colour, MARGIN_X, WIDTH);
    }

    void paragraph(String text, PDFont font, float size, Color colour, float x, float width) throws IOException {
        for (String line : PdfText.wrap(font, size, PdfText.safe(font, text), width)) {
            ensure(size * LEADING);
            y -= size * LEADING;
            drawText(line, font, size, colour, x, y + size * (LEADING - 1));
        }
    }

    void body(String text) throws IOException {
        paragraph(text, regular, BODY, Color.BLACK);
    }

    private void drawText(String safeLine, PDFont font, float size, Color colour, float x, float baseline) throws IOException {
        if (safeLine.isEmpty()) return;
        cs.beginText();
        cs.setFont(font, size);
        cs.setNonStrokingColor(colour);
        cs.newLineAtOffset(x, baseline);
        cs.showText(safeLine);
        cs.endText();
    }

    /** A small filled square in the colour, then bold text: used for the hypothesis a result leans to. */
    void swatchLine(Color swatch, String text) throws IOException {
        float size = BODY + 1;
        List<String> lines = PdfText.wrap(bold, size, PdfText.safe(bold, text), WIDTH - 18);
        ensure(lines.size() * size * LEADING);
        float top = y;
        cs.setNonStrokingColor(swatch);
        cs.addRect(MARGIN_X, top - size * LEADING + 1, 11, 11);
        cs.fill();
        for (String line : lines) {
            y -= size * LEADING;
            drawText(line, bold, size, swatch.darker(), MARGIN_X + 18, y + size * (LEADING - 1));
        }
    }

    /**
     * A table: column widths in points (summing to at most {@link #WIDTH}), an optional header row repeated on
     * each page, rows that are never split.
     */
    void table(float[] widths, List<Cell> header, List<List<Cell>> rows, float size) throws IOException {
        if (header != null) {
            ensure(rowHeight(widths, header, size) + rowHeight(widths, rows.isEmpty() ? header : rows.get(0), size));
            row(widths, header, size, new Color(0xe8eaf0));
        }
        for (List<Cell> r : rows) {
            float h = rowHeight(widths, r, size);
            if (y - h < bottom()) {
                newPage();
                if (header != null) row(widths, header, size, new Color(0xe8eaf0));
            }
            row(widths, r, size, null);
        }
        space(4);
    }

    private float rowHeight(float[] widths, List<Cell> cells, float size) {
        int lines = 1;
        for (int i = 0; i < cells.size(); i++) lines = Math.max(lines, cellLines(cells.get(i), widths[i], size).size());
        return lines * size * LEADING + 2 * CELL_PAD;
    }

    /**
     * A cell's wrapped lines; a cell taller than a whole page (an absurdly long note) is cut to one page and
     * ends with "[... cut: N more lines]" so that no row ever runs over the footer.
     */
    private static List<String> cellLines(Cell c, float width, float size) {
        List<String> lines = PdfText.wrap(c.font(), size, PdfText.safe(c.font(), c.text()), width - 2 * CELL_PAD);
        int max = (int) ((PAGE.getHeight() - MARGIN_TOP - MARGIN_BOTTOM - 2 * CELL_PAD - 4 * BODY * LEADING) / (size * LEADING));
        if (lines.size() <= max) return lines;
        List<String> cut = new ArrayList<>(lines.subList(0, max - 1));
        cut.add("[... cut: " + (lines.size() - max + 1) + " more lines]");
        return cut;
    }

    private void row(float[] widths, List<Cell> cells, float size, Color rowBackground) throws IOException {
        float h = rowHeight(widths, cells, size);
        float x = MARGIN_X;
        float top = y;
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            Color bg = c.background() != null ? c.background() : rowBackground;
            if (bg != null) {
                cs.setNonStrokingColor(bg);
                cs.addRect(x, top - h, widths[i], h);
                cs.fill();
            }
            float ly = top - CELL_PAD;
            for (String line : cellLines(c, widths[i], size)) {
                ly -= size * LEADING;
                drawText(line, c.font(), size, c.colour(), x + CELL_PAD, ly + size * (LEADING - 1));
            }
            x += widths[i];
        }
        cs.setStrokingColor(new Color(0xb0b4c0));
        cs.setLineWidth(0.5f);
        cs.moveTo(MARGIN_X, top - h);
        cs.lineTo(x, top - h);
        cs.stroke();
        y = top - h;
    }

    /** Two-column key/value table without header. */
    void keyValues(List<String[]> pairs) throws IOException {
        List<List<Cell>> rows = new ArrayList<>();
        for (String[] p : pairs) rows.add(List.of(new Cell(p[0], bold), new Cell(p[1], regular)));
        table(new float[]{130, WIDTH - 130}, null, rows, BODY);
    }

    /**
     * Pictures side by side on one line, scaled together so that the line fits the width and at most maxHeight
     * (and the rest of the page when more than half a page is left; else they go to a new page).
     */
    void pictures(List<BufferedImage> images, float maxHeight, float gap) throws IOException {
        pictures(null, images, maxHeight, gap);
    }

    /** Same, with a caption line above that always stays on the pictures' page. */
    void pictures(String caption, List<BufferedImage> images, float maxHeight, float gap) throws IOException {
        float capH = 0;
        List<String> capLines = List.of();
        if (caption != null) {
            capLines = PdfText.wrap(oblique, CAPTION, PdfText.safe(oblique, caption), WIDTH);
            capH = capLines.size() * CAPTION * LEADING;
        }
        float totalW = 0, maxH = 0;
        for (BufferedImage b : images) {
            totalW += b.getWidth();
            maxH = Math.max(maxH, b.getHeight());
        }
        float avail = WIDTH - gap * (images.size() - 1);
        float scale = Math.min(avail / totalW, maxHeight / maxH);
        float h = maxH * scale;
        float full = PAGE.getHeight() - MARGIN_TOP - bottom();
        if (h + capH > remaining()) {
            float room = remaining() - capH;
            if (room > full / 2 && room > 120) {
                scale *= room / h;
                h = room;
            } else {
                newPage();
            }
        }
        for (String line : capLines) {
            y -= CAPTION * LEADING;
            drawText(line, oblique, CAPTION, CAPTION_COLOUR, MARGIN_X, y + CAPTION * (LEADING - 1));
        }
        float x = MARGIN_X;
        for (BufferedImage b : images) {
            PDImageXObject img = LosslessFactory.createFromImage(doc, b);
            float w = b.getWidth() * scale, ih = b.getHeight() * scale;
            cs.drawImage(img, x, y - ih, w, ih);
            x += w + gap;
        }
        y -= h + 4;
    }

    void rule() throws IOException {
        ensure(6);
        cs.setStrokingColor(new Color(0x9098a8));
        cs.setLineWidth(0.8f);
        cs.moveTo(MARGIN_X, y - 3);
        cs.lineTo(MARGIN_X + WIDTH, y - 3);
        cs.stroke();
        y -= 6;
    }

    /** Closes the last page, then writes the footer (left text, "page X of Y" on the right) on every page. */
    void finish(String footerLeft) throws IOException {
        if (cs != null) cs.close();
        cs = null;
        int n = doc.getNumberOfPages();
        for (int i = 0; i < n; i++) {
            PDPage p = doc.getPage(i);
            try (PDPageContentStream f = new PDPageContentStream(doc, p, PDPageContentStream.AppendMode.APPEND, true, true)) {
                float size = 8;
                float base = MARGIN_BOTTOM / 2 - 4;
                f.setStrokingColor(new Color(0xb0b4c0));
                f.setLineWidth(0.5f);
                f.moveTo(MARGIN_X, base + 12);
                f.lineTo(MARGIN_X + WIDTH, base + 12);
                f.stroke();
                String right = "page " + (i + 1) + " of " + n;
                float rw = PdfText.width(regular, size, right);
                String left = PdfText.wrap(regular, size, PdfText.safe(regular, footerLeft), WIDTH - rw - 20).get(0);
                f.setNonStrokingColor(Color.DARK_GRAY);
                f.beginText();
                f.setFont(regular, size);
                f.newLineAtOffset(MARGIN_X, base);
                f.showText(left);
                f.endText();
                f.beginText();
                f.setFont(regular, size);
                f.newLineAtOffset(MARGIN_X + WIDTH - rw, base);
                f.showText(right);
                f.endText();
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (cs != null) cs.close();
        cs = null;
    }
}
