package org.provenant.app.panels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.app.common.FindingStyle;
import org.provenant.app.common.Formats;
import org.provenant.app.common.MapImages;
import org.provenant.app.guide.UserGuide;
import org.provenant.app.viewer.MapOverlayLayer;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Parameter;
import org.provenant.indicators.Score;

/**
 * Renders any indicator result: its finding in words (coloured by its standing and the hypothesis it favours), the
 * headline score with how to read it, the plain-language explanation, every map (heat maps as a choice to draw over the image, with opacity, legend and an outline
 * threshold; standalone pictures such as spectra with their markers and legend) and every score with its meaning.
 */
public class GenericIndicatorPanel implements IndicatorPanel {
    /** Where the outline threshold starts, as a fraction of the map's [low, high] range. Our choice. */
    public static final double DEFAULT_THRESHOLD_FRACTION = 0.75;
    /** Width of the small copy of an overlay map shown in the panel. */
    public static final int THUMB_WIDTH = 150;

    private final Indicator indicator;
    private final PanelContext context;
    private final VBox root = new VBox(8);
    private final Label status = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final VBox body = new VBox(10);
    private final ScrollPane scroll = new ScrollPane(root);
    private final List<RadioButton> overlayToggles = new ArrayList<>();

    public GenericIndicatorPanel(Indicator indicator, PanelContext context) {
        this.indicator = indicator;
        this.context = context;
        root.setPadding(new Insets(10));
        root.getStyleClass().add("indicator-panel");
        Label title = new Label(indicator.displayName());
        title.getStyleClass().add("panel-title");
        Label method = new Label("Method: " + indicator.methodReference());
        method.getStyleClass().add("method-reference");
        method.setWrapText(true);
        status.getStyleClass().add("panel-status");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.getStyleClass().add("indicator-progress");
        HBox.setHgrow(progress, Priority.ALWAYS);
        HBox statusRow = new HBox(8, status, progress);
        statusRow.setAlignment(Pos.CENTER_LEFT);
        Hyperlink guide = new Hyperlink("How it works and what it measured: user guide, " + indicator.guidePage());
        guide.setId("guide-link");
        guide.getStyleClass().add("method-reference");
        guide.setOnAction(e -> UserGuide.open(indicator.guidePage()));
        root.getChildren().addAll(title, method, guide, statusRow, body);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        reset();
    }

    @Override public Indicator indicator() { return indicator; }
    @Override public Node node() { return scroll; }

    protected PanelContext context() { return context; }

    /** The panel's content below the status line, for subclasses that add their own views. */
    protected VBox body() { return body; }

    @Override
    public void reset() {
        clearOverlays();
        body.getChildren().clear();
        status.setText("Waiting");
        progress.setProgress(0);
        progress.setVisible(true);
    }

    @Override
    public void started() {
        status.setText("Running");
    }

    @Override
    public void progress(double fraction) {
        progress.setProgress(fraction);
    }

    @Override
    public void finished(IndicatorOutcome outcome) {
        clearOverlays();
        body.getChildren().clear();
        progress.setVisible(false);
        switch (outcome.status()) {
            case DONE -> {
                status.setText("Done in " + outcome.millis() + " ms");
                showResult(outcome.result());
            }
            case FAILED -> {
                status.setText("Failed");
                Label err = new Label("This indicator could not run: " + outcome.error());
                err.getStyleClass().add("panel-error");
                err.setWrapText(true);
                body.getChildren().add(err);
            }
            case CANCELLED -> status.setText("Cancelled: run the analysis again for a result");
        }
    }

    /** Whether the indicator measured nothing on this kind of file: an undefined headline and "no verdict here". */
    public static boolean notApplicable(IndicatorResult r) {
        return Double.isNaN(r.headline().value()) && r.finding() != null
                && r.finding().standing() == org.provenant.indicators.Finding.Standing.NOT_HERE;
    }

    /**
     * The panel's header: the finding in words ({@link FindingStyle}) with what it rests on, and its sentence where it
     * says more than the phrase; the figures follow in {@link #showResult}.
     */
    protected void showFinding(IndicatorResult r) {
        Finding f = r.finding();
        Label chip = new Label();
        chip.getStyleClass().add("hypothesis-chip");
        chip.setId("panel-finding");
        chip.setWrapText(true);
        FindingStyle.apply(chip, f.phrase(), f);
        body().getChildren().add(chip);
        if (!f.strength().isEmpty()) {
            Label strength = new Label(f.strength());
            strength.getStyleClass().add("finding-strength");
            strength.setWrapText(true);
            body().getChildren().add(strength);
        }
        if (!f.sentence().equals(f.phrase())) {
            Label sentence = new Label(f.sentence());
            sentence.getStyleClass().add("explanation");
            sentence.setWrapText(true);
            body().getChildren().add(sentence);
        }
    }

