package com.mallsync.system.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.mall.SortedMd5Signature;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.Seeds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The README's structured-log switch on a real service: ingest-service's built jar, started with
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}, writes one JSON object per line (Elastic Common Schema), and the
 * accepted order's line still carries the buyer's mobile masked, never in full.
 */
class StructuredLogsIT {

    private static final String SECRET = "structured-log-secret";
    private static final String MOBILE = "13812345678";

    private KafkaTestBroker broker;
    private Process ingest;

    @AfterEach
    void stop() throws InterruptedException {
        if (ingest != null) {
            ingest.destroy();
            ingest.waitFor();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void ingestStartedWithTheSwitchWritesJsonLinesAndMasksTheMobile() throws Exception {
        broker = KafkaTestBroker.start();
        broker.createTopics(1, Topics.ORDERS_PAID);
        Path root = root();
        Path jar = root.resolve("ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar");
        assertThat(jar).as("ingest-service built").exists();
        Path log = Files.createTempFile("ingest-structured", ".log");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("SPRING_KAFKA_BOOTSTRAPSERVERS", broker.bootstrapServers());
        builder.environment().put("INGEST_MALLS_222_SECRET", SECRET);
        ingest = builder.start();

        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://localhost:" + port + "/actuator/health");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(health).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

        String push = signed(Seeds.mallOrderPush().replace("\"mobile\": \"下单人手机号\"", "\"mobile\": \"" + MOBILE + "\""));
        assertThat(push).contains(MOBILE);
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/webhooks/mall/orders")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(push)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("accepted order"));
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).filter(l -> !l.startsWith("OpenJDK")).toList();
        assertThat(lines).hasSizeGreaterThan(5);
        for (String line : lines) {
            JsonNode json = Json.tree(line);
            assertThat(json.isObject()).as(line).isTrue();
            assertThat(json.has("@timestamp") && json.has("message")).as("ECS fields in " + line).isTrue();
        }
        String accepted = lines.stream().filter(l -> l.contains("accepted order")).findFirst().orElseThrow();
        assertThat(Json.tree(accepted).get("message").asString()).contains("mobile=138****5678");
        assertThat(Files.readString(log)).doesNotContain(MOBILE);
    }

    private static String signed(String push) {
        String signature = SortedMd5Signature.sign(push.getBytes(StandardCharsets.UTF_8), SECRET);
        return push.replace("\"app_sign\": \"baaeda3f7f1c3529010816ddb50778f6\"", "\"app_sign\": \"" + signature + "\"");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found");
    }
}
