package com.mallsync.system.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.mallsync.model.CloudEvents;
import com.mallsync.model.Json;
import com.mallsync.model.MallTime;
import com.mallsync.model.Topics;
import com.mallsync.model.event.Lifecycle;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.OrderPaidMapping;
import com.mallsync.runtime.OutcomeRecords;
import com.mallsync.stack.lifecycle.ExpectedEvent;
import com.mallsync.stack.lifecycle.LifecycleMix;
import com.mallsync.stack.lifecycle.LifecycleRules;
import com.mallsync.stack.lifecycle.OrderState;
import com.mallsync.stack.lifecycle.OrderStory;
import com.mallsync.system.orders.SignedOrders;

/**
 * What {@code count} orders leave behind on the topics once both targets decided them, built from the classes that
 * write them in the system, so the benchmark's state is the system's: per order, one {@code orders.paid.v1} record
 * per event (an {@link OrderPaid} from {@link OrderPaidMapping} of the seed's push, with ingest's CloudEvents
 * headers), one {@code orders.outcomes.v1} record per event per target ({@link OutcomeRecords}, as member-sync and
 * erp-sync build them, with the status {@link LifecycleRules} requires, the CRM uploading on CONFIRMED), and one
 * ledger entry per ERP order created (the sale and each return).
 *
 * <p>Each order's story is drawn from {@link LifecycleMix#TYPICAL} (80% confirmed, 5% cancelled, 5% of the lines
 * refunded). The orders' times are spread evenly over the last {@code days} days (record CreateTime, {@code ce_time},
 * paid and created times), oldest first; an order's later events follow it by seconds (a real confirmation comes
 * days later; for the size of the state that makes no difference). Days within the 60-day after-sale window mean
 * the bounded indexes keep every record: the worst case.
 *
 * <p>Pure apart from the clock it is given; deterministic per run id and seed.
 */
public final class StateRecords {

    /** ERP order numbers and CRM batch ids: shapes like the sandboxes', lengths that matter for memory. */
    private static final String ERP_REF = "ERP%012d";
    private static final String CRM_BATCH = "batch-%010d";
    private static final long SEED = 16;

    private final SignedOrders orders;
    private final OrderPaid template;
    private final String templateOrderNo;
    private final Instant from;
    private final Duration step;
    private final OutcomeRecords crm = new OutcomeRecords("member-sync-service", Topics.MEMBER_SYNC_GROUP,
            "com.mallsync.membersync", Topics.ORDERS_OUTCOMES, Topics.MEMBER_SYNC_DLT);
    private final OutcomeRecords erp = new OutcomeRecords("erp-sync-service", Topics.ERP_SYNC_GROUP,
            "com.mallsync.erpsync", Topics.ORDERS_OUTCOMES, Topics.ERP_SYNC_DLT);
    private final String ledgerTopic;

    /** All records of one order, in the order they are written. */
    public record OrderRecords(List<ProducerRecord<String, byte[]>> paid, List<ProducerRecord<String, byte[]>> outcomes,
                               List<ProducerRecord<String, byte[]>> ledger) {

        public int count() {
            return paid.size() + outcomes.size() + ledger.size();
        }
    }

    /**
     * @param runId       ten digits (order numbers are the run id and the index)
     * @param count       how many orders the run writes (the times are spread over them)
     * @param days        how far back the oldest order is
     * @param ledgerTopic erp-sync's ledger topic
     */
    public StateRecords(String runId, int count, Duration days, String ledgerTopic, Clock clock) {
        this.orders = new SignedOrders(runId, clock);
        byte[] body = orders.body(0);
        this.templateOrderNo = orders.orderNo(0);
        this.template = OrderPaidMapping.toOrderPaid(Json.read(body, MallOrderPush.class),
                new String(body, StandardCharsets.UTF_8), clock.instant());
        Instant now = clock.instant();
        this.from = now.minus(days);
        this.step = days.dividedBy(Math.max(1, count));
        this.ledgerTopic = ledgerTopic;
    }

    /** The order number of the {@code index}-th order. */
    public String orderNo(int index) {
        return orders.orderNo(index);
    }

    /** When the {@code index}-th order was paid (and its first record written). */
    public Instant paidAt(int index) {
        return from.plus(step.multipliedBy(index));
    }

    /** The {@code index}-th order's story: its pushes, drawn from the typical mix. */
    public OrderStory story(int index) {
        return LifecycleMix.TYPICAL.draw(SEED, index, lineIds());
    }

