package org.provenant.app.guide;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Draws the Markdown of the bundled user guide ({@code docs/*.md}) as JavaFX nodes, offline and without a browser:
 * headings (with an id per heading for anchors), paragraphs, lists, tables, fenced code, and inline code, bold and
 * links. A link to another guide page calls {@code open} with its target ("c2pa.md", "validation.md#anchor"); a
 * link outside the guide (a web page, a file of the repository) and a picture are written out as text, since the
 * window reaches no network and the screenshots are not bundled. Only the subset the guide uses is understood.
 */
final class MarkdownView {
    private static final Pattern INLINE = Pattern.compile("`([^`]+)`|\\*\\*(.+?)\\*\\*|!\\[([^]]*)]\\(([^)]+)\\)|\\[([^]]+)]\\(([^)]+)\\)");
    private static final Pattern ITEM = Pattern.compile("^(\\s*)([-*]|\\d+\\.)\\s+(.*)$");

    private MarkdownView() { }

    /** The page as a column of nodes. */
    static VBox render(String markdown, Consumer<String> open) {
        VBox page = new VBox(8);
        page.getStyleClass().add("guide-page");
        page.setPadding(new Insets(12, 16, 16, 16));
        List<String> lines = markdown.lines().toList();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank()) {
                i++;
            } else if (line.startsWith("```")) {
                StringBuilder code = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) code.append(lines.get(i)).append('\n');
                i++;
                Label l = new Label(code.toString().stripTrailing());
                l.getStyleClass().add("guide-code");
                l.setMaxWidth(Double.MAX_VALUE);
                page.getChildren().add(l);
            } else if (line.startsWith("#")) {
                int level = 0;
                while (level < line.length() && line.charAt(level) == '#') level++;
                String text = line.substring(level).strip();
                TextFlow h = inline(text, open);
                h.getStyleClass().add("guide-h" + Math.min(level, 3));
                h.setId(anchor(text));
                page.getChildren().add(h);
                i++;
            } else if (line.startsWith("|")) {
                List<String> rows = new ArrayList<>();
                for (; i < lines.size() && lines.get(i).startsWith("|"); i++) rows.add(lines.get(i));
                page.getChildren().add(table(rows, open));
            } else if (ITEM.matcher(line).matches()) {
                VBox list = new VBox(3);
                while (i < lines.size() && ITEM.matcher(lines.get(i)).matches()) {
                    Matcher m = ITEM.matcher(lines.get(i));
                    m.matches();
                    StringBuilder item = new StringBuilder(m.group(3));
                    for (i++; i < lines.size() && lines.get(i).startsWith("  ") && !ITEM.matcher(lines.get(i)).matches(); i++) {
                        item.append(' ').append(lines.get(i).strip());
                    }
                    String bullet = m.group(2).endsWith(".") ? m.group(2) : "\u2022";
                    Label b = new Label(bullet);
                    b.setMinWidth(18);
                    TextFlow t = inline(item.toString(), open);
                    HBox.setHgrow(t, Priority.ALWAYS);
                    HBox row = new HBox(4, b, t);
                    row.setPadding(new Insets(0, 0, 0, 8 + 12 * (m.group(1).length() / 2)));
                    list.getChildren().add(row);
                }
                page.getChildren().add(list);
            } else {
                StringBuilder para = new StringBuilder(line.strip());
                for (i++; i < lines.size() && startsParagraphLine(lines.get(i)); i++) para.append(' ').append(lines.get(i).strip());
                page.getChildren().add(inline(para.toString(), open));
            }
        }
        return page;
    }

    private static boolean startsParagraphLine(String l) {
        return !l.isBlank() && !l.startsWith("#") && !l.startsWith("|") && !l.startsWith("```") && !ITEM.matcher(l).matches();
    }

    private static Node table(List<String> rows, Consumer<String> open) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("guide-table");
        grid.setHgap(10);
        grid.setVgap(4);
        int r = 0;
        for (String row : rows) {
            List<String> cells = cells(row);
            if (cells.stream().allMatch(c -> c.matches(":?-{3,}:?"))) continue;   // the header's underline
            for (int c = 0; c < cells.size(); c++) {
                TextFlow t = inline(cells.get(c), open);
                t.setMaxWidth(c == 0 ? 220 : 360);
                if (r == 0) t.getStyleClass().add("guide-table-head");
                grid.add(t, c, r);
            }
            r++;
        }
        return grid;
    }

    private static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
        List<String> out = new ArrayList<>();
        for (String c : inner.split("(?<!\\\\)\\|", -1)) out.add(c.strip().replace("\\|", "|"));
        return out;
    }

    /** Inline code, bold, pictures (as text) and links in a flow of text. */
    static TextFlow inline(String text, Consumer<String> open) {
        TextFlow flow = new TextFlow();
        Matcher m = INLINE.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) flow.getChildren().add(new Text(text.substring(at, m.start())));
            if (m.group(1) != null) {
                Text code = new Text(m.group(1));
                code.getStyleClass().add("guide-inline-code");
                flow.getChildren().add(code);
            } else if (m.group(2) != null) {
                Text bold = new Text(m.group(2));
                bold.getStyleClass().add("guide-bold");
                flow.getChildren().add(bold);
            } else if (m.group(3) != null) {
                Text pic = new Text("(picture: " + m.group(3) + ", " + outsideName(m.group(4)) + " in the repository)");
                pic.getStyleClass().add("guide-muted");
                flow.getChildren().add(pic);
            } else {
                flow.getChildren().add(link(m.group(5), m.group(6), open));
            }
            at = m.end();
        }
        if (at < text.length()) flow.getChildren().add(new Text(text.substring(at)));
        return flow;
    }

    private static Node link(String label, String target, Consumer<String> open) {
        String page = UserGuide.pageOf(target);
        if (page != null) {
            Hyperlink h = new Hyperlink(label);
            h.getStyleClass().add("guide-link");
            h.setOnAction(e -> open.accept(page + fragment(target)));
            return h;
        }
        Text t = new Text(label + (target.startsWith("#") ? "" : " (" + outsideName(target) + ")"));
        t.getStyleClass().add("guide-muted-link");
        return t;
    }

    private static String fragment(String target) {
        int h = target.indexOf('#');
        return h < 0 ? "" : target.substring(h);
    }

    /** A target outside the guide as a reader can find it: the web address, or the file's path in the repository. */
    private static String outsideName(String target) {
        if (target.matches("[a-z]+:.*")) return target;
        String t = target;
        while (t.startsWith("../")) t = t.substring(3);
        return t;
    }

    /** The id of a heading, as GitHub makes it: lower case, spaces to dashes, punctuation dropped. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").strip().replace(' ', '-');
    }
}
