package com.mallsync.ingest.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;

import com.mallsync.ingest.Pushes;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The documented 503 of {@code contracts/openapi.yaml}: ingest with no broker at its address answers it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest.malls.222.secret=" + Pushes.SECRET,
        "ingest.publish.timeout=1s"})
class WebhookOutageOpenApiIT {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "localhost:" + freePort());
    }

    @LocalServerPort
    int port;

    @Test
    void aPushTheBrokerCannotAcknowledgeIsTheDocumented503() {
        HttpResponse<String> reply = new OpenApiReplies(port)
                .post(Pushes.signedSeedWithOrderNo("OAS-OUTAGE-1", Pushes.SECRET));

        assertThat(reply.statusCode()).isEqualTo(503);
        assertThat(OpenApiReplies.is("Unavailable", reply.body())).isTrue();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
