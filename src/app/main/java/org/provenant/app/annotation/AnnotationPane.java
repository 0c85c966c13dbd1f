package org.provenant.app.annotation;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.provenant.analysis.casefolder.Annotation;
import org.provenant.analysis.casefolder.CaseFile;
import org.provenant.analysis.casefolder.CaseFileException;
import org.provenant.analysis.casefolder.CaseFiles;
import org.provenant.app.casework.CaseSession;
import org.provenant.app.viewer.ImageViewer;
import org.provenant.core.io.LoadedImage;

/**
 * The annotation tools (a toggle group for the toolbar: select/pan, rectangle, arrow, note, and a colour) and the
 * side panel (case data, the list of marks, edit text, delete) for one evidence file. The case is kept in the report
 * branch's {@link CaseFile} and saved automatically through {@link CaseFiles} beside the evidence after every
 * change (never inside it); opening the evidence again reloads it.
 */
public final class AnnotationPane {
    private final AnnotationLayer layer;
    private final Consumer<String> errors;
    private final CaseSession session;
    private final ToggleGroup tools = new ToggleGroup();
    private final List<Node> toolNodes;
    private final ListView<Annotation> list = new ListView<>();
    private final Label caseSummary = new Label();
    private final Label saved = new Label();
    private final VBox node;
    private final ReadOnlyObjectWrapper<CaseFile> caseFile = new ReadOnlyObjectWrapper<>(this, "caseFile", CaseFile.empty());
    private LoadedImage evidence;
    private boolean loading;

