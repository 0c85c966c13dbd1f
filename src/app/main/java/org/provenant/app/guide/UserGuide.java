package org.provenant.app.guide;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * Help > User guide: the documentation pages of the repository ({@code docs/*.md} and the README), bundled in the
 * application as resources under {@code org/provenant/app/guide/} by the build, shown offline in a window of their own
 * ({@link MarkdownView}) with links between the pages, Back and Contents. Each panel links to its method's page
 * ({@link org.provenant.indicators.Indicator#guidePage()}).
 */
public final class UserGuide {
    /** Where the build puts the pages (src/app/pom.xml). */
    static final String RESOURCES = "/org/provenant/app/guide/";
    /** The page shown by Help > User guide. */
    public static final String START = "workbench.md";
    /** The table of contents. */
    public static final String CONTENTS = "index.md";

    private static UserGuide shown;

    private final Stage stage = new Stage();
    private final ScrollPane scroll = new ScrollPane();
    private final Label title = new Label();
    private final Button back = new Button("Back");
    private final Deque<String> history = new ArrayDeque<>();
    private String page;

    private UserGuide() {
        scroll.setFitToWidth(true);
        scroll.setId("guide-page");
        back.setId("guide-back");
        back.setOnAction(e -> {
            if (history.isEmpty()) return;
            show(history.pop(), false);
        });
        Button contents = new Button("Contents");
        contents.setId("guide-contents");
        contents.setOnAction(e -> go(CONTENTS));
        Button start = new Button("Using the workbench");
        start.setOnAction(e -> go(START));
        title.getStyleClass().add("guide-title");
        HBox bar = new HBox(8, back, contents, start, title);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        BorderPane root = new BorderPane(scroll, bar, null, null, null);
        root.getStyleClass().add("user-guide");
        Scene scene = new Scene(root, 860, 760);
        scene.getStylesheets().add(UserGuide.class.getResource("/org/provenant/app/workbench.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Provenant user guide");
    }

    /**
     * Opens the guide's window (one for the application) at a page, e.g. "c2pa.md" or "validation.md#calibration";
     * an unknown page shows the contents with a line saying so.
     */
    public static UserGuide open(String target) {
        if (shown == null) shown = new UserGuide();
        shown.go(target);
        shown.stage.show();
        shown.stage.toFront();
        return shown;
    }

    /** The window's guide, or null before Help > User guide was first used (for tests). */
    public static UserGuide current() {
        return shown;
    }

    /** The page shown, e.g. "c2pa.md". */
    public String page() { return page; }

    public Stage stage() { return stage; }

    /** The nodes of the page shown (for tests). */
    Node content() { return scroll.getContent(); }

    private void go(String target) {
        if (page != null) history.push(page);
        show(target, true);
    }

    private void show(String target, boolean scroll) {
        int hash = target.indexOf('#');
        String name = hash < 0 ? target : target.substring(0, hash);
        String text = text(name);
        VBox view;
        if (text == null) {
            view = MarkdownView.render("The page " + name + " is not in this build's guide.\n\n" + text(CONTENTS), this::go);
            name = CONTENTS;
        } else {
            view = MarkdownView.render(text, this::go);
        }
        page = name;
        title.setText(name);
        back.setDisable(history.isEmpty());
        this.scroll.setContent(view);
        this.scroll.setVvalue(0);
        if (scroll && hash >= 0) scrollTo(view, target.substring(hash + 1));
    }

    private void scrollTo(VBox view, String anchor) {
        for (Node n : view.getChildren()) {
            if (anchor.equals(n.getId())) {
                view.applyCss();
                view.layout();
                double h = view.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
                if (h > 0) scroll.setVvalue(Math.min(1, n.getBoundsInParent().getMinY() / h));
                return;
            }
        }
    }

    /** The text of a bundled page, or null when there is no such page. */
    static String text(String name) {
        if (!name.matches("[A-Za-z0-9_-]+\\.md")) return null;
        try (InputStream in = UserGuide.class.getResourceAsStream(RESOURCES + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The guide page a link of a page points to ("c2pa.md", "../README.md" -> "README.md"), or null when it points
     * outside the guide (a web page, another file of the repository).
     */
    static String pageOf(String target) {
        if (target.startsWith("#")) return null;
        String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        if (path.equals("../README.md")) path = "README.md";
        if (path.startsWith("docs/")) path = path.substring(5);   // the README's links
        return path.matches("[A-Za-z0-9_-]+\\.md") && text(path) != null ? path : null;
    }
}
