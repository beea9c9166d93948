package com.mallsync.ops.story;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

/** One thing that happened to an order, as its story lists it; {@code kind} tells which. */
public sealed interface StoryStep {

    /** When it happened. */
    Instant at();

    @JsonProperty("kind")
    String kind();

    /**
     * The mall pushed the order and ingest answered (from ingest's push journal).
     *
     * @param status  the HTTP status ingest answered
     * @param code    the reply's {@code code} (0: the mall need not push again)
     * @param msg     the reply's {@code msg}
     * @param eventId the event id of the reply, when accepted or duplicate
     * @param millis  how long ingest took to answer
     */
    record Received(Instant at, int status, int code, String msg, String eventId, long millis) implements StoryStep {
        @Override
        public String kind() {
            return "received";
        }
    }

    /**
     * A record of the order on {@code orders.paid.v1}: one event of its life.
     *
     * @param event        the event it announces ({@code ce_type}; PAID for a record before the lifecycle)
     * @param line         the refunded line for REFUNDED, else {@code null}
     * @param replayedFrom the dead letter it was replayed from ({@code ops-replayed-from}), or {@code null}
     */
    record Published(Instant at, int partition, long offset, UUID eventId, OrderEvent event, Long line,
                     String replayedFrom) implements StoryStep {
        @Override
        public String kind() {
            return replayedFrom == null ? "published" : "replayed";
        }
    }

    /**
     * An outcome record on {@code orders.outcomes.v1}.
     *
     * @param event the event it answers ({@code event} of the outcome; PAID when a record before the lifecycle)
     * @param line  the refunded line it is about ({@code line}) for REFUNDED, else {@code null}
     */
    record Decided(Instant at, SyncTarget target, SyncStatus status, int attempts, String reason, String externalRef,
                   OrderEvent event, Long line, int partition, long offset) implements StoryStep {
        @Override
        public String kind() {
            return "outcome";
        }
    }

    /**
     * A record of the order on a DLT.
     *
     * @param id        {@code topic/partition/offset} (what a replay selects by)
     * @param event     which event of the order it carries
     * @param line      the refunded line for REFUNDED, else {@code null}
     * @param exception the error spring-kafka recorded
     */
    record DeadLettered(Instant at, String topic, String id, OrderEvent event, Long line, String exception)
            implements StoryStep {
        @Override
        public String kind() {
            return "dead-lettered";
        }
    }
}
