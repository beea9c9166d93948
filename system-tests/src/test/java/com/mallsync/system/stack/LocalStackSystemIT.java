package com.mallsync.system.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mallsync.model.Topics;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.stack.Component;
import com.mallsync.stack.LocalStack;
import com.mallsync.stack.StackLayout;
import com.mallsync.stack.StackOptions;
import com.mallsync.stack.StackPorts;
import com.mallsync.stack.load.LoadRun;
import com.mallsync.stack.load.OutcomeCollector;
import com.mallsync.stack.load.SeedCommand;
import tools.jackson.databind.JsonNode;

/**
 * The whole system as separate processes started from the build output by the local stack (a Kafka broker
 * process, both sandboxes, the three services, the console), exactly as {@code ./run-local} runs it:
 * the walking skeleton (issue 2), 200 orders from the load tool each synced once per target and shown by the
 * console in a real headless browser (its plots and order search too), and a DLT replay after a repaired ERP fault (issue 7).
 *
 * <p>One stack for the class (starting it is most of the time); each test uses its own orders and does not depend
 * on another having run.
 */
class LocalStackSystemIT {

    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final String SEED_KEY = Topics.orderKey(222, "20250320165809904355");

    @TempDir
    static Path data;
    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        StackLayout layout = StackLayout.locate(Path.of("")).withDataDir(data.resolve("stack"));
        long started = System.nanoTime();
        stack = LocalStack.start(StackOptions.builder(layout).ports(StackPorts.random()).build());
        System.out.printf("[system] stack healthy after %d s%n%s", (System.nanoTime() - started) / 1_000_000_000,
                stack.table());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * Issue 2, item 4: one signed webhook in (the seed's sample), exactly two SYNCED outcomes out. The sample's
     * times are moved to now (every other byte as in the seed): it was placed on 2025-03-20, and 2030 refuses a sale
     * time older than a year ("saleTime必须在一年以内").
     */
    @Test
    void theSeedSamplePostedSignedComesOutAsExactlyTwoSyncedOutcomes() {
        try (OutcomeCollector outcomes = OutcomeCollector.fromBeginning(stack.bootstrapServers())) {
            HttpResponse<String> response = StackHttp.send("POST", stack.webhookUrl(),
                    SeedCommand.signedSeedPaidAt(Instant.now()));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

            await().atMost(PATIENCE).until(() -> outcomes.outcomes(SEED_KEY).size() >= 2);
            // and nothing more arrives for it
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
                    .until(() -> outcomes.outcomes(SEED_KEY).size() == 2);
            List<SyncOutcome> two = outcomes.outcomes(SEED_KEY);
            assertThat(two).extracting(SyncOutcome::target)
                    .containsExactlyInAnyOrder(SyncTarget.CRM_2030, SyncTarget.ERP);
            assertThat(two).allSatisfy(o -> {
                assertThat(o.status()).as(o.toString()).isEqualTo(SyncStatus.SYNCED);
                assertThat(o.externalRef()).isNotBlank();
            });
        }
    }

    /** Issue 7: 200 orders from the load tool, one SYNCED per target each; the console page shows it. */
    @Test
    void twoHundredLoadToolOrdersAreSyncedOncePerTargetAndTheConsolePageShowsCountsAndLag() throws Exception {
        LoadRun.Result result = LoadRun.run(new LoadRun.Spec(stack.webhookUrl(), stack.bootstrapServers(), 200, 40,
                7, PATIENCE, 16), null);
        System.out.print("[system] load tool, 200 orders at 40/s:\n" + result.report());
        assertThat(result.allSyncedOnce()).as(result.report()).isTrue();

        String console = stack.url(Component.OPS_CONSOLE);
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode summary = StackHttp.get(console + "/api/summary");
            for (SyncTarget target : SyncTarget.values()) {
                assertThat(summary.get("outcomes").get("1h").get(target.name()).get("SYNCED").asLong())
                        .isGreaterThanOrEqualTo(200);
            }
            for (JsonNode group : summary.get("lag")) {
                assertThat(group.get("lag").asLong()).as(group.toString()).isZero();
                assertThat(group.get("diagnosis").get("state").asString()).isEqualTo("OK");
            }
        });
        JsonNode counts = StackHttp.get(console + "/api/outcomes?window=PT1H");
        try (ConsoleBrowser browser = new ConsoleBrowser(console, Files.createDirectories(data.resolve("chromium")))) {
            browser.open("/");
            for (SyncTarget target : SyncTarget.values()) {
                long expected = counts.get("PT1H").get(target.name()).get("SYNCED").asLong();
                // the page refreshes every 2 s; an outcome of another test may land meanwhile, never fewer
                browser.awaitTrue("return Number(document.getElementById('count-1h-" + target + "-SYNCED')"
                        + ".textContent) >= " + expected, PATIENCE);
            }
            for (String group : List.of(Topics.MEMBER_SYNC_GROUP, Topics.ERP_SYNC_GROUP)) {
                assertThat(browser.text("#lag-" + group, PATIENCE)).isEqualTo("0");
                assertThat(browser.text("#lag-state-" + group, PATIENCE)).isEqualTo("OK");
            }
        }
    }

    /**
     * Issue 15: the console's three plots are drawn with data (read from each plot's own data in the page, not
     * from the DOM), and an order found by its number shows its story: the push and ingest's answer, the event on
     * orders.paid.v1, both outcomes. The ERP answers slowly meanwhile, so the lag plot has lag to show.
     */
    @Test
    void theConsoleDrawsItsThreePlotsWithDataAndAnOrderFoundByItsNumberShowsItsStory() throws Exception {
        String erp = stack.url(Component.ERP_SANDBOX);
        LoadRun.Result result;
        StackHttp.json("PUT", erp + "/sandbox/faults", "{\"latencyMs\":1000}");
        try {
            result = LoadRun.run(new LoadRun.Spec(stack.webhookUrl(), stack.bootstrapServers(), 60, 30, 15, PATIENCE,
                    16), null);
        } finally {
            StackHttp.json("PUT", erp + "/sandbox/faults", "{\"latencyMs\":0}");
        }
        assertThat(result.allSyncedOnce()).as(result.report()).isTrue();
        String key = result.accepted().get(0);
        String orderNo = key.substring(key.indexOf(':') + 1);

        try (ConsoleBrowser browser = new ConsoleBrowser(stack.url(Component.OPS_CONSOLE),
                Files.createDirectories(data.resolve("chromium-plots")))) {
            browser.open("/");
            // series 1 of an outcome plot is SYNCED per minute; the latency plot's series are p50/p99 per target
            for (SyncTarget target : SyncTarget.values()) {
                browser.awaitTrue("return window.opsCharts['outcomes-" + target + "'].data[1]"
                        + ".reduce((a, b) => a + (b || 0), 0) >= 60", PATIENCE);
            }
            browser.awaitTrue("return window.opsCharts['latency'].data.slice(1)"
                    + ".every(s => s.some(v => v !== null && v > 0))", PATIENCE);
            browser.awaitTrue("const d = window.opsCharts['lag'].data; return d[0].length >= 2"
                    + " && d.slice(1).some(s => s.some(v => v !== null && v > 0))", PATIENCE);
            // drawn: each plot's canvas exists and its draw hook saw the points
            assertThat(browser.findAll(".chart canvas")).hasSize(4);
            for (String chart : List.of("outcomes-CRM_2030", "outcomes-ERP", "latency", "lag")) {
                String points = browser.find("#chart-" + chart).getDomAttribute("data-points");
                assertThat(points).as(chart).isNotNull().matches(".*:[1-9].*");
            }
            Object sample = browser.script("return JSON.stringify(Object.fromEntries(Object.entries(window.opsCharts)"
                    + ".map(([n, u]) => [n, u.series.slice(1).map((s, i) => s.label + ' max ' "
                    + "+ Math.max(0, ...u.data[i + 1].filter(v => v !== null)))])))");
            System.out.println("[system] console plots: " + sample);

            browser.find("#order-no").sendKeys(orderNo);
            browser.find("#find").click();
            browser.awaitTrue("return document.querySelectorAll('#story li.step[data-kind=outcome]').length >= 2",
                    PATIENCE);
            @SuppressWarnings("unchecked")
            List<String> steps = (List<String>) browser.script("return [...document.querySelectorAll('#story li.step')]"
                    + ".map(li => [li.dataset.kind, li.dataset.target, li.dataset.status].filter(Boolean).join(' '))");
            System.out.println("[system] story of " + key + ": " + steps);
            assertThat(steps).contains("received 200", "published", "outcome CRM_2030 SYNCED", "outcome ERP SYNCED");
            assertThat(browser.text("#story .order-head h3", PATIENCE)).contains(orderNo);
            assertThat(browser.text("#story li.kind-received .what", PATIENCE)).contains("HTTP 200", "accepted");
        }
    }

    /**
     * Issue 7: an order the ERP refuses lands on the DLT; after the fix, replaying it from the console delivers it;
     * replaying it again creates nothing twice.
     */
    @Test
    void aDeadLetteredOrderIsDeliveredByAReplayAfterTheFixAndASecondReplayCreatesNothingTwice() {
        String erp = stack.url(Component.ERP_SANDBOX);
        String console = stack.url(Component.OPS_CONSOLE);
        StackHttp.json("PUT", erp + "/sandbox/faults", "{\"failRate\":1.0,\"failCode\":\"1000\"}");
        LoadRun.Result refused;
        try {
            refused = LoadRun.run(new LoadRun.Spec(stack.webhookUrl(), stack.bootstrapServers(), 1, 1, 99, PATIENCE, 1),
                    null);
        } finally {
            StackHttp.json("PUT", erp + "/sandbox/faults", "{\"failRate\":0.0,\"errorRate\":0.0,\"down\":false}");
        }
        assertThat(refused.accepted()).hasSize(1);
        String key = refused.accepted().get(0);
        SyncOutcome erpOutcome = refused.outcomes().get(key).stream().filter(o -> o.target() == SyncTarget.ERP)
                .findFirst().orElseThrow(() -> new AssertionError(refused.report()));
        assertThat(erpOutcome.status()).isIn(SyncStatus.REJECTED, SyncStatus.FAILED);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(StackHttp.get(console + "/api/dlt?limit=1000")
                .get("records").get(Topics.ERP_SYNC_DLT).toString()).contains(key));

        try (OutcomeCollector outcomes = OutcomeCollector.fromNow(stack.bootstrapServers())) {
            JsonNode first = StackHttp.json("POST", console + "/api/dlt/replay",
                    "{\"topics\":[\"" + Topics.ERP_SYNC_DLT + "\"],\"records\":[\"" + key + "\"]}");
            assertThat(first.get("replayed").asInt()).isEqualTo(1);
            await().atMost(PATIENCE).until(() -> outcomes.outcomes(key).stream()
                    .anyMatch(o -> o.target() == SyncTarget.ERP && o.status() == SyncStatus.SYNCED));

            JsonNode second = StackHttp.json("POST", console + "/api/dlt/replay",
                    "{\"topics\":[\"" + Topics.ERP_SYNC_DLT + "\"],\"records\":[\"" + key + "\"]}");
            assertThat(second.get("replayed").asInt()).isEqualTo(1);
            // the second replay has been consumed by both groups once their lag is back to zero
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode lag = StackHttp.get(console + "/api/lag");
                assertThat(Instant.parse(lag.get("at").asString())).isAfter(Instant.now().minusSeconds(10));
                for (JsonNode group : lag.get("groups")) {
                    assertThat(group.get("lag").asLong()).isZero();
                }
            });
            assertThat(outcomes.outcomes(key)).filteredOn(o -> o.target() == SyncTarget.ERP)
                    .filteredOn(o -> o.status() == SyncStatus.SYNCED).hasSize(1);
        }
        JsonNode stats = StackHttp.get(erp + "/sandbox/stats");
        assertThat(stats.get("doubleCreations").asLong()).as(stats.toString()).isZero();
        String orderNo = key.substring(key.indexOf(':') + 1);
        assertThat(count(StackHttp.get(erp + "/sandbox/orders").toString(), orderNo)).isGreaterThanOrEqualTo(1);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

}