    /** Builds the views of a finished result; subclasses may call it and add more. */
    protected void showResult(IndicatorResult r) {
        showFinding(r);
        if (notApplicable(r)) {
            // nothing measured on this kind of file (e.g. "not a JPEG"): the reason as the headline, nothing else
            Label l = new Label(r.headline().meaning());
            l.getStyleClass().addAll("headline", "not-applicable");
            l.setWrapText(true);
            body.getChildren().add(l);
            return;
        }
        Label headline = new Label(r.headline().label() + ": " + Formats.value(r.headline().value()));
        headline.getStyleClass().add("headline");
        headline.setWrapText(true);
        Label meaning = new Label(r.headline().meaning());
        meaning.setWrapText(true);
        meaning.getStyleClass().add("score-meaning");
        Label explanation = new Label(r.explanation());
        explanation.setWrapText(true);
        explanation.getStyleClass().add("explanation");
        body.getChildren().addAll(headline, meaning, explanation);
        if (context.settings() != null) {   // the indicator's declared settings, each with its control
            for (Parameter p : indicator.parameters()) {
                body.getChildren().add(SettingControl.of(p, p.value(context.settings().get()),
                        v -> context.rerun().rerun(indicator.id(), Map.of(p.key(), Integer.toString(v)))));
            }
        }
        Node extra = extraView(r);
        if (extra != null) body.getChildren().add(extra);
        else if (!r.details().isEmpty()) {   // structured findings of any indicator, as a tree
            DetailTreeView tree = new DetailTreeView();
            tree.show(r.details());
            body.getChildren().add(tree);
        }
        for (MapLayer m : r.maps()) body.getChildren().add(m.overlay() ? overlayControls(m) : standalonePicture(m));
        body.getChildren().add(scoreTable(r.scores()));
        showOutlinedRegions(r.finding());
    }

    /**
     * When nothing is drawn over the image yet and this result has something to say that points away from a camera
     * original (the rule of {@code FindingOrder.firstMap}), draws the first map on which it outlines a region (e.g.
     * where the image was edited), so the examiner sees the outlines without looking for them. A result with figures
     * only draws no outline uninvited: on an untouched photo that would be the first picture an examiner sees.
     */
    private void showOutlinedRegions(Finding f) {
        if (context.overlayChoice().getSelectedToggle() != null) return;
        if (!f.standing().telling() || f.favours() == Hypothesis.CAMERA_ORIGINAL) return;
        for (RadioButton b : overlayToggles) {
            MapOverlayLayer l = (MapOverlayLayer) b.getUserData();
            if (l.threshold() != null && hasRegion(l.mapLayer())) {
                b.setSelected(true);
                return;
            }
        }
    }

    private static boolean hasRegion(MapLayer m) {
        for (float v : m.map().data()) if (v >= m.outlineAt()) return true;
        return false;
    }

    /** A specialised panel's own picture of the result, shown below the explanation; none here. */
    protected Node extraView(IndicatorResult r) {
        return null;
    }

    private Node standalonePicture(MapLayer m) {
        Label name = new Label(m.name() + (m.markers().isEmpty() ? "" : " (" + m.markers().size() + " marked)"));
        name.getStyleClass().add("map-title");
        ImageView view = new ImageView(MapImages.of(m).standalone());
        view.getStyleClass().add("map-picture");
        view.setPreserveRatio(true);
        view.setSmooth(true);
        view.fitWidthProperty().bind(scroll.widthProperty().subtract(40));
        return new VBox(4, name, view);
    }

