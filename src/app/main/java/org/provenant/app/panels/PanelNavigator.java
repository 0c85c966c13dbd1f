package org.provenant.app.panels;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Indicator;

/**
 * The panels on the right, grouped so that no tab hides behind an overflow arrow however many indicators there
 * are: the Overview first, then one tab per evidence family ({@link Indicator#family()}); a family with several
 * indicators lists them on the left of its tab (a side list with each one's status dot) and shows the chosen one's
 * panel beside it.
 */
public final class PanelNavigator {
    private final TabPane tabPane = new TabPane();
    private final Map<EvidenceFamily, Family> families = new EnumMap<>(EvidenceFamily.class);
    private final Map<String, ToggleButton> entries = new LinkedHashMap<>();
    private final Map<String, EvidenceFamily> familyOf = new LinkedHashMap<>();

    private static final class Family {
        final Tab tab;
        final VBox list = new VBox(2);
        final StackPane content = new StackPane();
        final ToggleGroup group = new ToggleGroup();
        final Map<String, Node> panels = new LinkedHashMap<>();

        Family(EvidenceFamily f) {
            tab = new Tab(f.displayName());
            tab.setId("family-" + f.name().toLowerCase(java.util.Locale.ROOT));
            tab.setTooltip(new Tooltip(f.description()));
            tab.setClosable(false);
            list.getStyleClass().add("panel-list");
            list.setPadding(new Insets(6));
            list.setPrefWidth(170);
            list.setMinWidth(150);
        }
    }

    public PanelNavigator(Tab overview) {
        tabPane.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        overview.setClosable(false);
        tabPane.getTabs().add(overview);
    }

    public TabPane tabPane() { return tabPane; }

    /** Adds an indicator's panel to its family's tab (indicators arrive in panel order). */
    public void add(Indicator ind, Node panel) {
        EvidenceFamily f = ind.family();
        Family fam = families.computeIfAbsent(f, k -> {
            Family nf = new Family(k);
            insertInOrder(k, nf.tab);
            return nf;
        });
        ToggleButton entry = new ToggleButton(ind.displayName());
        entry.setId("entry-" + ind.id());
        entry.getStyleClass().add("panel-entry");
        entry.setMaxWidth(Double.MAX_VALUE);
        entry.setWrapText(true);
        entry.setToggleGroup(fam.group);
        entry.setOnAction(e -> select(fam, ind.id()));
        fam.list.getChildren().add(entry);
        fam.panels.put(ind.id(), panel);
        entries.put(ind.id(), entry);
        familyOf.put(ind.id(), f);
        if (fam.panels.size() == 1) {
            fam.tab.setContent(panel);
            entry.setSelected(true);
        } else if (fam.panels.size() == 2) {
            Node first = fam.panels.values().iterator().next();
            fam.tab.setContent(null);
            fam.content.getChildren().setAll(first);
            fam.tab.setContent(new BorderPane(fam.content, null, null, null, fam.list));
        }
    }

    private void insertInOrder(EvidenceFamily f, Tab tab) {
        int at = 1;
        for (EvidenceFamily e : EvidenceFamily.values()) {
            if (e == f) break;
            if (families.containsKey(e)) at++;
        }
        tabPane.getTabs().add(Math.min(at, tabPane.getTabs().size()), tab);
    }

    private void select(Family fam, String id) {
        if (fam.panels.size() > 1) fam.content.getChildren().setAll(fam.panels.get(id));
        entries.get(id).setSelected(true);
    }

    /** Brings an indicator's panel to the front: its family's tab, and its entry in the side list. */
    public void show(String id) {
        EvidenceFamily f = familyOf.get(id);
        if (f == null) return;
        Family fam = families.get(f);
        select(fam, id);
        tabPane.getSelectionModel().select(fam.tab);
    }

    /** The status dot of an indicator (in its side-list entry, or on the tab of a one-indicator family). */
    public void setGraphic(String id, Node dot) {
        ToggleButton e = entries.get(id);
        if (e == null) return;
        e.setGraphic(dot);
        Family fam = families.get(familyOf.get(id));
        if (fam.panels.size() == 1) fam.tab.setGraphic(dot == null ? null : copyDot(dot));
    }

    private static Node copyDot(Node dot) {
        if (dot instanceof javafx.scene.shape.Circle c) {
            javafx.scene.shape.Circle d = new javafx.scene.shape.Circle(c.getRadius(), c.getFill());
            d.setStroke(c.getStroke());
            d.setStrokeWidth(c.getStrokeWidth());
            return d;
        }
        return null;
    }

    /** Titles of the tabs, in order (for tests). */
    public List<String> tabTitles() {
        List<String> t = new ArrayList<>();
        for (Tab tab : tabPane.getTabs()) t.add(tab.getText());
        return t;
    }

    /** The id of the indicator whose panel is shown in the selected tab, or null. */
    public String shownIndicator() {
        Tab sel = tabPane.getSelectionModel().getSelectedItem();
        for (Family fam : families.values()) {
            if (fam.tab != sel) continue;
            for (var e : fam.panels.entrySet()) {
                if (fam.content.getChildren().contains(e.getValue()) || fam.tab.getContent() == e.getValue()) return e.getKey();
            }
        }
        return null;
    }
}
