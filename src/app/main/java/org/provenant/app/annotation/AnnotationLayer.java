package org.provenant.app.annotation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.provenant.analysis.casefolder.Annotation;
import org.provenant.app.viewer.ImageViewer;
import org.provenant.app.viewer.ViewerLayer;

/**
 * The examiner's annotations (the report branch's {@link Annotation}: rectangles, arrows, text notes in evidence
 * pixel coordinates) drawn over the image, and the mouse tools that make them. Because the viewer paints layers in
 * image coordinates, the marks stay pinned to the same pixels at every zoom and pan. Each mark carries its number
 * [1], [2]... as in the PDF report ({@code report.AnnotationPainter}), so list, window and report agree.
 *
 * <p>Tools: {@link Tool#SELECT} (click selects the mark under the mouse; dragging still pans), {@link Tool#RECTANGLE}
 * and {@link Tool#ARROW} (press, drag, release), {@link Tool#NOTE} (click; the note text is asked through
 * {@link #setNoteText}). With a drawing tool the mouse does not pan; the wheel still zooms.
 */
public final class AnnotationLayer implements ViewerLayer {
    public enum Tool { SELECT, RECTANGLE, ARROW, NOTE }

    /** A drag shorter than this many screen pixels is a click, not a rectangle or arrow. Our choice. */
    public static final double MIN_DRAG_PX = 4;
    /** How near (screen pixels) a click must be to an arrow or note to select it. Our choice. */
    public static final double HIT_PX = 8;
    /** Line width on screen, in screen pixels, whatever the zoom. */
    static final double STROKE_PX = 2.5;
    /** Colour of new marks until the examiner picks another: bright yellow, rare in photographs. */
    public static final String DEFAULT_COLOUR = "#ffd400";

    private final ImageViewer viewer;
    private final ObservableList<Annotation> annotations = FXCollections.observableArrayList();
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(this, "tool", Tool.SELECT);
    private final IntegerProperty selected = new SimpleIntegerProperty(this, "selected", -1);
    private final ObjectProperty<String> colour = new SimpleObjectProperty<>(this, "colour", DEFAULT_COLOUR);
    private Supplier<String> author = () -> System.getProperty("user.name", "");
    private Function<Point2D, Optional<String>> noteText = p -> Optional.of("");
    private Point2D dragStart;
    private Annotation draft;

    /** Adds itself on top of the viewer's layers and listens to its mouse. */
    public AnnotationLayer(ImageViewer viewer) {
        this.viewer = viewer;
        viewer.layers().add(this);
        annotations.addListener((javafx.collections.ListChangeListener<Annotation>) c -> {
            if (selected.get() >= annotations.size()) selected.set(-1);
            viewer.repaint();
        });
        selected.addListener((o, a, b) -> viewer.repaint());
        viewer.addEventFilter(MouseEvent.MOUSE_PRESSED, this::pressed);
        viewer.addEventFilter(MouseEvent.MOUSE_DRAGGED, this::dragged);
        viewer.addEventFilter(MouseEvent.MOUSE_RELEASED, this::released);
        tool.addListener((o, a, t) -> {
            draft = null;
            dragStart = null;
            viewer.setCursor(t == Tool.SELECT ? javafx.scene.Cursor.DEFAULT : javafx.scene.Cursor.CROSSHAIR);
            viewer.repaint();
        });
    }

    /** The marks in drawing order; editing this list redraws the view. */
    public ObservableList<Annotation> annotations() { return annotations; }
    public ObjectProperty<Tool> toolProperty() { return tool; }
    /** Index of the selected mark in {@link #annotations()}, or -1. */
    public IntegerProperty selectedProperty() { return selected; }
    /** Colour of new marks as "#RRGGBB". */
    public ObjectProperty<String> colourProperty() { return colour; }
    /** Who is named as the author of new marks (the case's examiner, else the OS user). */
    public void setAuthor(Supplier<String> author) { this.author = author; }
    /** Asks the examiner for a new note's text at an image position; empty cancels the note. */
    public void setNoteText(Function<Point2D, Optional<String>> noteText) { this.noteText = noteText; }

    private boolean drawing(MouseEvent e) {
        return tool.get() != Tool.SELECT && e.getButton() == MouseButton.PRIMARY && viewer.getImage() != null;
    }

