package com.mallsync.system.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Jib (images without a Docker daemon) is configured once, in the parent pom's pluginManagement, so every service
 * module gets it; its default base is the Dockerfiles' FROM, and it runs as the Dockerfiles' user with their JVM flag.
 */
class JibConfigTest {

    private static final List<String> SERVICES = List.of("ingest-service", "member-sync-service", "erp-sync-service",
            "ops-console", "crm-sandbox", "erp-sandbox");

    @Test
    void jibIsManagedInTheParentWithTheDockerfilesBaseUserAndFlags() throws IOException {
        Path root = root();
        String pom = Files.readString(root.resolve("pom.xml"));
        Matcher from = Pattern.compile("<jib\\.from\\.image>([^<]+)</jib\\.from\\.image>").matcher(pom);
        assertThat(from.find()).as("jib.from.image property in the parent pom").isTrue();
        int plugin = pom.indexOf("<artifactId>jib-maven-plugin</artifactId>");
        assertThat(plugin).isPositive();
        assertThat(pom.lastIndexOf("<pluginManagement>", plugin)).as("managed, not bound to the build").isPositive();
        String config = pom.substring(plugin, pom.indexOf("</plugin>", plugin));
        assertThat(pom).as("libraries make no image").contains("<jib.skip>true</jib.skip>");
        assertThat(config).contains("<from><image>${jib.from.image}</image></from>")
                .contains("<user>10001</user>").contains("-XX:MaxRAMPercentage=75");
        for (String module : SERVICES) {
            String dockerfile = Files.readString(root.resolve(module).resolve("Dockerfile"));
            assertThat(dockerfile).as(module + " Dockerfile").contains("FROM " + from.group(1) + "\n")
                    .contains("--uid 10001").contains("\"-XX:MaxRAMPercentage=75\"");
            String modulePom = Files.readString(root.resolve(module).resolve("pom.xml"));
            assertThat(modulePom).as(module + " inherits the parent").contains("<artifactId>mall-order-sync</artifactId>");
            assertThat(modulePom).as(module + " does not override jib").doesNotContain("jib-maven-plugin")
                    .contains("<jib.skip>false</jib.skip>");
        }
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).isNotNull();
        return dir;
    }
}