    /** Every record the {@code index}-th order leaves behind. */
    public OrderRecords order(int index) {
        String orderNo = orders.orderNo(index);
        Instant paid = paidAt(index);
        OrderPaid base = snapshot(orderNo, paid);
        OrderStory story = story(index);
        List<ExpectedEvent> expected = LifecycleRules.expected(story, OrderEvent.CONFIRMED);
        List<OrderPaid> events = events(base, story, paid);
        List<ProducerRecord<String, byte[]>> paidRecords = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> outcomes = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> ledger = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            OrderPaid event = events.get(i);
            ExpectedEvent rule = expected.get(i);
            if (rule.event() != event.event() || !Objects.equals(rule.line(), event.line())) {
                throw new IllegalStateException("the story's events and the rules' disagree: " + rule + " / " + event);
            }
            paidRecords.add(paidRecord(event));
            Instant decided = event.occurredAt().plusSeconds(2);
            long ref = (long) index * 8 + i;
            for (SyncTarget target : SyncTarget.values()) {
                SyncStatus status = rule.at(target);
                boolean sent = status == SyncStatus.SYNCED;
                String externalRef = !sent ? null : target == SyncTarget.ERP ? ERP_REF.formatted(ref)
                        : CRM_BATCH.formatted(ref);
                String reason = sent ? null : "nothing to send for " + event.event() + " at " + target + " by rule";
                SyncOutcome outcome = SyncOutcome.of(event, target, status, externalRef, sent ? 1 : 0, reason,
                        decided);
                ProducerRecord<String, String> built = (target == SyncTarget.ERP ? erp : crm).outcome(outcome);
                outcomes.add(new ProducerRecord<>(built.topic(), null, decided.toEpochMilli(), built.key(),
                        built.value().getBytes(StandardCharsets.UTF_8), built.headers()));
                if (target == SyncTarget.ERP && sent) {
                    ledger.add(new ProducerRecord<>(ledgerTopic, null, decided.toEpochMilli(),
                            ledgerKey(event), Json.write(new LedgerEntry(event.eventId(), externalRef, 1, decided,
                            false))));
                }
            }
        }
        return new OrderRecords(paidRecords, outcomes, ledger);
    }

    /** The ledger's key: the order's for the sale, {@code mallId:} + the return's OuterID for a return. */
    static String ledgerKey(OrderPaid event) {
        return switch (event.event()) {
            case PAID, CONFIRMED -> event.key();
            // erp-sync's ErpReturnMapping: the sale's number + "-R" + line, or + "-C" for a cancellation
            case REFUNDED -> Topics.orderKey(event.mallId(), event.orderNo() + "-R" + event.line());
            case CANCELLED -> Topics.orderKey(event.mallId(), event.orderNo() + "-C");
        };
    }

    private List<Long> lineIds() {
        return template.lines().stream().map(OrderLine::lineId).toList();
    }

    private OrderPaid snapshot(String orderNo, Instant paid) {
        OffsetDateTime at = paid.atZone(MallTime.ZONE).toOffsetDateTime();
        return new OrderPaid(OrderPaid.SCHEMA_VERSION, OrderPaid.eventIdFor(template.mallId(), orderNo), paid,
                template.mallId(), orderNo, template.mallOrderId(), "HM" + orderNo, at, at, template.payType(),
                template.supportPayTypes(), template.wxPay(), template.amounts(), template.buyer(), template.lines(),
                template.remarks(), template.distributor(), template.rawPayload().replace(templateOrderNo, orderNo),
                OrderEvent.PAID, null, Lifecycle.PAID_ONLY);
    }

    /** Per push, the facts it shows first, each as the record of that push's snapshot, a second after the last. */
    private static List<OrderPaid> events(OrderPaid base, OrderStory story, Instant paid) {
        List<OrderPaid> events = new ArrayList<>();
        OrderState before = null;
        int push = 0;
        for (OrderState now : story.pushes()) {
            Instant at = paid.plusSeconds(push++);
            OffsetDateTime local = at.atZone(MallTime.ZONE).toOffsetDateTime();
            Lifecycle lifecycle = new Lifecycle(now.confirmed(), now.confirmed() ? local : null,
                    now.cancelled() ? 1 : 0, now.cancelled() ? local : null, local);
            List<OrderLine> lines = base.lines().stream()
                    .map(l -> l.withRefunded(now.refundedLines().contains(l.lineId()))).toList();
            OrderPaid snapshot = new OrderPaid(OrderPaid.SCHEMA_VERSION, base.eventId(), at, base.mallId(),
                    base.orderNo(), base.mallOrderId(), base.payOrderNo(), base.createdAt(), base.paidAt(),
                    base.payType(), base.supportPayTypes(), base.wxPay(), base.amounts(), base.buyer(), lines,
                    base.remarks(), base.distributor(), base.rawPayload(), OrderEvent.PAID, null, lifecycle);
            if (before == null) {
                events.add(snapshot.as(OrderEvent.PAID, null));
            }
            if (now.confirmed() && (before == null || !before.confirmed())) {
                events.add(snapshot.as(OrderEvent.CONFIRMED, null));
            }
            Set<Long> earlier = before == null ? Set.of() : before.refundedLines();
            for (Long line : story.lineIds()) {
                if (now.refundedLines().contains(line) && !earlier.contains(line)) {
                    events.add(snapshot.as(OrderEvent.REFUNDED, line));
                }
            }
            if (now.cancelled() && (before == null || !before.cancelled())) {
                events.add(snapshot.as(OrderEvent.CANCELLED, null));
            }
            before = now;
        }
        return events;
    }

    /** As ingest's {@code OrderPublisher} writes it: the JSON, keyed by order, CloudEvents headers, at its time. */
    static ProducerRecord<String, byte[]> paidRecord(OrderPaid event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEvents.ID, utf8(event.eventId().toString()));
        headers.add(CloudEvents.TYPE, utf8(event.event().ceType()));
        headers.add(CloudEvents.SOURCE, utf8("/mall-order-sync/malls/" + event.mallId()));
        headers.add(CloudEvents.TIME, utf8(event.occurredAt().toString()));
        headers.add(CloudEvents.SPEC_VERSION, utf8(CloudEvents.SPEC_VERSION_1_0));
        headers.add(CloudEvents.CONTENT_TYPE, utf8(CloudEvents.JSON));
        return new ProducerRecord<>(Topics.ORDERS_PAID, null, event.occurredAt().toEpochMilli(), event.key(),
                Json.write(event), headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
