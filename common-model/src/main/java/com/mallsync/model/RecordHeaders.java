package com.mallsync.model;

import java.util.List;

/**
 * Names of the Kafka record headers that more than one module reads or writes: the replay's, and those of a dead
 * letter (CloudEvents' are in {@link CloudEvents}). Header values are UTF-8 strings.
 *
 * <p>A dead letter (on {@link Topics#MEMBER_SYNC_DLT} or {@link Topics#ERP_SYNC_DLT}) is the source record with its
 * headers, plus the {@code DLT_*} headers below. The {@code kafka_dlt-*} names are spring-kafka's
 * ({@code KafkaHeaders.DLT_*}), written out here because this module does not depend on spring-kafka, so tools that
 * know spring-kafka's dead letters read ours.
 */
public final class RecordHeaders {

    /** The source record's topic. */
    public static final String DLT_ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    /** The source record's partition (decimal). */
    public static final String DLT_ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    /** The source record's offset (decimal). */
    public static final String DLT_ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    /** The consumer group that read the source record. */
    public static final String DLT_ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";
    /**
     * A label for the status, shaped like the exception class spring-kafka would record
     * ({@code com.mallsync.membersync.Rejected}); not a class that exists.
     */
    public static final String DLT_EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    /** The outcome's reason (empty when it has none). */
    public static final String DLT_EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
    /** The status that sent the record to the DLT: REJECTED or FAILED. */
    public static final String SYNC_STATUS = "mallsync_sync_status";
    /** The target's own reply code, when the target refused the order (erp-sync: the ERP's {@code Code}). */
    public static final String SYNC_CODE = "mallsync_sync_code";

    /**
     * How erp-sync named its own dead-letter headers before they were shared: {@code erp-sync-status},
     * {@code erp-sync-reason} (the reason again), {@code erp-sync-code}. Nothing writes them now; records dead-lettered
     * before still carry them, so readers of a DLT (the console's replay) must still know them.
     */
    public static final String LEGACY_ERP_SYNC_PREFIX = "erp-sync-";
    /** The old name of {@link #SYNC_STATUS} on erp-sync's dead letters (see {@link #LEGACY_ERP_SYNC_PREFIX}). */
    public static final String LEGACY_ERP_SYNC_STATUS = LEGACY_ERP_SYNC_PREFIX + "status";

    /**
     * Name prefixes of the headers that tell about a record's dead-lettering (spring-kafka's, ours, erp-sync's old
     * ones): a replay leaves them behind, so a replayed record does not look dead-lettered already.
     */
    public static final List<String> DEAD_LETTER_PREFIXES = List.of("kafka_dlt", "mallsync_sync_",
            LEGACY_ERP_SYNC_PREFIX);

    /**
     * Set by the ops console's DLT replay on the record it re-publishes to {@link Topics#ORDERS_PAID}: value
     * {@code topic/partition/offset} of the dead letter. A consumer processes a replayed order again even when an
     * earlier REJECTED or FAILED outcome of it was published (that is what a replay is for); an order without it
     * whose terminal outcome is already published is a redelivery and is skipped.
     */
    public static final String REPLAYED_FROM = "ops-replayed-from";

    /**
     * Set by the DLT replay next to {@link #REPLAYED_FROM}: what the operator decided for an order that may already
     * be in the ERP (in doubt): {@link #IN_DOUBT_RESEND} to call again, {@link #IN_DOUBT_HOLD} (the default, also
     * when the header is missing) to hold it again for a person to check. erp-sync reads it.
     */
    public static final String REPLAY_IN_DOUBT = "ops-replay-in-doubt";
    public static final String IN_DOUBT_RESEND = "RESEND";
    public static final String IN_DOUBT_HOLD = "HOLD";

    /**
     * Bytes ingest keeps free below the producer's record limit (its {@code max.request.size}, 1 MiB by default) for
     * what a dead-letter copy adds to a source record: the DLT headers, the reason cut to 500 chars (the runtime's
     * {@code Reasons.MAX}). So a dead letter of any record ingest accepted fits where the source did, and a
     * consumer's transaction never fails for a record too large to publish (its sink would stop on it).
     */
    public static final int DLT_HEADROOM_BYTES = 16 * 1024;

    private RecordHeaders() {
    }
}
