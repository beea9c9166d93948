package com.mallsync.erpsync.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import com.mallsync.erpsync.mapping.GoodsField;
import com.mallsync.erpsync.mapping.MallErpSettings;
import com.mallsync.model.Retention;
import com.mallsync.model.Topics;

/**
 * Every setting of erp-sync-service (see the README's table). A {@code null} means "the documented default".
 *
 * @param erp          the ERP and its credentials
 * @param mallDefaults how orders look in the ERP unless a mall says otherwise
 * @param malls        per mall ({@code erp-sync.malls.<mallId>.*}): its UID and any override of the defaults
 * @param consumer     the poll loop and its concurrency
 * @param retry        the per-order retry budget and backoff
 * @param topics       topic names (defaults from {@link Topics}) and whether the service creates its own topics
 * @param inDoubt      what to do with an order the ERP may already have created though no answer said so
 * @param outcomeIndex how far back the outcome index reads and remembers
 * @param ledger       how far back the synced ledger reads and remembers, and how long a catch-up may take
 */
@ConfigurationProperties("erp-sync")
public record ErpSyncProperties(Erp erp, Mall mallDefaults, Map<Long, Mall> malls, Consumer consumer, Retry retry,
                                TopicNames topics, InDoubt inDoubt, OutcomeIndex outcomeIndex,
                                Ledger ledger) {

    /** The compacted topic recording every order the ERP confirmed (this service's own). */
    public static final String SYNCED_TOPIC = "erp-sync.synced.v1";

    public ErpSyncProperties {
        erp = erp == null ? new Erp(null, null, null, null, null, null, null, null, null) : erp;
        mallDefaults = Mall.DEFAULTS.overriddenBy(mallDefaults);
        malls = malls == null ? Map.of() : Map.copyOf(malls);
        consumer = consumer == null ? new Consumer(null, 0, -1, 0, null, null, null, null, null, null, null, null, null) : consumer;
        retry = retry == null ? new Retry(0, null, 0, null, -1, null) : retry;
        topics = topics == null ? new TopicNames(null, null, null, null, 0, null, 0) : topics;
        inDoubt = inDoubt == null ? new InDoubt(null) : inDoubt;
        outcomeIndex = outcomeIndex == null ? new OutcomeIndex(null) : outcomeIndex;
        ledger = ledger == null ? new Ledger(null, null) : ledger;
    }

    /**
     * @param window the outcomes it remembers, by the time they were published (default 60 days, the after-sale
     *               window of {@link Retention#AFTER_SALE}: a return reads its sale's outcome)
     */
    public record OutcomeIndex(Duration window) {
        public OutcomeIndex {
            window = window == null ? Retention.AFTER_SALE : window;
        }
    }

    /**
     * @param window         the confirmations and pending marks the ledger reads at start and remembers, by their
     *                       time (default 60 days, {@link Retention#AFTER_SALE}): an event of an order paid longer
     *                       ago than this is never sent, since its confirmation may be forgotten (REJECTED
     *                       {@code OUTSIDE_LEDGER_WINDOW}); widen it to replay such an order
     * @param catchUpTimeout every assigned partition (at the start too) is held, paused, until the ledger has read
     *                       everything written before, however long that takes ({@code HeldPartitions}); a hold
     *                       longer than this (default 60 s) is logged as a warning
     */
    public record Ledger(Duration window, Duration catchUpTimeout) {
        public Ledger {
            window = window == null ? Retention.AFTER_SALE : window;
            catchUpTimeout = catchUpTimeout == null ? Duration.ofSeconds(60) : catchUpTimeout;
        }
    }

    /** The resolved settings of one mall: its own values over the defaults. */
    public MallErpSettings mall(long mallId) {
        Mall m = mallDefaults.overriddenBy(malls.get(mallId));
        return new MallErpSettings(m.uid(), m.tradeType(), m.tradeSource(), m.payStatus(), m.payChannels(),
                m.defaultPayChannel(), m.weChatPayChannel(), m.storedProcedureName(), m.audit(), m.goodsIdField(),
                m.yhProductIdField());
    }

    /** How the request body is encoded: the seed does not say. */
    public enum BodyFormat { JSON, FORM }

    /**
     * @param baseUrl         e.g. {@code http://api.mall.yhsms.com.cn} (the path is the seed's)
     * @param platformId      {@code PlatformID} (YHDT号)
     * @param userAccessToken {@code UserAccessToken}
     * @param bodyFormat      JSON (default) or FORM
     * @param connectTimeout  TCP connect timeout
     * @param requestTimeout  hard deadline of the whole call, reply body included (a body that stalls past it is
     *                        abandoned); a call that times out is in doubt and retried
     * @param retryableCodes  business {@code Code}s that mean "try again later" rather than "never"
     * @param duplicateCodes  business {@code Code}s that mean "this order exists already" (the seed documents none;
     *                        an ERP set up to refuse a second {@code OuterID} makes every resend safe): DUPLICATE
     * @param maxReplySize    the largest reply read (default 1 MiB); a larger one is an unreadable reply: retried,
     *                        taken as "not created" like every unreadable reply
     */
    public record Erp(String baseUrl, String platformId, String userAccessToken, BodyFormat bodyFormat,
                      Duration connectTimeout, Duration requestTimeout, List<String> retryableCodes,
                      List<String> duplicateCodes, DataSize maxReplySize) {
        public Erp {
            baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8092" : baseUrl.replaceAll("/+$", "");
            platformId = platformId == null ? "" : platformId;
            userAccessToken = userAccessToken == null ? "" : userAccessToken;
            bodyFormat = bodyFormat == null ? BodyFormat.JSON : bodyFormat;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout;
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
            retryableCodes = retryableCodes == null ? List.of() : List.copyOf(retryableCodes);
            duplicateCodes = duplicateCodes == null ? List.of() : List.copyOf(duplicateCodes);
            maxReplySize = maxReplySize == null ? DataSize.ofMegabytes(1) : maxReplySize;
        }
    }

    /** Per-mall ERP settings; see {@link MallErpSettings} for each field. */
    public record Mall(String uid, String tradeType, String tradeSource, String payStatus,
                       Map<Integer, String> payChannels, String defaultPayChannel, String weChatPayChannel,
                       String storedProcedureName, Integer audit, GoodsField goodsIdField,
                       GoodsField yhProductIdField) {

        /**
         * The documented defaults: the values of the seed's examples where it has them ({@code PC_WX} only for a
         * push that says WeChat); the mall's pay types 1 online, 2 cash on delivery, 3 balance get channel names of
         * our choosing (the seed shows none but {@code PC_WX}); no catch-all channel.
         */
        static final Mall DEFAULTS = new Mall("", "Fixed", "TS_WX", "2",
                Map.of(1, "PC_ONLINE", 2, "PC_COD", 3, "PC_BALANCE"), "", "PC_WX",
                "UP_TradeTransferToSale", 0, GoodsField.GOODS_ID, GoodsField.NONE);

        Mall overriddenBy(Mall o) {
            if (o == null) {
                return this;
            }
            Map<Integer, String> channels = new HashMap<>(payChannels == null ? Map.of() : payChannels);
            if (o.payChannels != null) {
                channels.putAll(o.payChannels);
            }
            return new Mall(pick(o.uid, uid), pick(o.tradeType, tradeType), pick(o.tradeSource, tradeSource),
                    pick(o.payStatus, payStatus), channels, pick(o.defaultPayChannel, defaultPayChannel),
                    pick(o.weChatPayChannel, weChatPayChannel),
                    pick(o.storedProcedureName, storedProcedureName), o.audit != null ? o.audit : audit,
                    o.goodsIdField != null ? o.goodsIdField : goodsIdField,
                    o.yhProductIdField != null ? o.yhProductIdField : yhProductIdField);
        }

        private static String pick(String value, String fallback) {
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    /**
     * @param groupId                  consumer group (contract: {@code erp-sync})
     * @param maxInFlight              ERP calls at once, over all partitions
     * @param maxInFlightPerPartition  0 = no limit; 1 = the classic one-at-a-time-per-partition consumer
     * @param maxBuffered              records fetched but unfinished before fetching pauses
     * @param pollTimeout              one poll's wait
     * @param commitInterval           how often one transaction commits the outcomes and dead letters of the records
     *                                 finished since, with their offsets (default 100 ms: the latency it adds to an
     *                                 outcome)
     * @param shutdownTimeout          how long a stop or a revocation waits for calls in progress
     * @param autoStartup              start consuming with the application
     * @param sessionTimeout           {@code session.timeout.ms}: how soon the group gives a dead member's partitions
     *                                 to others (a restarted instance waits for its predecessor's session to end)
     * @param heartbeatInterval        {@code heartbeat.interval.ms} (about a third of the session timeout)
     * @param groupInstanceId          {@code group.instance.id} for static membership (none by default): a restart
     *                                 with the same id takes its partitions back at once, without a rebalance; every
     *                                 instance needs its own id
     * @param exitAfterFailure         when the poll loop stops unexpectedly, readiness goes DOWN at once and the
     *                                 process exits with status 1 this long after (default 10 s) so its supervisor
     *                                 restarts it; negative: never exit (tests)
     * @param transactionTimeout       {@code transaction.timeout.ms} of the outcome producer (default 10 s): how long
     *                                 a dead instance's open transaction can hold {@code read_committed} readers back
     *                                 when it has no {@code group-instance-id} (with one, its restart ends it at once)
     */
    public record Consumer(String groupId, int maxInFlight, int maxInFlightPerPartition, int maxBuffered,
                           Duration pollTimeout, Duration commitInterval, Duration shutdownTimeout,
                           Boolean autoStartup, Duration sessionTimeout, Duration heartbeatInterval,
                           String groupInstanceId, Duration exitAfterFailure, Duration transactionTimeout) {
        public Consumer {
            groupId = groupId == null || groupId.isBlank() ? Topics.ERP_SYNC_GROUP : groupId;
            maxInFlight = maxInFlight <= 0 ? 16 : maxInFlight;
            maxInFlightPerPartition = Math.max(0, maxInFlightPerPartition);
            maxBuffered = maxBuffered <= 0 ? 1000 : maxBuffered;
            pollTimeout = pollTimeout == null ? Duration.ofMillis(200) : pollTimeout;
            commitInterval = commitInterval == null ? Duration.ofMillis(100) : commitInterval;
            shutdownTimeout = shutdownTimeout == null ? Duration.ofSeconds(30) : shutdownTimeout;
            autoStartup = autoStartup == null || autoStartup;
            sessionTimeout = sessionTimeout == null ? Duration.ofSeconds(10) : sessionTimeout;
            heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(3) : heartbeatInterval;
            groupInstanceId = groupInstanceId == null || groupInstanceId.isBlank() ? null : groupInstanceId;
            exitAfterFailure = exitAfterFailure == null ? Duration.ofSeconds(10) : exitAfterFailure;
            transactionTimeout = transactionTimeout == null ? Duration.ofSeconds(10) : transactionTimeout;
        }
    }

    /**
     * @param maxAttempts    per-order budget of failed calls (timeouts, connection errors, 5xx, retryable codes) made
     *                       while the breaker stayed closed; then FAILED + DLT
     * @param initialBackoff wait after the first failure
     * @param multiplier     backoff growth per failure
     * @param maxBackoff     longest wait
     * @param jitter         ± share of each wait chosen at random (0.2 = ±20 %)
     * @param breakerPoll    how often an order parked by the open breaker checks it again
     */
    public record Retry(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
                        double jitter, Duration breakerPoll) {
        public Retry {
            maxAttempts = maxAttempts <= 0 ? 10 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofMillis(500) : initialBackoff;
            multiplier = multiplier < 1 ? 2.0 : multiplier;
            maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
            jitter = jitter < 0 || jitter > 1 ? 0.2 : jitter;
            breakerPoll = breakerPoll == null ? Duration.ofMillis(200) : breakerPoll;
        }
    }

    /**
     * @param source           the paid orders ({@link Topics#ORDERS_PAID})
     * @param outcomes         where outcomes go ({@link Topics#ORDERS_OUTCOMES})
     * @param deadLetter       REJECTED / FAILED records ({@link Topics#ERP_SYNC_DLT})
     * @param synced           the compacted record of confirmed orders ({@value #SYNCED_TOPIC})
     * @param syncedPartitions partitions of {@code synced} when the service creates it
     * @param create           create {@code deadLetter} and {@code synced} at start when missing
     * @param minReplicationFactor the least replication factor {@code synced} and {@code outcomes} must have, checked
     *                         at start (default 1, the local stack's; 3 on a production cluster)
     */
    public record TopicNames(String source, String outcomes, String deadLetter, String synced, int syncedPartitions,
                             Boolean create, int minReplicationFactor) {
        public TopicNames {
            source = source == null || source.isBlank() ? Topics.ORDERS_PAID : source;
            outcomes = outcomes == null || outcomes.isBlank() ? Topics.ORDERS_OUTCOMES : outcomes;
            deadLetter = deadLetter == null || deadLetter.isBlank() ? Topics.ERP_SYNC_DLT : deadLetter;
            synced = synced == null || synced.isBlank() ? SYNCED_TOPIC : synced;
            syncedPartitions = syncedPartitions <= 0 ? 3 : syncedPartitions;
            create = create == null || create;
            minReplicationFactor = Math.max(1, minReplicationFactor);
        }
    }

    /** What happens to an order whose earlier call may have created it in the ERP (see {@link InDoubt}). */
    public enum InDoubtPolicy { RESEND, HOLD }

    /**
     * An order is in doubt when a call for it got no answer in time (the request was sent; the ERP may have done it),
     * or when the ledger shows a call started for it whose answer was never recorded (an instance stopped mid-call).
     * The ERP documents no duplicate check and no lookup, so a second call may create it twice.
     *
     * @param policy {@code RESEND} (default): call again, so nothing is held up; if it ends SYNCED its outcome's
     *               {@code reason} says it was in doubt, so the ERP can be checked for a second order with that
     *               {@code OuterID}. {@code HOLD}: no further call; FAILED + DLT with the reason, for a person to check
     *               the ERP and replay the record saying RESEND (header {@code ops-replay-in-doubt}; a replay
     *               without it is held again) or leave it. With {@code erp.duplicate-codes} set, a resend cannot
     *               create a second order and RESEND is safe.
     */
    public record InDoubt(InDoubtPolicy policy) {
        public InDoubt {
            policy = policy == null ? InDoubtPolicy.RESEND : policy;
        }
    }
}
