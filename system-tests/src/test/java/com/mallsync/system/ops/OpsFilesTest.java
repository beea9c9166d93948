package com.mallsync.system.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The PromQL name extraction, and the operating files' shape (the live check is OpsFilesMetricsIT). */
class OpsFilesTest {

    private static final Path ROOT = OpsFiles.root();

    @Test
    void metricNamesAreTheIdentifiersThatAreNeitherFunctionsNorKeywordsNorLabels() {
        assertThat(OpsFiles.metricNames("max by (target) (ops_overdue_orders) > 0")).containsExactly("ops_overdue_orders");
        assertThat(OpsFiles.metricNames("histogram_quantile(0.99, sum by (le, result) (rate(erp_sync_calls_seconds_bucket[5m])))"))
                .containsExactly("erp_sync_calls_seconds_bucket");
        assertThat(OpsFiles.metricNames("(delta(ops_consumer_lag[15m]) > 0 and ops_consumer_lag > 0)\n"
                + " and on (group) (ops_lag_state{state=\"PAUSED_BY_BREAKER\"} == 0)"))
                .containsExactly("ops_consumer_lag", "ops_lag_state");
        assertThat(OpsFiles.metricNames("sum(rate(a_sum[5m])) / sum(rate(a_count[5m])) > 1e3"))
                .containsExactly("a_sum", "a_count");
        assertThat(OpsFiles.metricNames("x{le=~\"0.5|1\", name!='by(x)'} offset 5m")).containsExactly("x");
    }

    @Test
    void sampleNamesOfAnExposition() {
        String text = "# HELP x_total X\n# TYPE x_total counter\nx_total{a=\"b\"} 1.0\nup 1\n";
        assertThat(OpsFiles.sampleNames(text)).containsExactly("up", "x_total");
    }

    @Test
    void theRulesAndTheDashboardNameTheReadmesAlertsAndCoverEachService() throws IOException {
        List<String> rules = OpsFiles.ruleExpressions(ROOT);
        assertThat(OpsFiles.metricNames(rules)).contains("ops_overdue_orders", "ops_consumer_lag", "ops_lag_state",
                "resilience4j_circuitbreaker_state", "member_sync_outcomes_total", "erp_sync_outcomes_total",
                "ops_dlt_records", "ingest_orders_rejected_total", "ingest_orders_unavailable_total",
                "erp_sync_in_doubt_total", "ops_service_up", "ops_breaker_open");
        assertThat(OpsFiles.metricNames(OpsFiles.dashboardExpressions(ROOT)))
                .anyMatch(n -> n.startsWith("ingest_")).anyMatch(n -> n.startsWith("member_sync_"))
                .anyMatch(n -> n.startsWith("erp_sync_")).anyMatch(n -> n.startsWith("ops_"));
    }
}
