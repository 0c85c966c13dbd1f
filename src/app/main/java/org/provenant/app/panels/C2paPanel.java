package org.provenant.app.panels;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.provenant.indicators.Detail;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.file.c2pa.ContentCredentials;

/**
 * Content Credentials: a banner (valid / INVALID / none), the counts of checks, and the manifest chain (active
 * manifest, then its ingredients' manifests) as a tree with the C2PA status codes coloured; a check box cuts the tree
 * down to failures and notes. State in {@link C2paViewModel}; this class only binds.
 */
public final class C2paPanel extends GenericIndicatorPanel {
    public static final String INDICATOR_ID = ContentCredentials.ID;
    private final C2paViewModel model = new C2paViewModel();

    public C2paPanel(Indicator indicator, PanelContext context) {
        super(indicator, context);
    }

    public C2paViewModel model() { return model; }

    @Override
    protected Node extraView(IndicatorResult r) {
        model.show(r);
        Label banner = new Label();
        banner.setId("c2pa-banner");
        banner.setWrapText(true);
        banner.textProperty().bind(model.bannerProperty());
        banner.getStyleClass().add("c2pa-banner");
        banner.setPadding(new Insets(6));
        tone(banner, model.bannerToneProperty().get());
        model.bannerToneProperty().addListener((o, a, t) -> tone(banner, t));
        Label counts = new Label();
        counts.textProperty().bind(model.countsProperty());
        CheckBox problems = new CheckBox("Show only failures and notes");
        problems.setId("c2pa-problems-only");
        problems.selectedProperty().bindBidirectional(model.problemsOnlyProperty());
        DetailTreeView tree = new DetailTreeView();
        tree.setId("c2pa-tree");
        tree.show(model.treeProperty().get());
        model.treeProperty().addListener((o, a, t) -> tree.show(t));
        Label title = new Label("Manifest chain (active manifest first) with the C2PA validation status codes");
        title.getStyleClass().add("map-title");
        return new VBox(6, banner, counts, title, problems, tree);
    }

    private static void tone(Label l, Detail.Tone t) {
        l.getStyleClass().removeAll("detail-good", "detail-bad", "detail-note");
        switch (t) {
            case GOOD -> l.getStyleClass().add("detail-good");
            case BAD -> l.getStyleClass().add("detail-bad");
            case NOTE -> l.getStyleClass().add("detail-note");
            default -> { }
        }
    }
}
