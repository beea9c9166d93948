package com.mallsync.system.hostile;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Issue 14, ingest side, against the real ingest jar with its shipped configuration on a standalone broker (plus
 * mall {@value SignatureAttacks#HMAC_MALL} signing {@code hmac-sha256}).
 *
 * <p>Signature ambiguity and replay attempts ({@link SignatureAttacks}): all 401, the same 401, nothing published.
 *
 * <p>300 slow-loris connections open at once (trickling a byte a second, half in the headers, half in the
 * body, reconnecting when cut) while valid signed pushes keep coming; every valid push is accepted within 1 s, and
 * no slow body is ever accepted.
 */
class IngestAttacksIT {

    static final int CONNECTIONS = 300;
    private static LocalStackSystem system;

    @BeforeAll
    static void startIngestAndBroker() throws Exception {
        Path data = Files.createDirectories(Path.of("target", "it-stack", "ingest-attacks"));
        system = LocalStackSystem.start(LocalStackSystem.repoRoot(), data, EnumSet.of(Part.INGEST),
                StackOptions.DEFAULT_JVM_OPTIONS, Map.of(Part.INGEST, SignatureAttacks.ingestArgs()));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void signatureAmbiguityAndReplayAttemptsAreAllRefusedAlikeAndPublishNothing() {
        SignedOrders orders = new SignedOrders(SignedOrders.runIdFrom(Clock.systemUTC()), Clock.systemUTC());
        HostileReport report = new HostileReport();

        new SignatureAttacks(system.webhookUrl(), system.bootstrapServers(), Clock.systemUTC())
                .run(orders, 500_000_000, report);
        System.out.println("IngestAttacksIT signature attacks\n" + report.text());

        assertThat(report.violations()).isEmpty();
        assertThat(report.withStatus(401, 401)).isGreaterThanOrEqualTo(14);
        assertThat(report.withStatus(500, 599)).isZero();
    }

    @Test
    void threeHundredSlowClientsDoNotDelayValidPushesPastOneSecond() throws Exception {
        SignedOrders orders = new SignedOrders(SignedOrders.runIdFrom(Clock.systemUTC()), Clock.systemUTC());
        SlowClientLoad load = new SlowClientLoad(system.webhookUrl(), Duration.ofSeconds(1));

        SlowClientLoad.Result result = load.run(CONNECTIONS, Duration.ofSeconds(25), Duration.ofMillis(100),
                orders::body, orders.body(999_999_999));
        System.out.println("IngestAttacksIT " + result.text());

        assertThat(result.openAtOnce()).isGreaterThanOrEqualTo(CONNECTIONS);
        assertThat(result.openWhenPushed()).as("slow connections open while pushing")
                .isGreaterThanOrEqualTo(CONNECTIONS * 8 / 10);
        assertThat(result.latenciesMs()).hasSizeGreaterThan(50);
        assertThat(result.validStatuses()).containsOnlyKeys("200");
        assertThat(result.percentile(100)).as("slowest valid push, ms").isLessThan(1_000);
        assertThat(result.endings().keySet()).allSatisfy(e -> assertThat(e).doesNotContain(" 2").doesNotContain(" 5"));
        // the body drippers are cut by the body deadline (408), never accepted
        assertThat(result.endings()).containsKey("DRIP_BODY 408");

        List<String> keys = new TopicReader(system.bootstrapServers()).readAll(Topics.ORDERS_PAID).stream()
                .map(r -> r.key()).filter(k -> k.startsWith(SignedOrders.MALL_ID + ":")).toList();
        assertThat(keys).hasSize(result.latenciesMs().size())
                .doesNotContain(Topics.orderKey(SignedOrders.MALL_ID, orders.orderNo(999_999_999)));
    }
}
