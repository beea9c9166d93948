package com.mallsync.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The shared runtime serves the services; it never depends on one of them. */
class ArchitectureTest {

    private final JavaClasses runtime = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.mallsync.runtime", "com.mallsync.outcomes");

    @Test
    void theRuntimeDependsOnNoService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.mallsync.erpsync..",
                        "com.mallsync.membersync..", "com.mallsync.ingest..", "com.mallsync.ops..",
                        "com.mallsync.sandbox..", "com.mallsync.stack..", "com.mallsync.system..")
                .check(runtime);
    }
}
