package org.provenant.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: app/cli/report -> analysis.batch -> analysis.workflow -> analysis.casefolder -> analysis
 * -> indicators -> ml/core; no package cycles in any module; GUI types only in the app, and its view models hold no
 * nodes or JavaFX images.
 */
class LayeringTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // test classes of this module, and those of the modules below it that come in their test jars
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.provenant");
    }

    @Test
    void coreHasNoGuiNoMlNoUpperLayers() {
        noClasses().that().resideInAPackage("org.provenant.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "ai.djl..", "org.tribuo..",
                        "org.provenant.ml..", "org.provenant.indicators..", "org.provenant.analysis..",
                        "org.provenant.app..", "org.provenant.cli..", "org.provenant.report..")
                .check(classes);
    }

    @Test
    void mlDoesNotKnowIndicatorsOrAbove() {
        noClasses().that().resideInAPackage("org.provenant.ml..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.provenant.indicators..",
                        "org.provenant.analysis..", "org.provenant.app..", "org.provenant.cli..", "org.provenant.report..")
                .check(classes);
    }

    @Test
    void indicatorsNeverTouchTheGuiOrAbove() {
        noClasses().that().resideInAPackage("org.provenant.indicators..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.provenant.analysis..",
                        "org.provenant.app..", "org.provenant.cli..", "org.provenant.report..")
                .check(classes);
    }

    @Test
    void analysisDoesNotKnowItsClients() {
        noClasses().that().resideInAPackage("org.provenant.analysis..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.provenant.app..",
                        "org.provenant.cli..", "org.provenant.report..")
                .check(classes);
    }

    /**
     * Inside the analysis layer, one way too: the engine and its JSON ({@code analysis}) know nothing of case
     * folders; the case folder store ({@code analysis.casefolder}) knows nothing of the workflow; the workflow
     * ({@code analysis.workflow}) nothing of batch triage ({@code analysis.batch}), which sits on top.
     */
    @Test
    void analysisEngineCaseFolderWorkflowBatchPointOneWay() {
        noClasses().that().resideInAPackage("org.provenant.analysis")
                .should().dependOnClassesThat().resideInAnyPackage("org.provenant.analysis.casefolder..",
                        "org.provenant.analysis.workflow..", "org.provenant.analysis.batch..")
                .check(classes);
        noClasses().that().resideInAPackage("org.provenant.analysis.casefolder..")
                .should().dependOnClassesThat().resideInAnyPackage("org.provenant.analysis.workflow..",
                        "org.provenant.analysis.batch..")
                .check(classes);
        noClasses().that().resideInAPackage("org.provenant.analysis.workflow..")
                .should().dependOnClassesThat().resideInAnyPackage("org.provenant.analysis.batch..")
                .check(classes);
    }

    /** The report module is the PDF only: case folders, the workflow and batch triage live in core. */
    @Test
    void coreDoesNotKnowTheReport() {
        noClasses().that().resideInAnyPackage("org.provenant.core..", "org.provenant.ml..", "org.provenant.indicators..",
                        "org.provenant.analysis..")
                .should().dependOnClassesThat().resideInAnyPackage("org.provenant.report..", "org.apache.pdfbox..")
                .check(classes);
    }

    @Test
    void reportAndCliDoNotUseTheGui() {
        noClasses().that().resideInAnyPackage("org.provenant.report..", "org.provenant.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.provenant.app..")
                .check(classes);
    }

    /**
     * The main classes of every module the window is built after (core, report, training, cli, app), read from their
     * class folders: the app's test class path lacks the training module (the window runs without it), and a cycle
     * may cross any of them. src/spark is built after the app and nothing depends on it, so a cycle through it could
     * only lie inside it: its classes are read too when they are there.
     */
    static JavaClasses allModules() {
        List<Path> folders = Stream.of("core", "report", "training", "cli", "app")
                .map(m -> Path.of("src", m, "target", "classes")).toList();
        for (Path f : folders) {
            assertTrue(Files.isDirectory(f.resolve("org/provenant")), f + " is missing: build every module first (mvn -B verify)");
        }
        Path spark = Path.of("src", "spark", "target", "classes");
        return new ClassFileImporter().importPaths(Files.isDirectory(spark) ? Stream.concat(folders.stream(), Stream.of(spark)).toList() : folders);
    }

    /** No package cycles anywhere: every package of every module points one way (issue 19 item 4). */
    @Test
    void noPackageCycles() {
        slices().matching("org.provenant.(**)").should().beFreeOfCycles().check(allModules());
    }

    /** JavaFX, ControlsFX, Swing and AWT windows only in the app module: the library, the report and the commands run headless. */
    @Test
    void guiTypesOnlyInTheApp() {
        noClasses().that().resideOutsideOfPackage("org.provenant.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "javax.swing..")
                .orShould().dependOnClassesThat().areAssignableTo(java.awt.Window.class)
                .check(allModules());
    }

    /**
     * A view model holds a view's state and actions and is testable without a screen: no nodes, stages or JavaFX
     * images (the view converts pictures and lays out); properties, collections and tasks are fine.
     */
    @Test
    void viewModelsHoldNoNodesStagesOrImages() {
        noClasses().that().resideInAPackage("org.provenant.app..").and().haveNameMatching(".*ViewModel(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.embed..")
                .check(classes);
    }
}
