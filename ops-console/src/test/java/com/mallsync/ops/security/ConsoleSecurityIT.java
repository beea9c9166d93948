package com.mallsync.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mallsync.model.Topics;
import com.mallsync.ops.ConsoleClient;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.TopicProbe;

/**
 * Issue 14, the console's doors: every way of firing a replay without being an operator on this console's own page
 * (no login, a wrong password, a viewer, no or a wrong CSRF token, a foreign Origin, a cross-site fetch, a
 * cross-site form post riding a logged-in session) is refused with 401 or 403, and nothing reaches
 * {@code orders.paid.v1}; an operator (basic, or logged in with the form) replays. The page and the login form
 * carry the anti-framing and CSP headers; health and the Prometheus scrape stay open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ops.probe-interval=1s")
class ConsoleSecurityIT {

    static final KafkaTestBroker BROKER = KafkaTestBroker.start();
    static final String REPLAY = "/api/dlt/replay";
    static final String ALL = "{\"all\":true}";

    static {
        BROKER.createTopics(2, Topics.ORDERS_PAID, Topics.ORDERS_OUTCOMES, Topics.MEMBER_SYNC_DLT, Topics.ERP_SYNC_DLT);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
        registry.add("ops.services.erp-sync.url", () -> "http://127.0.0.1:1");
        registry.add("ops.services.member-sync.url", () -> "http://127.0.0.1:1");
        registry.add("ops.services.ingest.url", () -> "http://127.0.0.1:1");
        ConsoleClient.TEST_USERS.forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void stop() {
        BROKER.close();
    }

    @LocalServerPort
    int port;

    @Test
    void everyReplayThatIsNotAnOperatorOnThisConsoleIsRefusedAndAnOperatorsReplayWorks() throws Exception {
        String key = "222:" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.ERP_SYNC_DLT, key, "{\"orderNo\":\"sec\"}")).get();
        }
        ConsoleClient anonymous = ConsoleClient.anonymous(port);
        ConsoleClient viewer = ConsoleClient.viewer(port);
        ConsoleClient operator = ConsoleClient.operator(port);
        ConsoleClient wrongPassword = new ConsoleClient(port, "otto", "guess");
        ConsoleClient loggedIn = formLogin("otto", "otto-pw");

        Map<String, Supplier<HttpResponse<String>>> attacks = new LinkedHashMap<>();
        attacks.put("no login, no CSRF token", () -> anonymous.send(json(anonymous, ALL)));
        attacks.put("no login, a valid CSRF token", () -> anonymous.post(REPLAY, ALL));
        attacks.put("no login, empty body", () -> anonymous.post(REPLAY, ""));
        attacks.put("wrong password", () -> wrongPassword.post(REPLAY, ALL));
        attacks.put("viewer, with CSRF token", () -> viewer.post(REPLAY, ALL));
        attacks.put("operator (basic), no CSRF token", () -> operator.send(json(operator, ALL)));
        attacks.put("operator (basic), a made-up CSRF token", () -> {
            operator.csrfToken();
            return operator.send(json(operator, ALL).header("X-XSRF-TOKEN", UUID.randomUUID().toString()));
        });
        attacks.put("operator (basic), valid token, foreign Origin", () -> operator.send(withToken(operator)
                .header("Origin", "https://evil.example")));
        attacks.put("operator (basic), valid token, Origin null", () -> operator.send(withToken(operator)
                .header("Origin", "null")));
        attacks.put("operator (basic), valid token, Sec-Fetch-Site cross-site", () -> operator.send(withToken(operator)
                .header("Sec-Fetch-Site", "cross-site")));
        attacks.put("logged-in session, cross-site form post", () -> loggedIn.send(form(loggedIn, "all=true")
                .header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")));
        attacks.put("logged-in session, form post without token", () -> loggedIn.send(form(loggedIn, "all=true")));
        attacks.put("logged-in session, JSON without token", () -> loggedIn.send(json(loggedIn, ALL)));
        attacks.put("logged-in session, token, foreign Origin", () -> loggedIn.send(withToken(loggedIn)
                .header("Origin", "http://127.0.0.1.evil.example:" + port)));

        List<String> gotIn = new ArrayList<>();
        for (Map.Entry<String, Supplier<HttpResponse<String>>> attack : attacks.entrySet()) {
            HttpResponse<String> response = attack.getValue().get();
            System.out.printf("[security] %-55s -> %d%n", attack.getKey(), response.statusCode());
            if (response.statusCode() != 401 && response.statusCode() != 403) {
                gotIn.add(attack.getKey() + " -> " + response.statusCode() + " " + response.body());
            }
        }
        try (TopicProbe probe = new TopicProbe(BROKER.bootstrapServers(), Topics.ORDERS_PAID)) {
            assertThat(probe.settle(Duration.ofSeconds(2))).as("nothing was replayed by a refused request").isEmpty();
        }
        System.out.printf("[security] console replay: %d attempts, %d got in%n", attacks.size(), gotIn.size());
        assertThat(gotIn).as("refused with 401/403").isEmpty();

        // an operator must say what: an empty body or {} is not "everything"
        assertThat(operator.post(REPLAY, "").statusCode()).isEqualTo(400);
        assertThat(operator.post(REPLAY, "{}").statusCode()).isEqualTo(400);
        assertThat(operator.post(REPLAY, "{}").body()).contains("say all");

        // a script (basic + CSRF cookie) and a person (form login, as the page's script sends it) may replay
        assertThat(ConsoleClient.ok(operator.post(REPLAY, "{\"records\":[\"" + key + "\"]}")).get("replayed").asInt())
                .isEqualTo(1);
        HttpResponse<String> page = loggedIn.send(withToken(loggedIn).header("Origin", "http://127.0.0.1:" + port)
                .header("Sec-Fetch-Site", "same-origin").header("X-Requested-With", "XMLHttpRequest"));
        assertThat(ConsoleClient.ok(page).get("replayed").asInt()).as(page.body()).isEqualTo(1);
        try (TopicProbe probe = new TopicProbe(BROKER.bootstrapServers(), Topics.ORDERS_PAID)) {
            assertThat(probe.awaitMatching(r -> r.key().equals(key), 2, KafkaTestBroker.PATIENCE)).hasSize(2);
        }
    }

    @Test
    void readingNeedsALoginButHealthAndTheScrapeDoNot() {
        ConsoleClient anonymous = ConsoleClient.anonymous(port);
        assertThat(anonymous.get("/api/summary").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/summary").headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Basic"));
        assertThat(anonymous.send(anonymous.request("/api/summary").header("X-Requested-With", "XMLHttpRequest")
                .GET()).headers().firstValue("WWW-Authenticate")).as("no login popup for the page's script").isEmpty();
        HttpResponse<String> page = anonymous.send(anonymous.request("/").header("Accept", "text/html").GET());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");
        assertThat(anonymous.get("/actuator/metrics").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(ConsoleClient.viewer(port).get("/api/summary").statusCode()).isEqualTo(200);
        assertThat(new ConsoleClient(port, "vera", "wrong").get("/api/summary").statusCode()).isEqualTo(401);
    }

    @Test
    void thePageAndTheLoginFormCannotBeFramedAndRunOnlyTheirOwnScripts() {
        for (HttpResponse<String> response : List.of(ConsoleClient.viewer(port).get("/"),
                ConsoleClient.anonymous(port).get("/login"), ConsoleClient.viewer(port).get("/api/summary"))) {
            String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(response.uri().toString()).contains("frame-ancestors 'none'")
                    .contains("default-src 'self'").contains("script-src 'self'").doesNotContain("unsafe");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(ConsoleClient.viewer(port).get("/").body()).contains("ops console");
    }

    /** A person's login: the form's page, then its POST with the form's hidden CSRF field; a session cookie. */
    private ConsoleClient formLogin(String user, String password) {
        ConsoleClient browser = ConsoleClient.anonymous(port);
        String loginPage = browser.get("/login").body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(csrf.find()).as("the login form carries a CSRF field: " + loginPage).isTrue();
        HttpResponse<String> login = browser.send(browser.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password + "&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(browser.cookie("JSESSIONID")).isNotNull();
        assertThat(browser.get("/api/summary").statusCode()).isEqualTo(200);
        return browser;
    }

    private static HttpRequest.Builder json(ConsoleClient client, String body) {
        return client.request(REPLAY).header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpRequest.Builder withToken(ConsoleClient client) {
        return json(client, ALL).header("X-XSRF-TOKEN", client.csrfToken());
    }

    private static HttpRequest.Builder form(ConsoleClient client, String body) {
        return client.request(REPLAY).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