    private void pressed(MouseEvent e) {
        if (viewer.getImage() == null || e.getButton() != MouseButton.PRIMARY) return;
        Point2D p = viewer.viewToImage(e.getX(), e.getY());
        switch (tool.get()) {
            case SELECT -> {
                selected.set(hit(p));   // not consumed: a drag still pans
                viewer.requestFocus();  // so that the Delete key reaches the viewer
            }
            case NOTE -> {
                e.consume();
                Point2D at = clampToImage(p);
                noteText.apply(at).ifPresent(text -> add(Annotation.note(at.getX(), at.getY(), text, author.get(), now(), colour.get())));
            }
            default -> {
                e.consume();
                dragStart = clampToImage(p);
                draft = null;
            }
        }
    }

    private void dragged(MouseEvent e) {
        if (!drawing(e)) return;
        e.consume();
        if (dragStart == null || tool.get() == Tool.NOTE) return;
        Point2D p = clampToImage(viewer.viewToImage(e.getX(), e.getY()));
        draft = make(dragStart, p);
        viewer.repaint();
    }

    private void released(MouseEvent e) {
        if (!drawing(e)) return;
        e.consume();
        if (dragStart == null || tool.get() == Tool.NOTE) return;
        Point2D p = clampToImage(viewer.viewToImage(e.getX(), e.getY()));
        Point2D start = dragStart;
        dragStart = null;
        draft = null;
        if (start.distance(p) * viewer.getScale() >= MIN_DRAG_PX) add(make(start, p));
        else viewer.repaint();
    }

    private Annotation make(Point2D a, Point2D b) {
        String who = author.get(), when = now(), c = colour.get();
        return tool.get() == Tool.ARROW
                ? Annotation.arrow(a.getX(), a.getY(), b.getX(), b.getY(), "", who, when, c)
                : Annotation.rectangle(Math.min(a.getX(), b.getX()), Math.min(a.getY(), b.getY()),
                        Math.max(a.getX(), b.getX()), Math.max(a.getY(), b.getY()), "", who, when, c);
    }

    private void add(Annotation a) {
        annotations.add(a);
        selected.set(annotations.size() - 1);
    }

    /** Replaces the text of mark i, keeping everything else. */
    public void setText(int i, String text) {
        Annotation a = annotations.get(i);
        annotations.set(i, new Annotation(a.kind(), a.x1(), a.y1(), a.x2(), a.y2(), text, a.author(), a.created(), a.colour()));
    }

