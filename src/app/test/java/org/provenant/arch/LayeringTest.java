package org.provenant.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: app/cli/report -> analysis.batch -> analysis.workflow -> analysis.casefolder -> analysis
 * -> indicators -> ml/core.
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
}
