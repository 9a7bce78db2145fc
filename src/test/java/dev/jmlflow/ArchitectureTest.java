package dev.jmlflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of docs/architecture.md, checked on the compiled main classes. */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.jmlflow");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.jmlflow.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void theScimClientKnowsNeitherSpringNorCamundaNorTheRestOfJmlflow() {
        noClasses().that().resideInAPackage("dev.jmlflow.scim..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.camunda..",
                        "dev.jmlflow.targets..", "dev.jmlflow.provisioning..", "dev.jmlflow.access..",
                        "dev.jmlflow.employee..", "dev.jmlflow.process..")
                .check(main);
    }

    @Test
    void theEngineFreeLayersKnowNoCamunda() {
        noClasses().that().resideInAnyPackage("dev.jmlflow.scim..", "dev.jmlflow.targets..",
                        "dev.jmlflow.provisioning..", "dev.jmlflow.access..", "dev.jmlflow.employee..", "dev.jmlflow.policy..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .check(main);
    }

    @Test
    void theEngineFreeLayersKnowNoSpringMvc() {
        noClasses().that().resideInAnyPackage("dev.jmlflow.scim..", "dev.jmlflow.targets..",
                        "dev.jmlflow.provisioning..", "dev.jmlflow.access..", "dev.jmlflow.employee..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..")
                .check(main);
    }

    @Test
    void theApprovalPolicyKnowsNoFrameworkAndOnlyTheAccessPlan() {
        noClasses().that().resideInAPackage("dev.jmlflow.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.camunda..",
                        "dev.jmlflow.security..", "dev.jmlflow.approval..", "dev.jmlflow.sandbox..",
                        "dev.jmlflow.process..", "dev.jmlflow.provisioning..", "dev.jmlflow.targets..")
                .check(main);
    }

    @Test
    void securityKnowsNothingOfTheSandbox() {
        noClasses().that().resideInAPackage("dev.jmlflow.security..")
                .should().dependOnClassesThat().resideInAPackage("dev.jmlflow.sandbox..")
                .check(main);
    }

    @Test
    void theLowerLayersNeverReachUpIntoTheRequestSteps() {
        noClasses().that().resideInAnyPackage("dev.jmlflow.scim..", "dev.jmlflow.targets..",
                        "dev.jmlflow.provisioning..", "dev.jmlflow.access..", "dev.jmlflow.employee..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jmlflow.process..", "dev.jmlflow.joiner..",
                        "dev.jmlflow.mover..", "dev.jmlflow.leaver..", "dev.jmlflow.approval..", "dev.jmlflow.engine..")
                .check(main);
    }

    @Test
    void theEnginePlumbingKnowsNoRequestStep() {
        noClasses().that().resideInAPackage("dev.jmlflow.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jmlflow.process..", "dev.jmlflow.joiner..",
                        "dev.jmlflow.mover..", "dev.jmlflow.leaver..", "dev.jmlflow.approval..")
                .check(main);
    }

    @Test
    void theRequestViewIsATopLayerThatOnlyReads() {
        noClasses().that().resideOutsideOfPackage("dev.jmlflow.requests..")
                .should().dependOnClassesThat().resideInAPackage("dev.jmlflow.requests..")
                .check(main);
        noClasses().that().resideInAPackage("dev.jmlflow.requests..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jmlflow.process..", "dev.jmlflow.joiner..",
                        "dev.jmlflow.mover..", "dev.jmlflow.leaver..", "dev.jmlflow.approval..",
                        "dev.jmlflow.provisioning..", "dev.jmlflow.targets..", "dev.jmlflow.scim..",
                        "dev.jmlflow.notification..", "dev.jmlflow.sandbox..")
                .check(main);
    }
}
