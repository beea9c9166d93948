package com.mallsync.erpsync.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.erpsync.mapping.ErpTrade;
import com.mallsync.model.Json;
import com.mallsync.runtime.BoundedHttp;
import com.mallsync.runtime.Reasons;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One TradeTransferToErp call, classified. No retries and no breaker here: the caller decides (one place,
 * {@code OrderSync}), so the breaker sees each attempt exactly once. The call has a hard deadline
 * ({@code request-timeout}) that covers the reply body too, and the reply is read up to {@code max-reply-size}
 * ({@link BoundedHttp}); the ERP's {@code Message} is cut to {@value Reasons#MAX} characters.
 */
public class ErpClient {

    /** The seed's path. */
    public static final String PATH = "/Mall/Erp/ErpService.svc/TradeTransferToErp";

    private final ErpSyncProperties.Erp erp;
    private final HttpClient http;
    private final URI uri;

    public ErpClient(ErpSyncProperties.Erp erp) {
        this.erp = erp;
        this.uri = URI.create(erp.baseUrl() + PATH);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(erp.connectTimeout())
                .build();
    }

    /** Makes the call; never throws for anything the ERP or the network did, only when interrupted. */
    public ErpReply send(ErpTrade trade) throws InterruptedException {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("PlatformID", erp.platformId());
        params.put("UserAccessToken", erp.userAccessToken());
        params.put("UID", trade.uid());
        params.put("MasterXml", trade.masterXml());
        params.put("DetailXml", trade.detailXml());
        params.put("PayXml", trade.payXml());
        params.put("TH", trade.th());
        params.put("Audit", trade.audit());
        params.put("StoredProcedureName", trade.storedProcedureName());
        // The request timeout bounds the wait for headers; BoundedHttp's deadline bounds the whole call.
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(erp.requestTimeout());
        if (erp.bodyFormat() == ErpSyncProperties.BodyFormat.FORM) {
            String form = params.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            request.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            request.header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(params)));
        }
        BoundedHttp.Outcome outcome = BoundedHttp.send(http, request.build(), erp.requestTimeout(),
                erp.maxReplySize().toBytes());
        if (outcome instanceof BoundedHttp.Answered a) {
            return classify(a.status(), a.body(), erp);
        }
        if (outcome instanceof BoundedHttp.TimedOut t) {
            // The request was sent whole: the ERP may have created the order, the answer did not arrive in time.
            return new ErpReply.Unavailable(t.headersSeen()
                    ? "reply body not complete within " + erp.requestTimeout().toMillis() + " ms (headers came, the body stalled)"
                    : "no reply within " + erp.requestTimeout().toMillis() + " ms", true);
        }
        if (outcome instanceof BoundedHttp.TooLarge l) {
            // Like every unreadable reply: retried, taken as "not created" (README, "In doubt").
            return new ErpReply.Unavailable("HTTP " + l.status() + " reply larger than " + l.maxBytes()
                    + " bytes (erp-sync.erp.max-reply-size): not read");
        }
        if (outcome instanceof BoundedHttp.ConnectFailed) {
            return new ErpReply.Unavailable("connect timeout after " + erp.connectTimeout().toMillis() + " ms");
        }
        return new ErpReply.Unavailable("connection error: " + ((BoundedHttp.Failed) outcome).error());
    }

    static ErpReply classify(int status, String body, ErpSyncProperties.Erp erp) {
        if (status >= 500 || status == 408 || status == 429) {
            return new ErpReply.Unavailable("HTTP " + status);
        }
        if (status >= 300) {
            // 3xx/4xx: the call itself is wrong (URL, credentials at the gateway); no retry makes it right.
            return new ErpReply.Refused("HTTP " + status, abbreviate(body), false);
        }
        JsonNode reply;
        try {
            reply = Json.tree(body);
        } catch (JacksonException e) {
            return new ErpReply.Unavailable("unreadable reply: " + abbreviate(body));
        }
        JsonNode code = reply == null ? null : reply.get("Code");
        if (code == null || code.isNull()) {
            return new ErpReply.Unavailable("reply without Code: " + abbreviate(body));
        }
        JsonNode message = reply.get("Message");
        if ("0".equals(code.asString().trim())) {
            JsonNode id = message == null ? null : message.isObject() ? message.get("OuterTradeID") : message;
            return new ErpReply.Accepted(id == null || id.isNull() ? null : id.asString());
        }
        String text = Reasons.cut(message == null || message.isNull() ? "" : message.isValueNode() ? message.asString()
                : message.toString());
        String c = code.asString().trim();
        if (erp.duplicateCodes().contains(c)) {
            return new ErpReply.AlreadyThere(c, text);
        }
        return new ErpReply.Refused(c, text, erp.retryableCodes().contains(c));
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
