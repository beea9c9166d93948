package com.mallsync.sandbox.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The "stall mid-body" and "huge body" faults over real HTTP, switched through the admin API. */
class ErpBadRepliesTest {

    private static ErpSandbox sandbox;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = ErpSandbox.start(0);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aStalledOrderIsCreatedThenItsReplyStopsHalfWayAfterTheHeaders() throws Exception {
        sandbox.reset();
        putFaults("{\"stallOrders\":[\"STALL-1\"],\"timeoutMs\":3000}");
        HttpResponse<InputStream> response = post(order("STALL-1"));
        assertThat(response.statusCode()).as("the headers come at once").isEqualTo(200);
        long start = System.nanoTime();
        try (InputStream body = response.body()) {
            assertThatThrownBy(body::readAllBytes).as("the body never completes").isInstanceOf(IOException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(2_500));
        assertThat(sandbox.stats().creations()).as("the ERP did it").isEqualTo(1);
        assertThat(sandbox.stats().faultReplies()).isEqualTo(1);
    }

    @Test
    void aHugeOrderGetsTenMegabytesAndNothingIsCreated() throws Exception {
        sandbox.reset();
        putFaults("{\"hugeOrders\":[\"HUGE-1\"]}");
        assertThat(sandbox.faults().hugeOrders()).containsExactly("HUGE-1");
        HttpResponse<InputStream> response = post(order("HUGE-1"));
        assertThat(response.statusCode()).isEqualTo(200);
        long bytes;
        try (InputStream body = response.body()) {
            bytes = body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(bytes).isGreaterThanOrEqualTo(10L * 1024 * 1024);
        assertThat(sandbox.stats().creations()).isZero();
        putFaults("{\"hugeOrders\":[]}");
        assertThat(post(order("HUGE-1")).statusCode()).isEqualTo(200);
        assertThat(sandbox.stats().creations()).as("switched off at run time").isEqualTo(1);
    }

    private static Map<String, String> order(String outerId) throws IOException {
        Map<String, String> params = ErpSandboxTest.seedParams();
        params.put("MasterXml", params.get("MasterXml").replace("OuterID=\"\"", "OuterID=\"" + outerId + "\""));
        return params;
    }

    private static void putFaults(String json) throws Exception {
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/faults"))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    private static HttpResponse<InputStream> post(Map<String, String> params) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + ErpSandbox.PATH))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(SandboxHttp.MAPPER.writeValueAsBytes(params))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }
}