    private Node overlayControls(MapLayer m) {
        MapOverlayLayer layer = new MapOverlayLayer(m, indicator.displayName(),
                context.viewer().getImage() == null ? m.map().width() : context.viewer().getImage().getWidth(),
                context.viewer().getImage() == null ? m.map().height() : context.viewer().getImage().getHeight());
        RadioButton show = new RadioButton("Draw over the image: " + m.name());
        show.getStyleClass().add("overlay-toggle");
        show.setUserData(layer);
        show.setToggleGroup(context.overlayChoice());
        show.setWrapText(true);
        overlayToggles.add(show);

        Slider opacity = new Slider(0, 1, layer.opacity());
        opacity.valueProperty().addListener((o, a, v) -> {
            layer.setOpacity(v.doubleValue());
            context.viewer().repaint();
        });
        CheckBox outline = new CheckBox("Outline regions above");
        Slider threshold = new Slider(m.low(), m.high(), m.low() + DEFAULT_THRESHOLD_FRACTION * (m.high() - m.low()));
        Label thresholdValue = new Label(Formats.value(threshold.getValue()));
        threshold.disableProperty().bind(outline.selectedProperty().not());
        Runnable applyThreshold = () -> {
            layer.setThreshold(outline.isSelected() ? threshold.getValue() : null);
            thresholdValue.setText(Formats.value(threshold.getValue()));
            context.viewer().repaint();
        };
        outline.selectedProperty().addListener((o, a, v) -> {
            applyThreshold.run();
            if (v) show.setSelected(true);
        });
        threshold.valueProperty().addListener((o, a, v) -> applyThreshold.run());
        if (m.outlines()) {   // the indicator outlines its finding on this map: start with its outlines at its threshold
            threshold.setValue(Math.max(m.low(), Math.min(m.high(), m.outlineAt())));
            outline.setSelected(true);
            show.setSelected(false);
            layer.setThreshold(m.outlineAt());
        }

        ImageView thumb = new ImageView(MapImages.of(m).thumbnail());
        thumb.getStyleClass().add("map-picture");
        thumb.setPreserveRatio(true);
        thumb.setFitWidth(THUMB_WIDTH);
        ImageView legend = new ImageView(MapImages.of(m).legend());
        HBox pictures = new HBox(10, thumb, legend);

        HBox opacityRow = new HBox(6, new Label("Opacity"), opacity);
        opacityRow.setAlignment(Pos.CENTER_LEFT);
        HBox thresholdRow = new HBox(6, outline, threshold, thresholdValue);
        thresholdRow.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, show, pictures, opacityRow, thresholdRow);
        box.getStyleClass().add("overlay-box");
        return box;
    }

    private Node scoreTable(List<Score> scores) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("score-table");
        grid.setHgap(10);
        grid.setVgap(4);
        ColumnConstraints labelCol = new ColumnConstraints();
        labelCol.setPercentWidth(34);
        ColumnConstraints valueCol = new ColumnConstraints();
        valueCol.setPercentWidth(14);
        valueCol.setHalignment(HPos.RIGHT);
        ColumnConstraints meaningCol = new ColumnConstraints();
        meaningCol.setPercentWidth(52);
        grid.getColumnConstraints().addAll(labelCol, valueCol, meaningCol);
        String[] heads = {"Measure", "Value", "How to read it"};
        for (int c = 0; c < 3; c++) {
            Label h = new Label(heads[c]);
            h.getStyleClass().add("score-header");
            grid.add(h, c, 0);
        }
        int row = 1;
        for (Score sc : scores) {
            Label label = new Label(sc.label());
            label.setWrapText(true);
            Label value = new Label(Formats.value(sc.value()));
            value.getStyleClass().add("score-value");
            Label meaning = new Label(sc.meaning());
            meaning.setWrapText(true);
            meaning.getStyleClass().add("score-row-meaning");
            for (Label l : List.of(label, value, meaning)) {
                l.setMaxWidth(Double.MAX_VALUE);
                l.setMinHeight(Region.USE_PREF_SIZE);
                GridPane.setValignment(l, VPos.TOP);
                if (row % 2 == 0) l.getStyleClass().add("score-row-even");
            }
            grid.addRow(row++, label, value, meaning);
        }
        Label title = new Label("Scores");
        title.getStyleClass().add("map-title");
        return new VBox(4, title, grid);
    }

    /** Removes this panel's overlay choices (the window hides an overlay whose toggle leaves the group). */
    private void clearOverlays() {
        for (RadioButton b : overlayToggles) {
            b.setSelected(false);
            b.setToggleGroup(null);
        }
        overlayToggles.clear();
    }

    /** This panel's overlay toggles, in map order (for the window's default choice and for tests). */
    public List<RadioButton> overlayToggles() {
        return List.copyOf(overlayToggles);
    }
}
