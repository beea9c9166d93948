package com.mallsync.membersync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mallsync.testsupport.ActuatorWrites;

/**
 * Issue 14: the real service's actuator, over HTTP, refuses every write (breaker state, loggers, shutdown, env),
 * and the breaker stays as it was; the reads the console uses still answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MemberSyncActuatorWritesRefusedIT {

    static final ItStack STACK = ItStack.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        STACK.register(registry, Duration.ofSeconds(1));
    }

    @AfterAll
    static void close() {
        STACK.closeAfterTheService();
    }

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void everyActuatorWriteIsRefusedAndTheBreakerStaysClosed() {
        String base = "http://127.0.0.1:" + port;
        Map<String, Integer> statuses = ActuatorWrites.attempt(base, "crm");
        long gotIn = statuses.values().stream().filter(s -> s / 100 == 2).count();
        System.out.printf("[security] member-sync actuator: %d write attempts, %d got in %s%n", statuses.size(), gotIn,
                statuses);
        assertThat(statuses).allSatisfy((attempt, status) -> assertThat(status).as(attempt).isIn(400, 403, 404, 405));
        assertThat(breakers.circuitBreaker("crm").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(ActuatorWrites.get(base, "/actuator/circuitbreakers")).isEqualTo(200);
        assertThat(ActuatorWrites.get(base, "/actuator/health")).isEqualTo(200);
    }
}
