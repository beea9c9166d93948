package com.mallsync.ingest.publish;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.mallsync.ingest.IngestProperties;
import com.mallsync.model.CloudEvents;
import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the events of a push ({@link OrderPaid}, one record each, {@code ce_type} = the event's
 * {@code OrderEvent.ceType()}) to {@code orders.paid.v1} and returns only once the broker
 * acknowledged them ({@code acks=all}), or throws within {@code ingest.publish.timeout} (plus a small margin).
 */
@Component
public class OrderPublisher {

    /** Beyond the producer's own deadline, in case its timers fire late on a busy machine. */
    private static final long MARGIN_MS = 1_000;

    private final KafkaTemplate<String, byte[]> template;
    private final String eventSource;
    private final long waitMs;

    OrderPublisher(KafkaTemplate<String, byte[]> orderKafkaTemplate, IngestProperties properties) {
        this.template = orderKafkaTemplate;
        this.eventSource = properties.publish().eventSource();
        this.waitMs = properties.publish().timeout().toMillis() + MARGIN_MS;
    }

    public void publish(OrderPaid event) throws BrokerUnavailableException, RecordTooLargeForTopicException {
        publish(List.of(event));
    }

    /**
     * Publishes the events of one push, in order, and returns once the broker acknowledged every one of them.
     * They share a key, so one partition; one idempotent producer sends them (all are sent before the first ack is
     * awaited), so they land in the order given. If any fails, this throws and the mall gets 503 and pushes again:
     * the events that were acknowledged before the failure are then published a second time, with the same
     * {@code eventId}, which is harmless because the consumers deduplicate on it.
     */
    public void publish(List<OrderPaid> events) throws BrokerUnavailableException, RecordTooLargeForTopicException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        try {
            List<CompletableFuture<?>> acks = new ArrayList<>(events.size());
            for (OrderPaid event : events) {
                acks.add(template.send(record(event)));
            }
            for (CompletableFuture<?> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (TimeoutException e) {
            throw new BrokerUnavailableException("no acknowledgement within " + waitMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while waiting for the broker", e);
        } catch (RuntimeException e) {
            // KafkaTemplate rethrows what producer.send() threw synchronously (metadata wait past max.block.ms)
            throw rethrown(e);
        }
    }

    ProducerRecord<String, byte[]> record(OrderPaid event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEvents.ID, utf8(event.eventId().toString()));
        headers.add(CloudEvents.TYPE, utf8(event.event().ceType()));
        headers.add(CloudEvents.SOURCE, utf8(eventSource + event.mallId()));
        headers.add(CloudEvents.TIME, utf8(event.occurredAt().toString()));
        headers.add(CloudEvents.SPEC_VERSION, utf8(CloudEvents.SPEC_VERSION_1_0));
        headers.add(CloudEvents.CONTENT_TYPE, utf8("application/json"));
        return new ProducerRecord<>(Topics.ORDERS_PAID, null, event.key(), Json.write(event), headers);
    }

    /** Sorts a send failure: too large can never succeed, anything else is the broker's unavailability. */
    private static BrokerUnavailableException rethrown(Throwable cause) throws RecordTooLargeForTopicException {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                throw new RecordTooLargeForTopicException(t.getMessage(), t);
            }
        }
        return new BrokerUnavailableException(String.valueOf(cause), cause);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
