package com.mallsync.erpsync.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.erpsync.mapping.ErpTrade;
import com.mallsync.model.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One TradeTransferToErp call, classified. No retries and no breaker here: the caller decides (one place,
 * {@code OrderSync}), so the breaker sees each attempt exactly once.
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
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            return new ErpReply.Unavailable("connect timeout after " + erp.connectTimeout().toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            return new ErpReply.Unavailable("no reply within " + erp.requestTimeout().toMillis() + " ms", true);
        } catch (IOException e) {
            return new ErpReply.Unavailable("connection error: " + e);
        }
        return classify(response.statusCode(), response.body(), erp);
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
        String text = message == null || message.isNull() ? "" : message.isValueNode() ? message.asString()
                : message.toString();
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
