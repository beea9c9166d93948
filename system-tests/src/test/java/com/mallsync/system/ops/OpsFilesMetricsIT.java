package com.mallsync.system.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mallsync.model.Topics;
import com.mallsync.stack.Component;
import com.mallsync.stack.DemoMall;
import com.mallsync.stack.LocalStack;
import com.mallsync.stack.StackLayout;
import com.mallsync.stack.StackOptions;
import com.mallsync.stack.StackPorts;
import com.mallsync.stack.lifecycle.OrderState;
import com.mallsync.stack.load.OutcomeCollector;
import com.mallsync.stack.load.SeedCommand;
import com.mallsync.stack.load.Signing;

/**
 * Every metric named by ops/prometheus/alerts.yml and ops/grafana/mall-order-sync.json exists on the real services'
 * {@code /actuator/prometheus}: the whole local stack (separate processes, a broker process, both sandboxes) is
 * started, made to do what the alerts watch (the seed synced at both targets, a push refused, an ERP reply lost so
 * one order is in doubt), then ingest, member-sync, erp-sync and the console are scraped.
 */
class OpsFilesMetricsIT {

    private static final Path ROOT = OpsFiles.root();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SEED_NO = "20250320165809904355";
    private static final String IN_DOUBT_NO = "20250320165809904356";
    private static final List<Component> SCRAPED = List.of(Component.INGEST, Component.MEMBER_SYNC,
            Component.ERP_SYNC, Component.OPS_CONSOLE);

    @TempDir
    static Path data;
    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        StackLayout layout = StackLayout.locate(Path.of("")).withDataDir(data.resolve("stack"));
        stack = LocalStack.start(StackOptions.builder(layout).ports(StackPorts.random()).build());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyMetricOfTheAlertRulesAndTheDashboardIsOnTheServicesActuatorPrometheus() throws Exception {
        String secret = DemoMall.byId(222).orElseThrow().secret();
        String seed = SeedCommand.signedSeedPaidAt(Instant.now());
        try (OutcomeCollector outcomes = OutcomeCollector.fromBeginning(stack.bootstrapServers())) {
            assertThat(post(stack.webhookUrl(), seed).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofMinutes(2)).until(() -> outcomes.outcomes(Topics.orderKey(222, SEED_NO)).size() >= 2);
            // confirmed: the CRM uploads on CONFIRMED by default, so only now does member-sync call the CRM
            assertThat(post(stack.webhookUrl(), SeedCommand.signedSeedShowing(Instant.now(), SEED_NO,
                    OrderState.PAID.withConfirmed())).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofMinutes(2)).until(() -> outcomes.outcomes(Topics.orderKey(222, SEED_NO)).size() >= 4);
            assertThat(post(stack.webhookUrl(), Signing.sign(seed, "not-the-secret")).statusCode()).isEqualTo(401);

            // an ERP that creates the order and loses the reply: erp-sync's request times out, the order is in doubt
            String erp = stack.url(Component.ERP_SANDBOX) + "/sandbox/faults";
            put(erp, "{\"lostReplyRate\":1.0,\"timeoutMs\":15000}");
            try {
                assertThat(post(stack.webhookUrl(), Signing.sign(seed.replace(SEED_NO, IN_DOUBT_NO), secret))
                        .statusCode()).isEqualTo(200);
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(
                        () -> scrape(Component.ERP_SYNC).contains("erp_sync_in_doubt_total"));
            } finally {
                put(erp, "{\"lostReplyRate\":0.0}");
            }
        }

        Set<String> rules = OpsFiles.metricNames(OpsFiles.ruleExpressions(ROOT));
        Set<String> dashboard = OpsFiles.metricNames(OpsFiles.dashboardExpressions(ROOT));
        // the console's gauges read Kafka and the actuators every few seconds: wait until every name is there
        Map<Component, Set<String>> exposed = new LinkedHashMap<>();
        Set<String> missing = new TreeSet<>();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            exposed.clear();
            for (Component service : SCRAPED) {
                exposed.put(service, OpsFiles.sampleNames(scrape(service)));
            }
            missing.clear();
            for (String name : union(rules, dashboard)) {
                if (exposed.values().stream().noneMatch(names -> names.contains(name))) {
                    missing.add(name);
                }
            }
            return missing.isEmpty();
        });
        System.out.printf("[ops files] %d metric names in alerts.yml, %d in the dashboard, all found on %s%n",
                rules.size(), dashboard.size(), SCRAPED);
        assertThat(missing).as("metrics named by the rules or the dashboard that no service exposes").isEmpty();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String scrape(Component service) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(stack.url(service) + "/actuator/prometheus")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(service + " /actuator/prometheus").isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void put(String url, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PUT " + url + " " + response.body()).isEqualTo(200);
    }
}
