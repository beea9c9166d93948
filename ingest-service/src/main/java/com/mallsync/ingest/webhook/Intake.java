package com.mallsync.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.mallsync.ingest.IngestProperties;
import com.mallsync.ingest.dedupe.RecentOrders;
import com.mallsync.ingest.publish.BrokerUnavailableException;
import com.mallsync.ingest.publish.OrderPublisher;
import com.mallsync.ingest.publish.RecordTooLargeForTopicException;
import com.mallsync.ingest.signature.MallAuthenticator;
import com.mallsync.ingest.signature.SignedPush;
import com.mallsync.ingest.signature.Verdict;
import com.mallsync.ingest.validation.InvalidPushException;
import com.mallsync.ingest.validation.PushValidator;
import com.mallsync.model.Json;
import com.mallsync.model.Masking;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.OrderPaidMapping;
import com.mallsync.model.mall.SortedMd5Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One push, from bytes to a decision: parse, authenticate, validate, ignore unpaid, deduplicate, publish.
 * Every refusal happens before anything is published; bad input ends as a 4xx {@link Outcome}, never an exception.
 *
 * <p>Order of checks: the signature is verified before the fields are judged, so an unauthenticated caller learns
 * nothing about validation; {@code is_pay} 0 is answered "ignored" before the order's lines are judged, so an unpaid
 * order the mall pushes (however incomplete) is never retried forever.
 */
@Component
class Intake {

    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    /** Duplicate keys are refused: with two {@code total_pay_price} fields, which one was signed? */
    private static final JsonMapper STRICT = Json.mapper().rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final int MAX_ECHO = 200;

    private final MallAuthenticator authenticator;
    private final OrderPublisher publisher;
    private final RecentOrders recent;
    private final long waitForEarlierMs;
    private final Clock clock;

    Intake(MallAuthenticator authenticator, IngestProperties properties, OrderPublisher publisher,
            RecentOrders recent) {
        this.authenticator = authenticator;
        this.publisher = publisher;
        this.recent = recent;
        this.waitForEarlierMs = properties.publish().timeout().toMillis() + 2_000;
        this.clock = Clock.systemUTC();
    }

    /**
     * @param timestamp the {@code X-Mall-Timestamp} header, or {@code null}
     * @param signature the {@code X-Mall-Signature} header, or {@code null}
     */
    Outcome handle(byte[] body, String timestamp, String signature) {
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (JacksonException e) {
            return Outcome.notJson("is not valid JSON (" + echo(e.getOriginalMessage()) + ")");
        }
        if (tree == null || !tree.isObject()) {
            return Outcome.notJson("must be one JSON object");
        }
        long mallId;
        try {
            mallId = PushValidator.mallId(tree);
        } catch (InvalidPushException e) {
            return invalid(e);
        }
        JsonNode sign = tree.get(SortedMd5Signature.FIELD);
        Verdict verdict;
        try {
            verdict = authenticator.verify(mallId, new SignedPush(body,
                    sign != null && sign.isString() ? sign.stringValue() : null, timestamp, signature));
        } catch (IllegalArgumentException e) {
            return Outcome.notJson("must be one JSON object without repeated keys");
        }
        if (verdict != Verdict.VERIFIED) {
            // one reply for all of them: the caller must not learn which malls are configured, or how they sign
            LOG.warn("refused push for mall {}: {}", mallId, switch (verdict) {
                case UNKNOWN_MALL -> "mall_id is not configured";
                case OUTSIDE_WINDOW -> "signed, but its timestamp is outside ingest.signature.tolerance (replay?)";
                default -> "signature missing or wrong";
            });
            return Outcome.unauthenticated(verdict.tag());
        }
        String orderNo;
        OrderPaid event;
        try {
            orderNo = PushValidator.orderNo(tree);
            if (!PushValidator.isPaid(tree)) {
                LOG.info("ignored order {}:{}: is_pay is 0", mallId, orderNo);
                return Outcome.ignored();
            }
            PushValidator.validatePaidOrder(tree);
            event = OrderPaidMapping.toOrderPaid(bind(tree), new String(body, StandardCharsets.UTF_8), clock.instant());
        } catch (InvalidPushException e) {
            return invalid(e);
        }
        return publishOnce(event);
    }

    private Outcome publishOnce(OrderPaid event) {
        String key = event.key();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> earlier = recent.claim(key, mine);
        if (earlier != null) {
            return awaitEarlier(event, earlier);
        }
        try {
            publisher.publish(event);
        } catch (BrokerUnavailableException e) {
            recent.settle(key, mine, e);
            LOG.warn("order {} not accepted: broker did not acknowledge in time ({}); mall told 503", key,
                    e.getMessage());
            return Outcome.unavailable();
        } catch (RecordTooLargeForTopicException e) {
            recent.settle(key, mine, e);
            LOG.warn("refused order {}: too large for the topic ({})", key, e.getMessage());
            return Outcome.tooLarge("the order is too large to be stored");
        } catch (RuntimeException e) {
            recent.settle(key, mine, e);
            throw e;
        }
        recent.settle(key, mine, null);
        LOG.info("accepted order {} eventId={} pay={} lines={} buyer={} mobile={} address={}", key, event.eventId(),
                event.amounts().totalPayPrice(), event.lines().size(), Masking.name(event.buyer().name()),
                Masking.mobile(event.buyer().mobile()), Masking.address(event.buyer().address()));
        return Outcome.accepted(event.eventId());
    }

    /** A repeat of an order this instance accepted, or is accepting right now: share that push's outcome. */
    private Outcome awaitEarlier(OrderPaid event, CompletableFuture<Void> earlier) {
        try {
            earlier.get(waitForEarlierMs, TimeUnit.MILLISECONDS);
            LOG.info("duplicate push of order {} eventId={}: already accepted, nothing published", event.key(),
                    event.eventId());
            return Outcome.duplicate(event.eventId());
        } catch (ExecutionException e) {
            // the earlier push failed and was forgotten: this one takes its chance
            return publishOnce(event);
        } catch (TimeoutException e) {
            return Outcome.unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.unavailable();
        }
    }

    /** Binding after {@link PushValidator}: a type it does not check (a string where a number goes) ends here. */
    private static MallOrderPush bind(JsonNode tree) {
        try {
            return STRICT.treeToValue(tree, MallOrderPush.class);
        } catch (DatabindException e) {
            throw new InvalidPushException(path(e.getPath()), "has the wrong type");
        } catch (JacksonException e) {
            throw new InvalidPushException("body", "could not be read as an order");
        }
    }

    static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static Outcome invalid(InvalidPushException e) {
        LOG.info("refused push: {}", e.getMessage());
        return Outcome.invalid(e.field(), e.reason());
    }

    private static String echo(String message) {
        if (message == null) {
            return "unreadable";
        }
        return message.length() <= MAX_ECHO ? message : message.substring(0, MAX_ECHO) + "...";
    }
}
