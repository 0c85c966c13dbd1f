package org.provenant.app.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenant.app.FxTesting.fx;
import static org.provenant.app.FxTesting.fxRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Help > User guide: the docs pages bundled in the application, shown offline, their links followed. */
@ExtendWith(ApplicationExtension.class)
class UserGuideTest {
    @Start
    void start(Stage stage) { }

    @AfterEach
    void close() {
        if (UserGuide.current() != null) fxRun(() -> UserGuide.current().stage().hide());
    }

    @Test
    void everyDocsPageIsBundledAndItsLinksLeadToBundledPages() throws Exception {
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            for (Path p : docs.filter(f -> f.toString().endsWith(".md")).toList()) {
                String name = p.getFileName().toString();
                assertEquals(Files.readString(p), UserGuide.text(name), name + " bundled as it is in docs/");
            }
        }
        assertNotNull(UserGuide.text("README.md"), "the README too");
        assertEquals("c2pa.md", UserGuide.pageOf("c2pa.md"));
        assertEquals("validation.md", UserGuide.pageOf("validation.md#whole-product-check-on-photos-no-indicator-was-tuned-on"));
        assertEquals("README.md", UserGuide.pageOf("../README.md"));
        assertEquals("index.md", UserGuide.pageOf("docs/index.md"), "the README's links");
        assertNull(UserGuide.pageOf("../models/README.md"), "a file of the repository, not of the guide");
        assertNull(UserGuide.pageOf("https://c2pa.org"));
        assertNull(UserGuide.text("../pom.xml"), "only page names");
    }

    @Test
    void aPageIsDrawnAndItsLinksBackAndContentsWork() {
        UserGuide g = fx(() -> UserGuide.open("indicators.md"));
        assertEquals("indicators.md", fx(g::page));
        assertTrue(fx(() -> g.stage().isShowing()));
        String text = fx(() -> text(g.content()));
        assertTrue(text.contains("The indicators") && text.contains("Honest limits, measured"), "headings drawn");
        assertTrue(text.contains("Colour-channel correlation"), "the table drawn");
        assertFalse(text.contains("| ---"), "no table syntax left");
        // the table's first link leads to the neural-codec page; Back returns
        Hyperlink codec = fx(() -> g.content().lookupAll(".guide-link").stream().map(n -> (Hyperlink) n)
                .filter(h -> h.getText().equals("Colour-channel correlation")).findFirst().orElseThrow());
        fxRun(codec::fire);
        assertEquals("neural-codec.md", fx(g::page));
        fxRun(() -> ((javafx.scene.control.Button) g.stage().getScene().lookup("#guide-back")).fire());
        assertEquals("indicators.md", fx(g::page));
        fxRun(() -> ((javafx.scene.control.Button) g.stage().getScene().lookup("#guide-contents")).fire());
        assertEquals(UserGuide.CONTENTS, fx(g::page));
        UserGuide again = fx(() -> UserGuide.open("no-such-page.md"));
        assertEquals(g, again, "one guide window");
        assertEquals(UserGuide.CONTENTS, fx(g::page));
        assertTrue(fx(() -> text(g.content())).startsWith("The page no-such-page.md is not in this build's guide."));
    }

    /** The text of the drawn page, in order. */
    private static String text(Node n) {
        StringBuilder sb = new StringBuilder();
        collect(n, sb);
        return sb.toString().strip();
    }

    private static void collect(Node n, StringBuilder sb) {
        if (n instanceof Text t) sb.append(t.getText());
        else if (n instanceof Hyperlink h) sb.append(h.getText());
        else if (n instanceof javafx.scene.control.Label l) sb.append(l.getText()).append('\n');
        if (n instanceof TextFlow f) {
            for (Node c : f.getChildren()) collect(c, sb);
            sb.append('\n');
        } else if (n instanceof javafx.scene.Parent p && !(n instanceof javafx.scene.control.Control)) {
            for (Node c : p.getChildrenUnmodifiable()) collect(c, sb);
        }
    }

}
