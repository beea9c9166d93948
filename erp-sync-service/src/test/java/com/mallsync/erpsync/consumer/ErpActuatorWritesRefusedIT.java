package com.mallsync.erpsync.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import com.mallsync.model.Topics;
import com.mallsync.sandbox.erp.ErpSandbox;
import com.mallsync.testsupport.ActuatorWrites;
import com.mallsync.testsupport.KafkaTestBroker;

/**
 * Issue 14: the real service's actuator, over HTTP, refuses every write ({@code POST
 * /actuator/circuitbreakers/erp {"updateState":"FORCE_OPEN"}} would pause consumption for good; loggers, shutdown,
 * env), and the breaker stays as it was; the reads the console uses still answer.
 */
class ErpActuatorWritesRefusedIT {

    private static KafkaTestBroker broker;
    private static ErpSandbox sandbox;
    private static ConfigurableApplicationContext service;

    @BeforeAll
    static void start() {
        broker = KafkaTestBroker.start();
        ItSupport.createTopics(broker, 3, Topics.ORDERS_PAID, Topics.ERP_SYNC_DLT);
        sandbox = ErpSandbox.start(0);
        service = ItSupport.service(broker, sandbox, Map.of());
    }

    @AfterAll
    static void stop() {
        service.close();
        sandbox.close();
        broker.close();
    }

    @Test
    void everyActuatorWriteIsRefusedAndTheBreakerStaysClosed() {
        String base = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
        Map<String, Integer> statuses = ActuatorWrites.attempt(base, "erp");
        long gotIn = statuses.values().stream().filter(s -> s / 100 == 2).count();
        System.out.printf("[security] erp-sync actuator: %d write attempts, %d got in %s%n", statuses.size(), gotIn,
                statuses);
        assertThat(statuses).allSatisfy((attempt, status) -> assertThat(status).as(attempt).isIn(400, 403, 404, 405));
        assertThat(service.getBean(CircuitBreakerRegistry.class).circuitBreaker("erp").getState())
                .isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(ActuatorWrites.get(base, "/actuator/circuitbreakers")).isEqualTo(200);
        assertThat(ActuatorWrites.get(base, "/actuator/health")).isEqualTo(200);
    }

    /** The control: the same attempt gets in once the read-only cap is lifted, so the refusal above is the cap's. */
    @Test
    void withoutTheReadOnlyCapTheSameAttemptWouldForceTheBreakerOpen() {
        ConfigurableApplicationContext open = ItSupport.service(broker, sandbox, Map.of(
                "management.endpoints.access.max-permitted", "unrestricted",
                "management.endpoint.circuitbreakers.access", "unrestricted",
                "erp-sync.consumer.group-id", "erp-sync-actuator-control"));
        try {
            String base = "http://127.0.0.1:" + open.getEnvironment().getProperty("local.server.port");
            assertThat(ActuatorWrites.attempt(base, "erp")).containsEntry("POST circuitbreakers/erp FORCE_OPEN", 200);
        } finally {
            open.close();
        }
    }
}
