package com.mallsync.ops.story;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

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
     * A record of the order on {@code orders.paid.v1}.
     *
     * @param replayedFrom the dead letter it was replayed from ({@code ops-replayed-from}), or {@code null}
     */
    record Published(Instant at, int partition, long offset, UUID eventId, String replayedFrom) implements StoryStep {
        @Override
        public String kind() {
            return replayedFrom == null ? "published" : "replayed";
        }
    }

    /**
     * An outcome record on {@code orders.outcomes.v1}.
     *
     * @param event the lifecycle event it answers ({@code event} of the outcome) when it carries one
     * @param line  the order line it is about ({@code line}) when it carries one
     */
    record Decided(Instant at, SyncTarget target, SyncStatus status, int attempts, String reason, String externalRef,
                   String event, String line, int partition, long offset) implements StoryStep {
        @Override
        public String kind() {
            return "outcome";
        }
    }

    /**
     * A record of the order on a DLT.
     *
     * @param id        {@code topic/partition/offset} (what a replay selects by)
     * @param exception the error spring-kafka recorded
     */
    record DeadLettered(Instant at, String topic, String id, String exception) implements StoryStep {
        @Override
        public String kind() {
            return "dead-lettered";
        }
    }
}
