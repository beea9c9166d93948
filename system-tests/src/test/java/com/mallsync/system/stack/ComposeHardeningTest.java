package com.mallsync.system.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml's hardening (issue 14): host ports on 127.0.0.1 only, secrets as {@code ${VAR:?message}} with no
 * default (each one in .env.example), images pinned, kafka-ui read-only behind a login and off by default, a
 * stop_grace_period per service at least as long as its graceful stop, and a CLUSTER_ID Kafka's parser takes.
 */
class ComposeHardeningTest {

    private static final Path ROOT = root();
    /** Environment names that carry a credential: their value must come from the environment, never the file. */
    private static final Pattern CREDENTIAL = Pattern.compile(
            ".*(TOKEN|SECRET|PASSWORD|APPKEY|APP_ID|APPID|PLATFORM_ID|PLATFORMID|UID|USER_NAME).*");

    @Test
    void everyHostPortIsPublishedOn127001Only() throws IOException {
        List<String> open = new ArrayList<>();
        services().forEach((name, service) -> ports(service).stream()
                .filter(port -> ComposeRules.hostPort(port).isEmpty())
                .forEach(port -> open.add(name + ": " + port)));
        assertThat(open).as("ports not of the form 127.0.0.1:${X_HOST_PORT:-n}:n").isEmpty();
        assertThat(ports(services().get("kafka"))).hasSize(1);
        assertThat(String.valueOf(env(services().get("kafka")).get("KAFKA_ADVERTISED_LISTENERS")))
                .contains("EXTERNAL://localhost:${KAFKA_HOST_PORT:-9092}");
    }

