package com.mallsync.sandbox.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The "stall mid-body" and "huge body" faults over real HTTP, switched through the admin API. */
class CrmBadRepliesTest {

    private static CrmSandbox sandbox;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = CrmSandbox.start(0, CrmSandboxTest.APP_ID, CrmSandboxTest.TOKEN);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aStalledCodeGetsHeadersAndHalfABodyThenNothingAndIsNotStored() throws Exception {
        sandbox.reset();
        putFaults("{\"stallCodes\":[\"slow\"],\"timeoutMs\":3000}");
        HttpResponse<InputStream> response = post("slow");
        assertThat(response.statusCode()).as("the headers come at once").isEqualTo(200);
        long start = System.nanoTime();
        try (InputStream body = response.body()) {
            assertThatThrownBy(body::readAllBytes).as("the body never completes").isInstanceOf(IOException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(2_500));
        assertThat(sandbox.orders()).isEmpty();
        assertThat(sandbox.stats().faultReplies()).isEqualTo(1);
    }

    @Test
    void aHugeCodeGetsTenMegabytesAndIsNotStoredUntilTheFaultIsOff() throws Exception {
        sandbox.reset();
        putFaults("{\"hugeCodes\":[\"big\"]}");
        long bytes;
        try (InputStream body = post("big").body()) {
            bytes = body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(bytes).isGreaterThanOrEqualTo(10L * 1024 * 1024);
        assertThat(sandbox.orders()).isEmpty();
        putFaults("{}");
        assertThat(post("big").statusCode()).isEqualTo(200);
        assertThat(sandbox.orders()).extracting(StoredOrder::code).containsExactly("big");
    }

    private static void putFaults(String json) throws Exception {
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/faults"))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    private static HttpResponse<InputStream> post(String code) throws Exception {
        String ts = LocalDateTime.now(OrderRules.ZONE).format(ThirdOrdAddHandler.TIMESTAMP);
        String args = ThirdOrdAddHandler.JSON.writeValueAsString(List.of(CrmSandboxTest.order("S", code)));
        String body = "AppId=" + enc(CrmSandboxTest.APP_ID) + "&Timestamp=" + enc(ts)
                + "&Sign=" + enc(Signature.sign(CrmSandboxTest.APP_ID, ts, CrmSandboxTest.TOKEN)) + "&Args=" + enc(args);
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + CrmSandbox.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
