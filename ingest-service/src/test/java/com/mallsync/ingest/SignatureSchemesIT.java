package com.mallsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import com.mallsync.ingest.WebhookClient.Reply;
import com.mallsync.model.Topics;
import com.mallsync.model.mall.HmacSha256Signature;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.Seeds;
import com.mallsync.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 14's signature rules over real HTTP: mall 222 signs {@code sorted-md5}, mall 333 {@code hmac-sha256}
 * (per-mall scheme); replays outside the window are refused, inside it they are duplicates; an unknown mall, a bad
 * signature and a stale timestamp get the same 401, byte for byte, in about the same time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest.malls.222.secret=" + Pushes.SECRET,
        "ingest.malls.333.secret=" + SignatureSchemesIT.HMAC_SECRET,
        "ingest.malls.333.scheme=hmac-sha256",
        "ingest.signature.tolerance=5m"})
class SignatureSchemesIT {

    static final String HMAC_SECRET = "hmac-secret-333";
    static final KafkaTestBroker BROKER = KafkaTestBroker.start();

    static {
        BROKER.createTopics(3, Topics.ORDERS_PAID);
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        BROKER.close();
    }

    @LocalServerPort
    int port;
    WebhookClient client;
    TopicProbe probe;

    @BeforeEach
    void setUp() {
        client = new WebhookClient(port);
        probe = new TopicProbe(BROKER.bootstrapServers(), Topics.ORDERS_PAID);
    }

    @AfterEach
    void tearDown() {
        probe.close();
    }

    private static byte[] mall333(String orderNo) {
        return Pushes.replaceOnce(Pushes.withOrderNo(Seeds.mallOrderPush(), orderNo), "\"mall_id\": 222",
                "\"mall_id\": 333").getBytes(StandardCharsets.UTF_8);
    }

    private Reply postHmac(byte[] body, long timestamp, String secret) {
        return client.post(body, HmacSha256Signature.TIMESTAMP_HEADER, Long.toString(timestamp),
                HmacSha256Signature.SIGNATURE_HEADER, HmacSha256Signature.sign(timestamp, body, secret));
    }

    @Test
    void anHmacPushSignedNowIsAcceptedAndItsReplayInsideTheWindowIsADuplicate() {
        byte[] body = mall333("HMAC-1");
        long now = Instant.now().getEpochSecond();
        String signature = HmacSha256Signature.sign(now, body, HMAC_SECRET);

        Reply first = client.post(body, HmacSha256Signature.TIMESTAMP_HEADER, Long.toString(now),
                HmacSha256Signature.SIGNATURE_HEADER, signature);
        Reply replay = client.post(body, HmacSha256Signature.TIMESTAMP_HEADER, Long.toString(now),
                HmacSha256Signature.SIGNATURE_HEADER, signature);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.msg()).isEqualTo("accepted");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.msg()).startsWith("duplicate");
        assertThat(probe.settle(Duration.ofSeconds(1))).filteredOn(r -> r.key().equals("333:HMAC-1")).hasSize(1);
    }

    @Test
    void aCapturedHmacPushReplayedOutsideTheWindowOrWithAnotherTimestampIsRefused() {
        long now = Instant.now().getEpochSecond();
        byte[] stale = mall333("HMAC-STALE");
        byte[] future = mall333("HMAC-FUTURE");
        byte[] moved = mall333("HMAC-MOVED");
        String capturedLongAgo = HmacSha256Signature.sign(now - 600, moved, HMAC_SECRET);

        assertThat(postHmac(stale, now - 400, HMAC_SECRET).status()).isEqualTo(401);
        assertThat(postHmac(future, now + 400, HMAC_SECRET).status()).isEqualTo(401);
        // the replayer puts a fresh timestamp on a capture from ten minutes ago: the signature no longer fits
        assertThat(client.post(moved, HmacSha256Signature.TIMESTAMP_HEADER, Long.toString(now),
                HmacSha256Signature.SIGNATURE_HEADER, capturedLongAgo).status()).isEqualTo(401);
        assertThat(postHmac(mall333("HMAC-WRONG"), now, "not-the-secret").status()).isEqualTo(401);
        assertThat(client.post(mall333("HMAC-NONE")).status()).as("no headers").isEqualTo(401);
        // mall 333 signs hmac-sha256: a sorted-md5 app_sign made with its secret is not accepted instead
        assertThat(client.post(Pushes.sign(new String(mall333("HMAC-MD5"), StandardCharsets.UTF_8), HMAC_SECRET))
                .status()).isEqualTo(401);
        assertThat(probe.settle(Duration.ofSeconds(1))).noneMatch(r -> r.key().startsWith("333:"));
    }

    @Test
    void anUnknownMallABadSignatureAndAStaleTimestampGetTheSameReplyInAboutTheSameTime() {
        Supplier<Reply> unknownMall = () -> client.post(Pushes.sign(Pushes.replaceOnce(
                Pushes.withOrderNo(Seeds.mallOrderPush(), "WHO-1"), "\"mall_id\": 222", "\"mall_id\": 999"),
                Pushes.SECRET));
        Supplier<Reply> badSignature = () -> client.post(Pushes.signedSeedWithOrderNo("WHO-2", "wrong-secret"));
        Supplier<Reply> stale = () -> postHmac(mall333("WHO-3"), Instant.now().getEpochSecond() - 3_600,
                HMAC_SECRET);

        Reply a = unknownMall.get();
        Reply b = badSignature.get();
        Reply c = stale.get();
        assertThat(List.of(a, b, c)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).isEqualTo(a.body());
        });
        assertThat(a.body()).doesNotContain("999").doesNotContain("222").doesNotContain("333");

        byte[] unknownBody = Pushes.sign(Pushes.replaceOnce(Pushes.withOrderNo(Seeds.mallOrderPush(), "WHO-4"),
                "\"mall_id\": 222", "\"mall_id\": 999"), Pushes.SECRET).getBytes(StandardCharsets.UTF_8);
        byte[] badBody = Pushes.signedSeedWithOrderNo("WHO-5", "wrong-secret").getBytes(StandardCharsets.UTF_8);
        List<Double> unknownTimes = new ArrayList<>();
        List<Double> badTimes = new ArrayList<>();
        for (int i = 0; i < 250; i++) { // interleaved, so the machine's load weighs on both alike
            double tu = timeMs(() -> client.post(unknownBody));
            double tb = timeMs(() -> client.post(badBody));
            if (i >= 50) { // the first 50 warm both paths up
                unknownTimes.add(tu);
                badTimes.add(tb);
            }
        }
        double unknownMs = median(unknownTimes);
        double badMs = median(badTimes);
        System.out.printf("SignatureSchemesIT median 401 time over 200 each: unknown mall %.2f ms, bad signature "
                + "%.2f ms%n", unknownMs, badMs);
        // loose on purpose (a shared 2-CPU machine): the point is no cheap early exit for unknown malls
        assertThat(Math.abs(unknownMs - badMs)).isLessThan(Math.max(3.0, 0.5 * Math.max(unknownMs, badMs)));
        List<ConsumerRecord<String, String>> records = probe.settle(Duration.ofSeconds(1));
        assertThat(records).noneMatch(r -> r.key().contains("WHO-"));
    }

    private static double timeMs(Runnable request) {
        long start = System.nanoTime();
        request.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
