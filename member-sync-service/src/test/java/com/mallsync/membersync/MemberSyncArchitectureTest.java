package com.mallsync.membersync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The mapping and the lifecycle rules are pure functions (STYLE.md): no Kafka, no HTTP, no Spring, nothing of the service's plumbing. */
class MemberSyncArchitectureTest {

    private final JavaClasses service = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.mallsync.membersync");

    @Test
    void theMappingDependsOnNoKafkaNoHttpNoSpringAndNoPlumbing() {
        noClasses().that().resideInAnyPackage("com.mallsync.membersync.mapping..", "com.mallsync.membersync.lifecycle..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "java.net.http..", "jakarta.servlet..",
                        "io.github.resilience4j..", "io.micrometer..", "com.mallsync.runtime..",
                        "com.mallsync.outcomes..")
                .check(service);
        classes().that().resideInAPackage("com.mallsync.membersync.mapping..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.mallsync.membersync.mapping..",
                        "com.mallsync.model..", "java..", "javax.xml..", "com.fasterxml.jackson.annotation..")
                .check(service);
        classes().that().resideInAPackage("com.mallsync.membersync.lifecycle..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.mallsync.membersync.lifecycle..",
                        "com.mallsync.membersync.mapping..", "com.mallsync.model..", "java..")
                .check(service);
    }
}
