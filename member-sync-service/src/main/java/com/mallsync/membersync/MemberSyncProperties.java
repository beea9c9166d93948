package com.mallsync.membersync;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import com.mallsync.membersync.mapping.ShopChannel;
import com.mallsync.model.Retention;
import com.mallsync.model.event.OrderEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of member-sync ({@code member-sync.*}); see the README's configuration table.
 *
 * @param crm      the CRM and how it is called
 * @param batch    how orders are grouped into requests
 * @param retry    transient-failure handling
 * @param consumer the Kafka side
 * @param shops    per mall id: the 2030 channel its orders go to; an order of a mall not listed is REJECTED
 * @param topics   what is checked of the topics at start
 * @param uploadOn which event uploads the sale: {@code CONFIRMED} (default; seed 1.1 "只需要接入订单完成、客户确认收货的订单")
 *                 or {@code PAID}; anything else refuses to start
 * @param outcomeIndex how far back the outcome index reads and remembers
 */
@ConfigurationProperties("member-sync")
public record MemberSyncProperties(Crm crm, Batch batch, Retry retry, Consumer consumer, Map<Long, ShopChannel> shops,
                                   TopicChecks topics, String uploadOn, OutcomeIndex outcomeIndex) {

    public MemberSyncProperties {
        uploadOn = uploadOn(uploadOn).name();
        crm = crm == null ? new Crm(null, null, null, null, null, null, null) : crm;
        topics = topics == null ? new TopicChecks(null) : topics;
        batch = batch == null ? new Batch(null, null, null) : batch;
        retry = retry == null ? new Retry(null, null, null, null, null) : retry;
        consumer = consumer == null ? new Consumer(null, null, null, null, null, null, null, null, null, null) : consumer;
        shops = shops == null ? Map.of() : Map.copyOf(shops);
        outcomeIndex = outcomeIndex == null ? new OutcomeIndex(null) : outcomeIndex;
    }

    /**
     * @param window the outcomes it remembers, by the time they were published (default 60 days,
     *               {@link Retention#AFTER_SALE}: a return row reads whether its sale was uploaded)
     */
    public record OutcomeIndex(Duration window) {
        public OutcomeIndex {
            window = window == null ? Retention.AFTER_SALE : window;
        }
    }

    /**
     * @param baseUrl               the CRM, without the {@code /api/morder/thirdOrdAdd} path
     * @param appId                 AppId
     * @param token                 Token (only ever used inside the signature)
     * @param connectTimeout        TCP connect timeout
     * @param requestTimeout        hard deadline of the whole request, reply body included (a timed-out request is
     *                              retried)
     * @param maxConcurrentRequests requests in flight at once, all shops together
     * @param maxReplySize          the largest reply read (default 1 MiB); a larger one is a transient failure
     */
    public record Crm(URI baseUrl, String appId, String token, Duration connectTimeout, Duration requestTimeout,
                      Integer maxConcurrentRequests, DataSize maxReplySize) {
        public Crm {
            baseUrl = baseUrl == null ? URI.create("http://localhost:8091") : baseUrl;
            appId = appId == null ? "demo-crm-app" : appId;
            token = token == null ? "demo-crm-token" : token;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
            maxConcurrentRequests = maxConcurrentRequests == null ? 4 : maxConcurrentRequests;
            maxReplySize = maxReplySize == null ? DataSize.ofMegabytes(1) : maxReplySize;
            if (maxConcurrentRequests < 1) {
                throw new IllegalArgumentException("member-sync.crm.max-concurrent-requests must be at least 1");
            }
        }
    }

    /**
     * @param maxSize    orders per request, 1..100 (2030: "最大数据行数限制100")
     * @param linger     how long a batch that is not full waits for more orders
     * @param maxPending orders read but not yet finished above which fetching pauses; 0 = 3 × max-size ×
     *                   max-concurrent-requests
     */
    public record Batch(Integer maxSize, Duration linger, Integer maxPending) {
        public Batch {
            maxSize = maxSize == null ? 100 : maxSize;
            linger = linger == null ? Duration.ofSeconds(1) : linger;
            maxPending = maxPending == null ? 0 : maxPending;
            if (maxSize < 1 || maxSize > 100) {
                throw new IllegalArgumentException("member-sync.batch.max-size must be within 1..100: " + maxSize);
            }
        }
    }

    /**
     * @param perOrderAttempts transient failures one order may have (while the CRM answers other requests) before it
     *                         is FAILED and dead-lettered
     * @param initialBackoff   first pause after a transient failure
     * @param maxBackoff       longest pause
     * @param multiplier       growth of the pause per failure
     * @param jitter           ± share of random spread on each pause (0..1)
     */
    public record Retry(Integer perOrderAttempts, Duration initialBackoff, Duration maxBackoff, Double multiplier,
                        Double jitter) {
        public Retry {
            perOrderAttempts = perOrderAttempts == null ? 10 : perOrderAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofSeconds(5) : maxBackoff;
            multiplier = multiplier == null ? 2.0 : multiplier;
            jitter = jitter == null ? 0.5 : jitter;
        }
    }

    /**
     * @param pollTimeout     longest wait in one poll
     * @param shutdownTimeout how long a graceful stop waits for batches in flight before leaving them uncommitted
     * @param revokeTimeout   how long a rebalance waits for batches in flight of revoked partitions
     * @param maxPollRecords  {@code max.poll.records}
     * @param sessionTimeout  {@code session.timeout.ms}: how soon the group gives a dead (SIGKILLed) member's
     *                        partitions to others; a restarted instance waits for its predecessor's session to end
     * @param heartbeatInterval {@code heartbeat.interval.ms} (about a third of the session timeout)
     * @param groupInstanceId {@code group.instance.id} for static membership (none by default): a restart with the
     *                        same id takes its partitions back at once, with no rebalance; each instance needs its own
     * @param exitAfterFailure when the poll loop stops unexpectedly, readiness goes DOWN at once and the process exits
     *                        with status 1 this long after (default 10 s), for its supervisor to restart it; negative:
     *                        never exit (tests)
     * @param commitInterval  how often one transaction commits the outcomes and dead letters of the orders finished
     *                        since, with their offsets (default 100 ms: the latency it adds to an outcome)
     * @param transactionTimeout {@code transaction.timeout.ms} of the outcome producer (default 10 s): how long a dead
     *                        instance's open transaction can hold {@code read_committed} readers back when it has no
     *                        {@code group-instance-id} (with one, its restart ends it at once)
     */
    public record Consumer(Duration pollTimeout, Duration shutdownTimeout, Duration revokeTimeout,
                           Integer maxPollRecords, Duration sessionTimeout, Duration heartbeatInterval,
                           String groupInstanceId, Duration exitAfterFailure, Duration commitInterval,
                           Duration transactionTimeout) {
        public Consumer {
            commitInterval = commitInterval == null ? Duration.ofMillis(100) : commitInterval;
            transactionTimeout = transactionTimeout == null ? Duration.ofSeconds(10) : transactionTimeout;
            exitAfterFailure = exitAfterFailure == null ? Duration.ofSeconds(10) : exitAfterFailure;
            sessionTimeout = sessionTimeout == null ? Duration.ofSeconds(10) : sessionTimeout;
            heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(3) : heartbeatInterval;
            groupInstanceId = groupInstanceId == null || groupInstanceId.isBlank() ? null : groupInstanceId;
            pollTimeout = pollTimeout == null ? Duration.ofMillis(100) : pollTimeout;
            shutdownTimeout = shutdownTimeout == null ? Duration.ofSeconds(30) : shutdownTimeout;
            revokeTimeout = revokeTimeout == null ? Duration.ofSeconds(15) : revokeTimeout;
            maxPollRecords = maxPollRecords == null ? 500 : maxPollRecords;
        }
    }

    /**
     * @param minReplicationFactor the least replication factor {@code orders.outcomes.v1} must have, checked at start
     *                             (default 1, the local stack's; 3 on a production cluster)
     */
    public record TopicChecks(Integer minReplicationFactor) {
        public TopicChecks {
            minReplicationFactor = minReplicationFactor == null || minReplicationFactor < 1 ? 1 : minReplicationFactor;
        }
    }

    /** The event that uploads the sale ({@code member-sync.upload-on}). */
    public OrderEvent trigger() {
        return OrderEvent.valueOf(uploadOn);
    }

    private static OrderEvent uploadOn(String value) {
        if (value == null || value.isBlank()) {
            return OrderEvent.CONFIRMED;
        }
        String name = value.strip().toUpperCase(Locale.ROOT);
        if (name.equals(OrderEvent.CONFIRMED.name()) || name.equals(OrderEvent.PAID.name())) {
            return OrderEvent.valueOf(name);
        }
        throw new IllegalArgumentException("member-sync.upload-on (MEMBERSYNC_UPLOADON) must be CONFIRMED or PAID, "
                + "not '" + value + "'");
    }

    /** The bound on orders read but not finished. */
    public int maxPending() {
        return batch.maxPending() > 0 ? batch.maxPending() : 3 * batch.maxSize() * crm.maxConcurrentRequests();
    }
}