    /** Deletes the selected mark, if any. */
    public void deleteSelected() {
        int i = selected.get();
        if (i >= 0 && i < annotations.size()) {
            annotations.remove(i);
            selected.set(-1);
        }
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private Point2D clampToImage(Point2D p) {
        double w = viewer.getImage().getWidth(), h = viewer.getImage().getHeight();
        return new Point2D(Math.max(0, Math.min(w, p.getX())), Math.max(0, Math.min(h, p.getY())));
    }

    /** The topmost mark at an image position, or -1. */
    int hit(Point2D p) {
        double tol = HIT_PX / viewer.getScale();
        for (int i = annotations.size() - 1; i >= 0; i--) {
            Annotation a = annotations.get(i);
            boolean h = switch (a.kind()) {
                case RECTANGLE -> p.getX() >= Math.min(a.x1(), a.x2()) - tol && p.getX() <= Math.max(a.x1(), a.x2()) + tol
                        && p.getY() >= Math.min(a.y1(), a.y2()) - tol && p.getY() <= Math.max(a.y1(), a.y2()) + tol;
                case ARROW -> segmentDistance(p, a.x1(), a.y1(), a.x2(), a.y2()) <= tol;
                case NOTE -> p.distance(a.x1(), a.y1()) <= 2 * tol;
            };
            if (h) return i;
        }
        return -1;
    }

    private static double segmentDistance(Point2D p, double x1, double y1, double x2, double y2) {
        double dx = x2 - x1, dy = y2 - y1, len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((p.getX() - x1) * dx + (p.getY() - y1) * dy) / len2));
        return p.distance(x1 + t * dx, y1 + t * dy);
    }

    @Override
    public void paint(GraphicsContext g, double scale) {
        g.setGlobalAlpha(1);
        g.setLineCap(StrokeLineCap.ROUND);
        g.setFont(Font.font("SansSerif", FontWeight.BOLD, 13 / scale));
        double w = viewer.getImage() == null ? Double.MAX_VALUE : viewer.getImage().getWidth();
        for (int i = 0; i < annotations.size(); i++) paintOne(g, scale, w, annotations.get(i), i + 1, i == selected.get());
        if (draft != null) paintOne(g, scale, w, draft, annotations.size() + 1, true);
    }

    private static void paintOne(GraphicsContext g, double scale, double imageWidth, Annotation a, int number, boolean selected) {
        Color c = Color.web(a.colour());
        double lw = STROKE_PX / scale, halo = lw + 2 / scale;
        String label = "[" + number + "]" + (a.text().isBlank() ? "" : " " + firstLine(a.text()));
        switch (a.kind()) {
            case RECTANGLE -> {
                double x = Math.min(a.x1(), a.x2()), y = Math.min(a.y1(), a.y2());
                double w = Math.abs(a.x2() - a.x1()), h = Math.abs(a.y2() - a.y1());
                stroke(g, c, lw, halo, () -> g.strokeRect(x, y, w, h));
                label(g, scale, imageWidth, label, x, y - 3 / scale, c);
            }
            case ARROW -> {
                double[][] head = arrowHead(a.x1(), a.y1(), a.x2(), a.y2(), 14 / scale);
                stroke(g, c, lw, halo, () -> {
                    g.strokeLine(a.x1(), a.y1(), a.x2(), a.y2());
                    g.strokePolygon(head[0], head[1], 3);
                });
                g.setFill(c);
                g.fillPolygon(head[0], head[1], 3);
                label(g, scale, imageWidth, label, a.x1() + 4 / scale, a.y1() - 4 / scale, c);
            }
            case NOTE -> {
                double r = 6 / scale, r1 = r + 1.5 / scale;
                g.setFill(Color.WHITE);
                g.fillOval(a.x1() - r1, a.y1() - r1, 2 * r1, 2 * r1);
                g.setFill(c);
                g.fillOval(a.x1() - r, a.y1() - r, 2 * r, 2 * r);
                label(g, scale, imageWidth, label, a.x1() + r + 3 / scale, a.y1() - r, c);
            }
        }
        if (selected) {
            g.setStroke(Color.WHITE);
            g.setLineWidth(1 / scale);
            g.setLineDashes(4 / scale, 4 / scale);
            double m = 6 / scale;
            g.strokeRect(Math.min(a.x1(), a.x2()) - m, Math.min(a.y1(), a.y2()) - m,
                    Math.abs(a.x2() - a.x1()) + 2 * m, Math.abs(a.y2() - a.y1()) + 2 * m);
            g.setLineDashes();
        }
    }

    /** A white halo under the coloured line, so marks read on dark and light images alike. */
    private static void stroke(GraphicsContext g, Color c, double lw, double halo, Runnable shape) {
        g.setStroke(Color.WHITE);
        g.setLineWidth(halo);
        shape.run();
        g.setStroke(c);
        g.setLineWidth(lw);
        shape.run();
    }

    /** The label on a white box; moved left where it would run past the image's right edge. */
    private static void label(GraphicsContext g, double scale, double imageWidth, String text, double x0, double y, Color c) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(text);
        t.setFont(g.getFont());
        double w = t.getLayoutBounds().getWidth() + 6 / scale, h = t.getLayoutBounds().getHeight();
        double x = Math.max(0, Math.min(x0, imageWidth - w));
        g.setFill(Color.rgb(255, 255, 255, 0.85));
        g.fillRect(x, y - h, w, h);
        g.setFill(c.darker());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(text, x + 3 / scale, y);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String l = nl < 0 ? s : s.substring(0, nl);
        return l.length() > 40 ? l.substring(0, 40) + "..." : l;
    }

    private static double[][] arrowHead(double x1, double y1, double x2, double y2, double size) {
        double ang = Math.atan2(y2 - y1, x2 - x1);
        return new double[][]{
                {x2, x2 - size * Math.cos(ang - Math.PI / 7), x2 - size * Math.cos(ang + Math.PI / 7)},
                {y2, y2 - size * Math.sin(ang - Math.PI / 7), y2 - size * Math.sin(ang + Math.PI / 7)}};
    }

    /** The mark under an image position, for the status bar's read-out. */
    @Override
    public String describe(double imageX, double imageY) {
        int i = hit(new Point2D(imageX, imageY));
        if (i < 0) return null;
        Annotation a = annotations.get(i);
        return "annotation [" + (i + 1) + "] " + a.kind().name().toLowerCase(java.util.Locale.ROOT)
                + (a.text().isBlank() ? "" : ": " + firstLine(a.text()));
    }
}
