package com.mallsync.system.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Docs that cannot drift: every environment variable and configuration key named in a README (the root's and each
 * module's) or in a comment of an {@code application*.yml} binds to a real key ({@link KnownKeys}, checked by
 * {@link DocNames}). Needs the modules built ({@code target/classes} and the Spring Boot jars), as {@code verify}
 * does before it gets here.
 */
class DocsBindTest {

    private static final Path ROOT = root();

    @Test
    void everyNameInTheReadmesAndApplicationYmlCommentsBindsToARealKey() throws IOException {
        List<Path> modules = modules();
        for (String service : List.of("ingest-service", "member-sync-service", "erp-sync-service", "ops-console")) {
            assertThat(KnownKeys.builtJar(ROOT.resolve(service))).as(service + " built (./mvnw -DskipTests package)")
                    .isNotNull();
        }
        KnownKeys known = KnownKeys.of(modules);
        assertThat(known.keys).contains("ingest.malls.<id>.secret", "member-sync.crm.max-concurrent-requests",
                "spring.kafka.bootstrap-servers", "server.port");
        assertThat(known.mapPrefixes).contains("logging.level", "resilience4j.circuitbreaker.instances");
        DocNames names = new DocNames(known, notKeys(modules));

        List<DocNames.Problem> problems = new ArrayList<>();
        int checkedFiles = 0;
        for (Path readme : readmes(modules)) {
            checkedFiles++;
            List<String> lines = Files.readAllLines(readme);
            for (int i = 0; i < lines.size(); i++) {
                problems.addAll(names.check(ROOT.relativize(readme) + ":" + (i + 1), lines.get(i)));
            }
        }
        for (Path yml : applicationYmls(modules)) {
            checkedFiles++;
            List<String> lines = Files.readAllLines(yml);
            for (int i = 0; i < lines.size(); i++) {
                int hash = lines.get(i).indexOf('#');
                if (hash >= 0) {
                    problems.addAll(names.check(ROOT.relativize(yml) + ":" + (i + 1), lines.get(i).substring(hash)));
                }
            }
        }
        assertThat(checkedFiles).isGreaterThan(12);
        assertThat(problems).as("names in the docs that bind to nothing").isEmpty();
    }

    /**
     * Dotted names that share a key's first segment but are not configuration: the string literals of the main
     * sources (Micrometer meter names such as {@code ingest.orders.accepted}, topic names such as
     * {@code erp-sync.synced.v1}; one ending in a dot, such as {@code "ingest.orders." + kind}, names all below it),
     * and the few the READMEs name from libraries.
     */
    private static Set<String> notKeys(List<Path> modules) throws IOException {
        Set<String> names = new HashSet<>(Set.of(
                "server.properties",                    // Kafka's broker config file (local-stack)
                "resilience4j.circuitbreaker.state"));  // resilience4j's Micrometer meter
        Pattern literal = Pattern.compile("\"([a-z][a-z0-9_-]*(?:\\.[a-z0-9][a-z0-9_-]*)+\\.?)\"");
        for (Path module : modules) {
            Path sources = module.resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = literal.matcher(Files.readString(file));
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        }
        return names;
    }

    private static List<Path> modules() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).sorted().toList();
        }
    }

    private static List<Path> readmes(List<Path> modules) {
        List<Path> readmes = new ArrayList<>();
        readmes.add(ROOT.resolve("README.md"));
        Stream.concat(modules.stream(), Stream.of(ROOT.resolve("contracts")))
                .map(m -> m.resolve("README.md")).filter(Files::isRegularFile).forEach(readmes::add);
        return readmes;
    }

    private static List<Path> applicationYmls(List<Path> modules) throws IOException {
        List<Path> ymls = new ArrayList<>();
        for (Path module : modules) {
            Path resources = module.resolve("src/main/resources");
            if (Files.isDirectory(resources)) {
                try (Stream<Path> files = Files.list(resources)) {
                    files.filter(f -> f.getFileName().toString().matches("application.*\\.ya?ml")).sorted()
                            .forEach(ymls::add);
                }
            }
        }
        return ymls;
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }
}
