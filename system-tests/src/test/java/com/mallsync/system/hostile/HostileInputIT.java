package com.mallsync.system.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mallsync.model.Topics;
import com.mallsync.stack.StackOptions;
import com.mallsync.system.check.TopicReader;
import com.mallsync.system.orders.SignedOrders;
import com.mallsync.system.sut.LocalStackSystem;
import com.mallsync.system.sut.SystemUnderTest.Part;

/**
 * The hostile-input suite against the real ingest service, started from its jar as its own process on a standalone
 * broker: over a thousand bad requests and slow-loris connections, then no 5xx, nothing published, still healthy,
 * no full mobile in its log.
 */
class HostileInputIT {

    private static LocalStackSystem system;

    @BeforeAll
    static void startIngestAndBroker() throws Exception {
        Path data = Files.createDirectories(Path.of("target", "it-stack", "hostile"));
        system = LocalStackSystem.start(LocalStackSystem.repoRoot(), data, EnumSet.of(Part.INGEST),
                StackOptions.DEFAULT_JVM_OPTIONS, Map.of());
        System.out.println(system.table());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyHostileRequestIsRefusedWithA4xxNothingIsPublishedAndNoFullMobileIsLogged() throws Exception {
        SignedOrders orders = new SignedOrders(SignedOrders.runIdFrom(Clock.systemUTC()), Clock.systemUTC());
        HostileSuite suite = new HostileSuite(system.webhookUrl(), system.url(Part.INGEST) + "/actuator/health",
                system.bootstrapServers(), system.logFile(Part.INGEST), Duration.ofSeconds(20));

        HostileReport report = suite.run(orders, 20261123L);
        System.out.println(report.text());

        assertThat(report.total()).isGreaterThanOrEqualTo(1_000);
        assertThat(report.withStatus(500, 599)).isZero();
        assertThat(report.violations()).isEmpty();
        assertThat(Files.size(system.logFile(Part.INGEST))).isPositive();

        // the same checks can see an order: a valid push right after is accepted and lands on the topic
        HttpResponse<String> valid = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(system.webhookUrl())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(orders.body(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(valid.statusCode()).as(valid.body()).isEqualTo(200);
        List<String> keys = new TopicReader(system.bootstrapServers()).readAll(Topics.ORDERS_PAID).stream()
                .map(r -> r.key()).toList();
        assertThat(keys).containsExactly(Topics.orderKey(SignedOrders.MALL_ID, orders.orderNo(1)));
    }
}
