package com.mallsync.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import com.mallsync.ingest.dedupe.Contradiction;
import com.mallsync.ingest.dedupe.FactRules;
import com.mallsync.ingest.dedupe.RecentOrders;
import com.mallsync.ingest.signature.MallAuthenticator;
import com.mallsync.ingest.signature.SignedPush;
import com.mallsync.ingest.signature.Verdict;
import com.mallsync.ingest.validation.InvalidPushException;
import com.mallsync.ingest.validation.PushValidator;
import com.mallsync.model.Json;
import com.mallsync.model.Topics;
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
 * One push, from bytes to a decision: parse, authenticate, validate, ignore unpaid, then the facts it shows to
 * {@link FactPublishing} (deduplicate per fact, publish the new ones).
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
    static final JsonMapper STRICT = Json.mapper().rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final int MAX_ECHO = 200;

    private final MallAuthenticator authenticator;
    private final FactPublishing publishing;
    private final RecentOrders recent;
    private final Clock clock;

    Intake(MallAuthenticator authenticator, FactPublishing publishing, RecentOrders recent) {
        this.authenticator = authenticator;
        this.publishing = publishing;
        this.recent = recent;
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
        List<OrderPaid> facts;
        try {
            orderNo = PushValidator.orderNo(tree);
            if (!PushValidator.isPaid(tree)) {
                return unpaid(Topics.orderKey(mallId, orderNo), tree);
            }
            PushValidator.validatePaidOrder(tree);
            facts = OrderPaidMapping.toEvents(bind(tree), new String(body, StandardCharsets.UTF_8), clock.instant());
        } catch (InvalidPushException e) {
            return invalid(e);
        }
        return publishing.accept(facts);
    }

    /**
     * {@code is_pay} 0: ignored, as before. If it shows a later fact, or this instance published the order's payment,
     * it contradicts itself or the earlier pushes: counted and logged, still ignored.
     */
    private Outcome unpaid(String key, JsonNode tree) {
        List<Contradiction> contradictions = FactRules.unpaid(recent.seen(key), UnpaidPush.facts(tree),
                UnpaidPush.updatedAt(tree));
        publishing.report(key, contradictions);
        LOG.info("ignored order {}: is_pay is 0", key);
        return Outcome.ignored(contradictions);
    }

    /** Binding after {@link PushValidator}: a type it does not check (a string where a number goes) ends here. */
    static MallOrderPush bind(JsonNode tree) {
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
