package com.mallsync.system.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml checked statically (ComposeRunIT runs it): valid YAML, every built service's context and
 * Dockerfile exist and copy the module's real jar, every environment variable of a service built from this repo binds
 * to a real configuration key of that module (the contract keys of ARCHITECTURE.md, the keys of the module's
 * application.yml, or for a sandbox the variables its main reads), host ports are unique, and every dependency names
 * a service of the file. The hardening rules (127.0.0.1, {@code ${VAR:?}} secrets, pinned images, grace periods,
 * the Kafka UI) are in {@link ComposeHardeningTest}.
 */
class ComposeFileTest {

    private static final Path ROOT = repoRoot();

    /**
     * ARCHITECTURE.md, "Configuration keys (contract)"; {@code <id>} stands for a map key (a mall id), {@code <name>}
     * for a named one (a console user).
     */
    private static final Map<String, List<String>> CONTRACT_KEYS = Map.of(
            "all", List.of("spring.kafka.bootstrap-servers", "server.port"),
            "ingest-service", List.of("ingest.signature.scheme", "ingest.malls.<id>.app-key", "ingest.malls.<id>.secret"),
            "member-sync-service", List.of("member-sync.crm.base-url", "member-sync.crm.app-id", "member-sync.crm.token",
                    "member-sync.shops.<id>.shop-code", "member-sync.shops.<id>.data-origin",
                    "member-sync.batch.max-size", "member-sync.batch.linger"),
            "erp-sync-service", List.of("erp-sync.erp.base-url", "erp-sync.erp.platform-id",
                    "erp-sync.erp.user-access-token", "erp-sync.malls.<id>.uid"),
            "ops-console", List.of("ops.security.users.<name>.password", "ops.security.users.<name>.roles"));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        return (Map<String, Map<String, Object>>) compose().get("services");
    }

    @Test
    void isValidYamlWithTheWholeSystemAndNamedVolumes() throws IOException {
        Map<String, Object> compose = compose();
        assertThat(services()).containsKeys("kafka", "kafka-init", "crm-sandbox", "erp-sandbox", "ingest",
                "member-sync", "erp-sync", "ops-console", "kafka-ui");
        assertThat(String.valueOf(services().get("kafka").get("image"))).startsWith("apache/kafka:");
        assertThat(String.valueOf(services().get("kafka-ui").get("image"))).contains("kafbat/kafka-ui");
        assertThat((Map<String, Object>) compose.get("volumes")).containsKey("kafka-data");
        assertThat(String.valueOf(services().get("kafka-init").get("command")))
                .contains("orders.paid.v1").contains("orders.outcomes.v1")
                .contains("orders.paid.v1.member-sync.dlt").contains("orders.paid.v1.erp-sync.dlt");
    }

    @Test
    void everyBuiltServiceHasAContextWithADockerfileCopyingTheModulesJar() throws IOException {
        int built = 0;
        for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
            Object build = service.getValue().get("build");
            if (build == null) {
                continue;
            }
            built++;
            Path context = ROOT.resolve(String.valueOf(build instanceof Map<?, ?> m ? m.get("context") : build)).normalize();
            assertThat(context).as(service.getKey() + " build context").isDirectory();
            assertThat(context.resolve("pom.xml")).as(service.getKey() + " is a module").exists();
            Path dockerfile = context.resolve("Dockerfile");
            assertThat(dockerfile).exists();
            String module = context.getFileName().toString();
            String jar = module + "-" + version() + (module.endsWith("-sandbox") ? "-exec" : "") + ".jar";
            assertThat(Files.readString(dockerfile)).as(dockerfile.toString())
                    .contains("FROM eclipse-temurin:17-jre").contains("COPY target/" + jar + " ");
            assertThat(service.getValue()).as(service.getKey() + " health check").containsKey("healthcheck");
        }
        assertThat(built).isEqualTo(6);
    }

    @Test
    void everyEnvironmentVariableOfABuiltServiceBindsToARealConfigurationKey() throws IOException {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
            Object build = service.getValue().get("build");
            if (build == null) {
                continue;
            }
            String module = Path.of(String.valueOf(build)).getFileName().toString();
            @SuppressWarnings("unchecked")
            Map<String, Object> env = (Map<String, Object>) service.getValue().getOrDefault("environment", Map.of());
            assertThat(env).as(service.getKey() + " is configured by environment").isNotEmpty();
            if (module.endsWith("-sandbox")) {
                Set<String> read = sandboxVariables(ROOT.resolve(module).resolve("src/main/java"));
                env.keySet().stream().filter(name -> !read.contains(name))
                        .forEach(name -> unknown.add(service.getKey() + ": " + name + " (not read by " + module + ")"));
                continue;
            }
            Set<String> keys = new LinkedHashSet<>(CONTRACT_KEYS.get("all"));
            keys.addAll(CONTRACT_KEYS.getOrDefault(module, List.of()));
            keys.addAll(applicationKeys(ROOT.resolve(module)));
            env.keySet().stream().filter(name -> keys.stream().noneMatch(key -> binds(name, key)))
                    .forEach(name -> unknown.add(service.getKey() + ": " + name));
        }
        assertThat(unknown).as("env vars that bind to no configuration key").isEmpty();
    }

    @Test
    void hostPortsAreUniqueAndDependenciesExist() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            @SuppressWarnings("unchecked")
            List<Object> ports = (List<Object>) service.getValue().getOrDefault("ports", List.of());
            for (Object port : ports) {
                String host = ComposeRules.hostPort(String.valueOf(port)).orElse(String.valueOf(port));
                if (!seen.add(host)) {
                    duplicates.add(service.getKey() + " " + port);
                }
            }
            Object depends = service.getValue().get("depends_on");
            Set<String> needed = depends instanceof Map<?, ?> m ? stringKeys(m)
                    : depends instanceof List<?> l ? new HashSet<>(l.stream().map(String::valueOf).toList()) : Set.of();
            assertThat(services.keySet()).as(service.getKey() + " depends on").containsAll(needed);
        }
        assertThat(duplicates).isEmpty();
        assertThat(seen).contains("8080", "8081", "8082", "8090", "8091", "8092", "9092");
    }

    @Test
    void theBindingRuleIsSpringsCanonicalEnvironmentForm() {
        assertThat(binds("MEMBERSYNC_CRM_BASEURL", "member-sync.crm.base-url")).isTrue();
        assertThat(binds("INGEST_MALLS_222_APPKEY", "ingest.malls.<id>.app-key")).isTrue();
        assertThat(binds("INGEST_MALLS_222_APPKEY", "ingest.malls.222.app-key")).isTrue();
        assertThat(binds("INGEST_MALLS_222_APPKEYS", "ingest.malls.<id>.app-key")).isFalse();
        assertThat(binds("ERPSYNC_MALLS_X_UID", "erp-sync.malls.<id>.uid")).isFalse();
    }

    /** {@code MEMBERSYNC_CRM_BASEURL} binds {@code member-sync.crm.base-url}: dots to '_', dashes dropped. */
    static boolean binds(String envName, String key) {
        String[] env = envName.split("_");
        String[] parts = key.split("\\.");
        if (env.length != parts.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals("<name>")) {
                if (!env[i].matches("[A-Z0-9]+")) {
                    return false;
                }
            } else if (part.startsWith("<")) {
                if (!env[i].matches("[0-9]+")) {
                    return false;
                }
            } else if (!part.replace("-", "").toUpperCase(Locale.ROOT).equals(env[i])) {
                return false;
            }
        }
        return true;
    }

    /** Every leaf key of the module's application.yml (none when the module has none yet). */
    @SuppressWarnings("unchecked")
    private static Set<String> applicationKeys(Path module) throws IOException {
        Path yml = module.resolve("src/main/resources/application.yml");
        Set<String> keys = new LinkedHashSet<>();
        if (Files.exists(yml)) {
            try (InputStream in = Files.newInputStream(yml)) {
                for (Object document : new Yaml().loadAll(in)) {
                    if (document instanceof Map<?, ?> map) {
                        flatten("", (Map<Object, Object>) map, keys);
                    }
                }
            }
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<Object, Object> map, Set<String> keys) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> child) {
                flatten(key, (Map<Object, Object>) child, keys);
            } else {
                keys.add(key);
            }
        });
    }

    private static Set<String> stringKeys(Map<?, ?> map) {
        Set<String> keys = new HashSet<>();
        map.keySet().forEach(k -> keys.add(String.valueOf(k)));
        return keys;
    }

    /**
     * The {@code "SANDBOX_..."} variables a sandbox's sources read. A sandbox module that reads none yet (its
     * skeleton, before it is built) is held to the brief's sandbox contract instead.
     */
    private static Set<String> sandboxVariables(Path dir) throws IOException {
        Set<String> names = new HashSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = Pattern.compile("\"(SANDBOX_[A-Z_]+)\"").matcher(Files.readString(file));
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        }
        return names.isEmpty() ? SANDBOX_CONTRACT : names;
    }

    /** The brief's sandbox contract: port and credentials from the environment. */
    private static final Set<String> SANDBOX_CONTRACT = Set.of("SANDBOX_PORT", "SANDBOX_APP_ID", "SANDBOX_TOKEN",
            "SANDBOX_PLATFORM_ID", "SANDBOX_USER_ACCESS_TOKEN");

    private static String version() throws IOException {
        Matcher m = Pattern.compile("<artifactId>mall-order-sync</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