    /** @param errors shows a one-line error to the examiner (the window's banner) */
    public AnnotationPane(ImageViewer viewer, CaseSession session, Consumer<String> errors) {
        this.layer = new AnnotationLayer(viewer);
        this.session = session;
        this.errors = errors;
        layer.setAuthor(this::author);
        layer.setNoteText(p -> askText("New note", "Note at x " + Math.round(p.getX()) + ", y " + Math.round(p.getY()) + ":", ""));

        Label annotate = new Label("Annotate:");
        annotate.setTooltip(new Tooltip("Marks on the image for the case file and the report"));
        toolNodes = List.of(annotate,
                tool("tool-select", "Select", AnnotationLayer.Tool.SELECT, "Select a mark with a click; drag to pan the image"),
                tool("tool-rectangle", "Rectangle", AnnotationLayer.Tool.RECTANGLE, "Drag on the image to frame a region"),
                tool("tool-arrow", "Arrow", AnnotationLayer.Tool.ARROW, "Drag from the tail to the point the arrow shows"),
                tool("tool-note", "Note", AnnotationLayer.Tool.NOTE, "Click on the image to pin a text note there"),
                colourPicker());
        tools.selectToggle(tools.getToggles().get(0));
        tools.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) tools.selectToggle(a);   // one tool is always active
            else layer.toolProperty().set((AnnotationLayer.Tool) t.getUserData());
        });

        list.setId("annotation-list");
        list.setItems(layer.annotations());
        list.setPlaceholder(new Label("No annotations yet: choose Rectangle, Arrow or Note\nin the toolbar and draw on the image."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override protected void updateItem(Annotation a, boolean empty) {
                super.updateItem(a, empty);
                if (empty || a == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(describe(getIndex() + 1, a));
                javafx.scene.shape.Rectangle swatch = new javafx.scene.shape.Rectangle(12, 12, Color.web(a.colour()));
                swatch.setStroke(Color.GREY);
                setGraphic(swatch);
            }
        });
        list.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> layer.selectedProperty().set(i.intValue()));
        layer.selectedProperty().addListener((o, a, i) -> {
            if (list.getSelectionModel().getSelectedIndex() != i.intValue()) {
                if (i.intValue() < 0) list.getSelectionModel().clearSelection();
                else list.getSelectionModel().select(i.intValue());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) layer.deleteSelected();
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) editSelectedText();
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        viewer.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) layer.deleteSelected();
        });

        Button edit = new Button("Edit text...");
        edit.setId("annotation-edit");
        edit.setOnAction(e -> editSelectedText());
        Button delete = new Button("Delete");
        delete.setId("annotation-delete");
        delete.setOnAction(e -> layer.deleteSelected());
        edit.disableProperty().bind(layer.selectedProperty().lessThan(0));
        delete.disableProperty().bind(layer.selectedProperty().lessThan(0));
        Button caseData = new Button("Case data...");
        caseData.setId("case-data");
        caseData.setOnAction(e -> editCaseData());
        caseSummary.setWrapText(true);
        caseSummary.setId("case-summary");
        saved.setId("case-saved");
        saved.setWrapText(true);
        saved.getStyleClass().add("muted");
        Label how = new Label("Marks are pinned to image pixels and saved automatically in the open case folder, "
                + "never beside the evidence; the evidence file itself is never changed.");
        how.setWrapText(true);
        how.getStyleClass().add("muted");
        node = new VBox(8, new HBox(8, caseSummary, caseData), list, new HBox(8, edit, delete), saved, how);
        node.setPadding(new Insets(10));
        HBox.setHgrow(caseSummary, Priority.ALWAYS);
        caseSummary.setMaxWidth(Double.MAX_VALUE);

        layer.annotations().addListener((javafx.collections.ListChangeListener<Annotation>) c -> {
            if (!loading) save(caseFile.get().withAnnotations(List.copyOf(layer.annotations())));
        });
        showCase();
    }

    private ToggleButton tool(String id, String text, AnnotationLayer.Tool t, String tip) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.setUserData(t);
        b.setToggleGroup(tools);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private ColorPicker colourPicker() {
        ColorPicker cp = new ColorPicker(Color.web(AnnotationLayer.DEFAULT_COLOUR));
        cp.setId("annotation-colour");
        cp.setTooltip(new Tooltip("Colour of new marks"));
        cp.setPrefWidth(48);
        cp.getStyleClass().add("button");
        cp.valueProperty().addListener((o, a, c) -> layer.colourProperty().set(String.format(Locale.ROOT, "#%02x%02x%02x",
                Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255))));
        return cp;
    }

    /** The toolbar's annotation tools (toggle buttons and the colour). */
    public List<Node> toolNodes() { return toolNodes; }
    /** The side panel. */
    public Node node() { return node; }
    public AnnotationLayer layer() { return layer; }
    /** The case as last loaded or saved (annotations included). */
    public ReadOnlyObjectProperty<CaseFile> caseFileProperty() { return caseFile.getReadOnlyProperty(); }
    public CaseFile caseFile() { return caseFile.get(); }
    public List<Annotation> annotations() { return List.copyOf(layer.annotations()); }

    /** Author of new marks: the case's examiner, else the OS user. */
    private String author() {
        String e = caseFile.get().examiner();
        return e.isBlank() ? System.getProperty("user.name", "") : e;
    }

    /** Shows the case file beside this evidence (or an empty case); a damaged case file is reported and left alone. */
    public void load(LoadedImage li) {
        evidence = null;   // no saving while the old marks are replaced
        CaseFile cf = CaseFile.empty();
        String note = "No case data for this image yet; it is saved in the case folder (never beside the image)"
                + " when you annotate or enter case data.";
        try {
            Optional<CaseFile> found = CaseFiles.load(session.current(), li.path(), li.sha256());
            if (found.isPresent()) {
                cf = found.get();
                note = "Loaded the case data of " + li.fileName();
                if (!cf.evidenceSha256().isBlank() && !cf.evidenceSha256().equalsIgnoreCase(li.sha256())) {
                    errors.accept("The case data of " + li.fileName() + " was saved for a file with another SHA-256;"
                            + " its annotations may not fit " + li.fileName());
                    note = "Loaded " + CaseFiles.pathFor(li.path()).getFileName() + " - WARNING: it was saved for another file"
                            + " (SHA-256 " + cf.evidenceSha256() + "); a report says so until you save it again for this one.";
                }
            }
        } catch (CaseFileException e) {
            errors.accept(e.getMessage() + " - annotations of this image are not shown and will not be saved");
            loading = true;
            layer.annotations().clear();
            loading = false;
            caseFile.set(CaseFile.empty());
            saved.setText("Not saved: the case file could not be read.");
            showCase();
            return;
        }
        loading = true;
        try {
            layer.selectedProperty().set(-1);
            layer.annotations().setAll(cf.annotations());
        } finally {
            loading = false;
        }
        caseFile.set(cf);
        evidence = li;
        saved.setText(note);
        showCase();
    }

    /** Sets case number, examiner and notes, and saves. */
    public void setCase(String caseNumber, String examiner, String notes) {
        try {
            session.current().setInfo(caseNumber.strip(), examiner.strip(), notes.strip());   // who the audit log names
        } catch (CaseFileException e) {
            errors.accept(e.getMessage());
        }
        save(caseFile.get().withCase(caseNumber.strip(), examiner.strip(), notes.strip()));
    }

    private void save(CaseFile cf) {
        caseFile.set(cf);
        showCase();
        if (evidence == null) return;
        CaseFile withId = cf.withEvidence(evidence.fileName(), evidence.sha256());
        try {
            Path f = CaseFiles.save(session.current(), evidence.path(), withId);
            caseFile.set(withId);
            saved.setText("Saved " + f.getFileName() + " at " + AnnotationLayer.now().substring(11, 19) + " UTC");
        } catch (CaseFileException e) {
            saved.setText("Not saved: " + e.getMessage());
            errors.accept(e.getMessage());
        }
    }

    private void showCase() {
        CaseFile cf = caseFile.get();
        caseSummary.setText("Case " + orDash(cf.caseNumber()) + "   Examiner " + orDash(cf.examiner())
                + (cf.notes().isBlank() ? "" : "\nNotes: " + firstLine(cf.notes())));
    }

    private static String orDash(String s) {
        return s.isBlank() ? "-" : s;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }

    /** "[2] Arrow: text (author, time)" for the list. */
    public static String describe(int number, Annotation a) {
        String kind = switch (a.kind()) {
            case RECTANGLE -> "Rectangle";
            case ARROW -> "Arrow";
            case NOTE -> "Note";
        };
        String when = a.created().length() >= 16 ? a.created().substring(0, 16).replace('T', ' ') : a.created();
        return "[" + number + "] " + kind + (a.text().isBlank() ? "" : ": " + firstLine(a.text()))
                + "  (" + (a.author().isBlank() ? "unknown" : a.author()) + ", " + when + ")";
    }

    private void editSelectedText() {
        int i = layer.selectedProperty().get();
        if (i < 0) return;
        askText("Annotation text", "Text of mark [" + (i + 1) + "]:", layer.annotations().get(i).text())
                .ifPresent(t -> layer.setText(i, t));
    }

    private Optional<String> askText(String title, String prompt, String initial) {
        TextInputDialog d = new TextInputDialog(initial);
        d.setTitle(title);
        d.setHeaderText(null);
        d.setContentText(prompt);
        if (node.getScene() != null) d.initOwner(node.getScene().getWindow());
        return d.showAndWait();
    }

    /** The case data dialog: case number, examiner, notes. */
    public void editCaseData() {
        CaseFile cf = caseFile.get();
        TextField number = new TextField(cf.caseNumber());
        TextField examiner = new TextField(cf.examiner());
        examiner.setPromptText(System.getProperty("user.name", ""));
        TextArea notes = new TextArea(cf.notes());
        notes.setPrefRowCount(5);
        notes.setWrapText(true);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.addRow(0, new Label("Case number"), number);
        g.addRow(1, new Label("Examiner"), examiner);
        g.addRow(2, new Label("Notes"), notes);
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Case data");
        d.setHeaderText("Shown on the report's cover and saved with the annotations");
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (node.getScene() != null) d.initOwner(node.getScene().getWindow());
        d.showAndWait().filter(b -> b == ButtonType.OK)
                .ifPresent(b -> setCase(number.getText(), examiner.getText(), notes.getText()));
    }
}
