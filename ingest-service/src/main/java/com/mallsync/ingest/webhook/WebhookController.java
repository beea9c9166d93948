package com.mallsync.ingest.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.mallsync.ingest.IngestProperties;
import com.mallsync.ingest.dedupe.Contradiction;
import com.mallsync.ingest.dedupe.Fact;
import com.mallsync.model.Json;
import com.mallsync.model.mall.HmacSha256Signature;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/mall/orders} (contract: ARCHITECTURE.md "Ingest HTTP contract").
 *
 * <p>The body is read by {@link BodyDeadlineFilter} (non-blocking, within a deadline) and handed over as a request
 * attribute; it is read here only when that filter did not run. Either way it comes from the servlet stream, with
 * the size limit applied while reading, rather than through {@code @RequestBody}: no message converter, no Spring
 * error page, no container limit sits between the mall and a
 * JSON reply, so an oversized or malformed body is a 413/400 with {@code code} and {@code msg}, never a 500.
 * The content type is not checked: the mall's is not documented, and the body is judged as JSON whatever it says.
 */
@RestController
public class WebhookController {

    public static final String PATH = "/webhooks/mall/orders";

    private final Intake intake;
    private final WebhookMetrics metrics;
    private final int maxBody;

    WebhookController(Intake intake, WebhookMetrics metrics, IngestProperties properties) {
        this.intake = intake;
        this.metrics = metrics;
        this.maxBody = (int) Math.min(Integer.MAX_VALUE - 16, properties.maxBody().toBytes());
    }

    @PostMapping(PATH)
    ResponseEntity<byte[]> receive(HttpServletRequest request) {
        Timer.Sample sample = metrics.start();
        Outcome outcome = decide(request);
        metrics.record(sample, outcome);
        return ResponseEntity.status(outcome.status()).contentType(MediaType.APPLICATION_JSON).body(reply(outcome));
    }

    private Outcome decide(HttpServletRequest request) {
        if (request.getContentLengthLong() > maxBody || request.getAttribute(BodyDeadlineFilter.TOO_LARGE) != null) {
            return Outcome.tooLarge("larger than " + maxBody + " bytes");
        }
        byte[] body = (byte[]) request.getAttribute(BodyDeadlineFilter.BODY);
        if (body == null) {
            // not read by BodyDeadlineFilter (a container without async support): a blocking read
            try {
                body = readAtMost(request.getInputStream(), maxBody);
            } catch (IOException e) {
                return Outcome.notJson("could not be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (body == null) {
            return Outcome.tooLarge("larger than " + maxBody + " bytes");
        }
        return intake.handle(body, request.getHeader(HmacSha256Signature.TIMESTAMP_HEADER),
                request.getHeader(HmacSha256Signature.SIGNATURE_HEADER));
    }

    /** The whole body, or {@code null} as soon as it proves longer than {@code limit} (the rest is not read). */
    static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit);
        if (body.length == limit && in.read() != -1) {
            return null;
        }
        return body;
    }

    static byte[] reply(Outcome outcome) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("code", outcome.code());
        reply.put("msg", outcome.msg());
        if (outcome.field() != null) {
            reply.put("field", outcome.field());
        }
        if (outcome.eventId() != null) {
            reply.put("eventId", outcome.eventId().toString());
        }
        if (outcome.kind() == Outcome.Kind.ACCEPTED) {
            reply.put("events", outcome.events().stream().map(f -> f.event().name()).toList());
            List<Long> refunded = outcome.events().stream().map(Fact::line).filter(Objects::nonNull).toList();
            if (!refunded.isEmpty()) {
                reply.put("refundedLines", refunded);
            }
        }
        if (!outcome.contradictions().isEmpty()) {
            reply.put("contradictions", outcome.contradictions().stream().map(Contradiction::describe).toList());
        }
        return Json.write(reply);
    }
}