    @Test
    void secretsComeFromTheEnvironmentWithNoDefaultAndAreAllInEnvExample() throws IOException {
        List<String> wrong = new ArrayList<>();
        Set<String> required = new LinkedHashSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("docker-compose.yml"))) {
            String code = line.replaceFirst("^\\s*#.*", "");
            Matcher m = ComposeRules.INTERPOLATION.matcher(code);
            while (m.find()) {
                String name = m.group(1);
                String op = m.group(2);
                if (":?".equals(op) && !m.group(3).isBlank()) {
                    required.add(name);
                } else if (!(name.endsWith("_HOST_PORT") && ":-".equals(op) && m.group(3).matches("\\d+"))) {
                    wrong.add(m.group() + " (only *_HOST_PORT may have a default; a secret is ${NAME:?message})");
                }
            }
        }
        services().forEach((name, service) -> env(service).forEach((key, value) -> {
            if (CREDENTIAL.matcher(key).matches()
                    && !String.valueOf(value).matches("\\$\\{[A-Z][A-Z0-9_]*:\\?[^}]+}")) {
                wrong.add(name + ": " + key + ": " + value + " (a credential written in the file)");
            }
        }));
        assertThat(wrong).isEmpty();
        assertThat(required).contains("MALL_222_SECRET", "CRM_TOKEN", "ERP_USER_ACCESS_TOKEN", "KAFKA_UI_PASSWORD");
        Set<String> example = new LinkedHashSet<>();
        for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
            Matcher m = Pattern.compile("^#?([A-Z][A-Z0-9_]*)=").matcher(line);
            if (m.find()) {
                example.add(m.group(1));
            }
        }
        assertThat(example).as(".env.example").containsAll(required);
    }

    @Test
    void everyImageIsPinnedToAVersion() throws IOException {
        List<String> floating = new ArrayList<>();
        services().forEach((name, service) -> {
            Object image = service.get("image");
            if (image == null) {
                return;
            }
            String ref = String.valueOf(image);
            String tag = ref.contains("@") ? "digest"
                    : ref.lastIndexOf(':') > ref.lastIndexOf('/') ? ref.substring(ref.lastIndexOf(':') + 1) : "";
            if (!tag.equals("digest") && !tag.matches("v?\\d+(\\.\\d+)+.*")) {
                floating.add(name + ": " + ref);
            }
        });
        assertThat(floating).as("images with no version tag (or latest/main)").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void kafkaUiIsReadOnlyBehindALoginAndNotStartedByDefault() throws IOException {
        Map<String, Object> ui = services().get("kafka-ui");
        Map<String, Object> env = env(ui);
        assertThat(String.valueOf(env.get("KAFKA_CLUSTERS_0_READONLY"))).isEqualTo("true");
        assertThat(env.get("AUTH_TYPE")).isEqualTo("LOGIN_FORM");
        assertThat(String.valueOf(env.get("SPRING_SECURITY_USER_NAME"))).startsWith("${KAFKA_UI_USERNAME:?");
        assertThat(String.valueOf(env.get("SPRING_SECURITY_USER_PASSWORD"))).startsWith("${KAFKA_UI_PASSWORD:?");
        assertThat((List<String>) ui.get("profiles")).as("started only with --profile ui").isNotEmpty();
        services().forEach((name, service) -> {
            if (!name.equals("kafka-ui")) {
                assertThat(service).as(name + " runs by default").doesNotContainKey("profiles");
            }
        });
    }

    /**
     * Compose sends SIGTERM, waits stop_grace_period, then SIGKILLs. Each period covers the service's longest
     * graceful stop: Spring's web drain ({@code spring.lifecycle.timeout-per-shutdown-phase}, 30 s by default), then
     * its own drain of work in flight (the consumer's shutdown timeout: its application.yml or its config record's
     * default; member-sync's loop is joined 10 s longer), then 5 s for closing Kafka clients.
     */
    @Test
    void everyServiceMayStopGracefullyWithinItsStopGracePeriod() throws IOException {
        Map<String, Duration> needed = Map.of(
                "ingest", webDrain("ingest-service").plusSeconds(5),
                "member-sync", webDrain("member-sync-service")
                        .plus(consumerDrain("member-sync-service", "member-sync", "MemberSyncProperties.java"))
                        .plusSeconds(10 + 5),
                "erp-sync", webDrain("erp-sync-service")
                        .plus(consumerDrain("erp-sync-service", "erp-sync", "ErpSyncProperties.java")).plusSeconds(5),
                "ops-console", webDrain("ops-console").plusSeconds(5),
                "crm-sandbox", Duration.ofSeconds(5 + 5),
                "erp-sandbox", Duration.ofSeconds(5 + 5),
                "kafka", Duration.ofSeconds(30));
        List<String> short_ = new ArrayList<>();
        needed.forEach((name, min) -> {
            Object grace = services().get(name).get("stop_grace_period");
            Duration given = grace == null ? Duration.ofSeconds(10) : ComposeRules.duration(String.valueOf(grace));
            if (given.compareTo(min) < 0 || given.compareTo(Duration.ofMinutes(5)) > 0) {
                short_.add(name + ": stop_grace_period " + given + ", its graceful stop may take " + min);
            }
        });
        assertThat(short_).isEmpty();
        assertThat(needed.get("member-sync")).isGreaterThanOrEqualTo(Duration.ofSeconds(75));
    }

    @Test
    void clusterIdIsA22CharacterBase64Uuid() throws IOException {
        String id = String.valueOf(env(services().get("kafka")).get("CLUSTER_ID"));
        assertThat(id).hasSize(22);
        assertThat(Base64.getUrlDecoder().decode(id)).as("Uuid.fromString decodes 16 bytes").hasSize(16);
    }

    @Test
    void theRulesThemselves() {
        assertThat(ComposeRules.hostPort("127.0.0.1:${INGEST_HOST_PORT:-8080}:8080")).contains("8080");
        assertThat(ComposeRules.hostPort("127.0.0.1:9092:9092")).contains("9092");
        assertThat(ComposeRules.hostPort("8080:8080")).isEmpty();
        assertThat(ComposeRules.hostPort("0.0.0.0:8080:8080")).isEmpty();
        assertThat(ComposeRules.duration("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ComposeRules.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        Matcher m = ComposeRules.INTERPOLATION.matcher("a ${X:-demo} $${SERVER_PORT} ${Y:?set Y}");
        assertThat(m.find()).isTrue();
        assertThat(m.group(2)).isEqualTo(":-");
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("Y");
        assertThat(m.find()).isFalse();
    }

    private static Duration webDrain(String module) throws IOException {
        String phase = ComposeRules.applicationValues(ROOT.resolve(module))
                .get("spring.lifecycle.timeout-per-shutdown-phase");
        return phase == null ? Duration.ofSeconds(30) : ComposeRules.duration(phase);
    }

    /** {@code <prefix>.consumer.shutdown-timeout} from application.yml, else the default in the config record. */
    private static Duration consumerDrain(String module, String prefix, String record) throws IOException {
        String set = ComposeRules.applicationValues(ROOT.resolve(module)).get(prefix + ".consumer.shutdown-timeout");
        if (set != null) {
            return ComposeRules.duration(set);
        }
        try (var files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
            Path source = files.filter(f -> f.getFileName().toString().equals(record)).findFirst().orElseThrow();
            Matcher m = Pattern.compile("shutdownTimeout == null \\? Duration\\.ofSeconds\\((\\d+)\\)")
                    .matcher(Files.readString(source));
            assertThat(m.find()).as("the shutdown-timeout default in " + record).isTrue();
            return Duration.ofSeconds(Long.parseLong(m.group(1)));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            return (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(in).get("services");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> service) {
        return (Map<String, Object>) service.getOrDefault("environment", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static List<String> ports(Map<String, Object> service) {
        return ((List<Object>) service.getOrDefault("ports", List.of())).stream().map(String::valueOf).toList();
    }

    private static Path root() {
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
