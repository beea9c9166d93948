package com.mallsync.membersync.crm;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

import com.mallsync.membersync.mapping.CrmOrder;
import com.mallsync.model.MallTime;
import com.mallsync.runtime.BoundedHttp;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One 2030 call: {@code POST {base}/api/morder/thirdOrdAdd}, form body {@code AppId, Timestamp, Sign, Args}.
 * It only classifies: a reply envelope is returned as it is (the caller decides per order); anything that is not a
 * usable envelope is a {@link CrmUnavailableException}: that includes a reply whose body does not arrive whole within
 * the request timeout (a hard deadline over headers and body, {@link BoundedHttp}) or is larger than
 * {@code max-reply-size}. Thread-safe.
 */
public final class CrmClient {

    public static final String PATH = "/api/morder/thirdOrdAdd";
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** 2030 money is a JSON number ("double ... 2位小数"), unlike our topics where it is a string. */
    static final JsonMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private final URI endpoint;
    private final String appId;
    private final String token;
    private final Duration requestTimeout;
    private final long maxReplyBytes;
    private final Clock clock;
    private final HttpClient http;

    public CrmClient(URI baseUrl, String appId, String token, Duration connectTimeout, Duration requestTimeout,
                     Clock clock) {
        this(baseUrl, appId, token, connectTimeout, requestTimeout, 1024 * 1024, clock);
    }

    public CrmClient(URI baseUrl, String appId, String token, Duration connectTimeout, Duration requestTimeout,
                     long maxReplyBytes, Clock clock) {
        this.maxReplyBytes = maxReplyBytes;
        String base = baseUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH);
        this.appId = appId;
        this.token = token;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    /** {@code Sign = uppercase hex SHA1("AppId={AppId}&Timestamp={Timestamp}&Token={Token}")}. */
    public static String sign(String appId, String timestamp, String token) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(
                    ("AppId=" + appId + "&Timestamp=" + timestamp + "&Token=" + token).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** The form body for these orders at this timestamp. */
    String formBody(List<CrmOrder> orders, String timestamp) {
        return "AppId=" + enc(appId) + "&Timestamp=" + enc(timestamp) + "&Sign=" + enc(sign(appId, timestamp, token))
                + "&Args=" + enc(JSON.writeValueAsString(orders));
    }

    public CrmReply upload(List<CrmOrder> orders) throws CrmUnavailableException, InterruptedException {
        String timestamp = LocalDateTime.now(clock.withZone(MallTime.ZONE)).format(TIMESTAMP);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(orders, timestamp)))
                .build();
        BoundedHttp.Outcome outcome = BoundedHttp.send(http, request, requestTimeout, maxReplyBytes);
        if (outcome instanceof BoundedHttp.TimedOut t) {
            throw new CrmUnavailableException(t.headersSeen()
                    ? "CRM reply body not complete within " + requestTimeout.toMillis() + " ms (the body stalled)"
                    : "CRM did not answer within " + requestTimeout.toMillis() + " ms", null);
        }
        if (outcome instanceof BoundedHttp.TooLarge l) {
            throw new CrmUnavailableException("CRM reply (HTTP " + l.status() + ") larger than " + l.maxBytes()
                    + " bytes (member-sync.crm.max-reply-size): not read", null);
        }
        if (outcome instanceof BoundedHttp.ConnectFailed c) {
            throw new CrmUnavailableException("CRM not reachable: connect timeout " + c.reason(), null);
        }
        if (outcome instanceof BoundedHttp.Failed f) {
            throw new CrmUnavailableException("CRM not reachable: " + f.error(), f.error());
        }
        BoundedHttp.Answered response = (BoundedHttp.Answered) outcome;
        if (response.status() != 200) {
            throw new CrmUnavailableException("CRM answered HTTP " + response.status(), null);
        }
        CrmReply reply;
        try {
            JsonNode body = JSON.readTree(response.body());
            reply = new CrmReply(body.path("Status").asBoolean(false), body.path("StatusCode").asInt(0),
                    body.path("Msg").asString(""), body.path("Result").asInt(0));
            if (!body.has("Status")) {
                throw new CrmUnavailableException("CRM reply is not a 2030 envelope: " + abbreviate(response.body()), null);
            }
        } catch (JacksonException e) {
            throw new CrmUnavailableException("CRM reply is not JSON: " + abbreviate(response.body()), e);
        }
        if (!reply.status() && (reply.statusCode() == 401 || reply.statusCode() == 403)) {
            // Our AppId/Token/clock are wrong: no order's fault; pause and let an operator fix it.
            throw new CrmUnavailableException("CRM refused our credentials: " + reply.msg(), null);
        }
        return reply;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
