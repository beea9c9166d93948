package com.mallsync.erpsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mallsync.erpsync.client.ErpClient;
import com.mallsync.erpsync.client.ErpReply;
import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.sandbox.erp.ErpSandbox;
import com.mallsync.sandbox.erp.Faults;

/**
 * The mapping's output sent over real HTTP, as JSON and as a form, to the sandbox, whose checks (every node of the
 * seed's tables, lines and payments adding up to the master) must accept it.
 */
class MappingAgainstSandboxTest {

    private static ErpSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = ErpSandbox.start(0);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theSeedEquivalentOrderIsAcceptedAsJsonAndAsAForm() throws Exception {
        sandbox.reset();
        ErpTrade trade = ErpTradeMapping.map(ErpTradeMappingTest.seedEquivalentOrder(), TestSettings.DEFAULTS);

        ErpReply json = client(ErpSyncProperties.BodyFormat.JSON).send(trade);
        ErpReply form = client(ErpSyncProperties.BodyFormat.FORM).send(trade);

        assertThat(json).isInstanceOf(ErpReply.Accepted.class);
        assertThat(form).isInstanceOf(ErpReply.Accepted.class);
        assertThat(sandbox.orders()).extracting(o -> o.master().get("BuyerName")).containsOnly("未设置昵称");
    }

    @Test
    void randomOrdersAreAllAcceptedByTheSandboxsSumChecks() throws Exception {
        sandbox.reset();
        ErpClient client = client(ErpSyncProperties.BodyFormat.JSON);
        Random random = new Random(7);
        for (int n = 0; n < 300; n++) {
            ErpReply reply = client.send(ErpTradeMapping.map(TradeAmountsPropertyTest.randomOrder(random, n),
                    TestSettings.DEFAULTS));
            assertThat(reply).as("order %d", n).isInstanceOf(ErpReply.Accepted.class);
        }
        assertThat(sandbox.stats().rejected()).isZero();
    }

    @Test
    void randomOrdersLineReturnsAndCancellationsAreAcceptedAndNothingBeyondTheSale() throws Exception {
        sandbox.reset();
        ErpClient client = client(ErpSyncProperties.BodyFormat.JSON);
        Random random = new Random(13);
        OffsetDateTime later = OffsetDateTime.now().withNano(0);
        int returns = 0;
        for (int n = 0; n < 150; n++) {
            OrderPaid order = TradeAmountsPropertyTest.randomOrder(random, n);
            assertThat(client.send(ErpTradeMapping.map(order, TestSettings.DEFAULTS)))
                    .isInstanceOf(ErpReply.Accepted.class);
            Set<Long> returned = new HashSet<>();
            for (OrderLine line : order.lines()) {
                if (random.nextInt(3) == 0) {
                    assertThat(client.send(ErpReturnMapping.lineReturn(order, TestSettings.DEFAULTS, line.lineId(),
                            later))).as("order %d line %d", n, line.lineId()).isInstanceOf(ErpReply.Accepted.class);
                    returned.add(line.lineId());
                    returns++;
                }
            }
            if (returned.size() < order.lines().size()) {
                assertThat(client.send(ErpReturnMapping.cancelReturn(order, TestSettings.DEFAULTS, returned, later)))
                        .as("order %d cancelled", n).isInstanceOf(ErpReply.Accepted.class);
                returns++;
                // The same cancellation once more returns more than the sale: the sandbox refuses it.
                assertThat(client.send(ErpReturnMapping.cancelReturn(order, TestSettings.DEFAULTS, returned, later)))
                        .isInstanceOf(ErpReply.Refused.class);
            }
        }
        assertThat(sandbox.stats().sales()).isEqualTo(150);
        assertThat(sandbox.stats().returns()).isEqualTo(returns);
        assertThat(sandbox.stats().doubleCreations()).isZero();
    }

    @Test
    void aCallWhoseReplyIsLostIsInDoubtARefusedConnectionIsNot() throws Exception {
        sandbox.reset();
        sandbox.setFaults(Faults.NONE.withLostReplies(1.0, 3_000));
        ErpTrade trade = ErpTradeMapping.map(ErpTradeMappingTest.seedEquivalentOrder(), TestSettings.DEFAULTS);
        ErpClient impatient = new ErpClient(new ErpSyncProperties.Erp(sandbox.baseUrl(),
                ErpSandbox.DEFAULT_PLATFORM_ID, ErpSandbox.DEFAULT_USER_ACCESS_TOKEN, null, null,
                Duration.ofMillis(500), List.of(), List.of(), null));

        ErpReply lost = impatient.send(trade);

        assertThat(lost).isInstanceOfSatisfying(ErpReply.Unavailable.class,
                u -> assertThat(u.maybeDelivered()).isTrue());
        // The client gives up at its deadline, which may come before the loaded sandbox got to create it.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(sandbox.stats().creations()).as("the ERP did create it").isEqualTo(1));
        sandbox.reset();

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ErpReply refused = new ErpClient(new ErpSyncProperties.Erp("http://localhost:" + closedPort, null, null,
                null, null, Duration.ofMillis(500), List.of(), List.of(), null)).send(trade);
        assertThat(refused).isInstanceOfSatisfying(ErpReply.Unavailable.class,
                u -> assertThat(u.maybeDelivered()).isFalse());
    }

    private static ErpClient client(ErpSyncProperties.BodyFormat format) {
        return new ErpClient(new ErpSyncProperties.Erp(sandbox.baseUrl(), ErpSandbox.DEFAULT_PLATFORM_ID,
                ErpSandbox.DEFAULT_USER_ACCESS_TOKEN, format, null, null, List.of(), List.of(), null));
    }
}
