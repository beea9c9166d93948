package com.mallsync.runtime;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.FencedMemberEpochException;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.StaleMemberEpochException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one outcome and dead-letter sink of both consumer services (issue 11, KIP-447): a transactional producer that
 * commits, in one transaction, the publications of every partition's finished prefix and the consumed offsets after
 * it, bound to the consumer group's metadata. Workers and senders only hand over "record R is finished, with these
 * records to publish" ({@link PartitionOffsets#finished(long, Publication)}); they never wait for Kafka. The poll-loop
 * thread calls {@link #commit} between polls (every commit interval, before a revoke completes, at stop): a record's
 * outcome becomes visible to {@code read_committed} readers exactly when its offset is committed, and a consumer the
 * group has moved on from (a zombie: its generation is old) has its commit refused by the group coordinator and none
 * of its outcomes ever appear.
 *
 * <p>A raw {@link Producer}, not spring's {@code KafkaTemplate}: the transaction's boundaries are our poll loop's (a
 * round between polls, the consumer's own {@code groupMetadata()}), and each failure below needs its own answer,
 * which the template's producer factory (it caches, fences and replaces producers itself and wraps the exceptions)
 * would hide.
 *
 * <p>What each failure does ({@link #classify}):
 * <ul>
 *   <li><b>refused</b>: {@link CommitFailedException}, {@link FencedInstanceIdException}, an old generation or an
 *       unknown member, a fenced or stale member epoch (the same under KIP-848's {@code group.protocol=consumer}).
 *       The group moved on (we are a zombie), or a commit's end could not be learned: abort; the round and
 *       everything else held for those partitions is dropped (claims released), the partitions are forgotten and,
 *       where the consumer still has them, rewound (a local seek, {@link #rewind}) and taken up again by the poll
 *       loop ({@link Commit.Refused#settle}). The records are redelivered to whoever owns them now.</li>
 *   <li><b>fenced</b>: {@link ProducerFencedException}, {@link InvalidProducerEpochException},
 *       {@link OutOfOrderSequenceException}, {@link InvalidPidMappingException}, a producer in an error state. The
 *       producer is closed and a new one made (same {@code transactional.id}: its {@code initTransactions} ends
 *       whatever the old one left open). The round is given back: repeating it is safe, because the repeat is again
 *       bound to the consumer's generation, so a zombie's repeat is refused; partitions revoked meanwhile are dropped.
 *       With a stable {@code transactional.id} (static membership) a {@code ProducerFencedException} means another
 *       process runs under our {@code group.instance.id}: that is fatal, as a fenced instance id is.</li>
 *   <li><b>fatal</b>: authorization, an unsupported version, and a record that can never be sent (too large for
 *       the producer or topic, a topic name the broker refuses, one that cannot be serialised): repeating the round
 *       would fail the same way every 100 ms and block every partition's commits behind it, silently. Propagates:
 *       the poll loop ends ({@code LoopWatch}), readiness goes down, nothing is committed past the record. Ingest
 *       keeps {@code RecordHeaders.DLT_HEADROOM_BYTES} free below the topic's limit, and dead letters cut their
 *       reason ({@link Reasons}), so a dead-letter copy of any record ingest accepted fits.</li>
 *   <li><b>abortable</b>: anything else (timeouts, a failed send). Abort; the same round is given back and repeated
 *       at the next commit. A {@code commitTransaction} that timed out is resumed, not aborted; if it still does not
 *       answer, a new producer finishes it one way or the other and the committed offsets say which.</li>
 * </ul>
 *
 * <p>Meters ({@code prefix} is the service's, e.g. {@code erp.sync}): {@code <prefix>.transactions} (counter, tag
 * {@code result}: committed, aborted, refused, fenced), {@code <prefix>.transaction.records} (records published per
 * committed transaction), {@code <prefix>.transaction.commit} (timer: begin to commit), and the producer's own
 * {@code kafka_producer_*} meters.
 *
 * <p>Threads: every method runs on the poll-loop thread.
 */
public final class OutcomeSink implements AutoCloseable {

    /** How a failed transaction is handled; see the class comment. */
    enum Failure { ABORTABLE, REFUSED, FENCED, FATAL }

    /** What one {@link #commit} did. */
    public sealed interface Commit {
        /** Nothing moved and nothing was held. */
        record Idle() implements Commit { }

        /** One transaction committed {@code records} records and the offsets of {@code sources} finished records. */
        record Committed(int sources, int records) implements Commit { }

        /** Aborted; the same round is repeated at the next commit. */
        record Aborted(String why) implements Commit { }

        /**
         * Refused by the group (a zombie), or a commit whose end could not be learned: the partitions' held work is
         * dropped and they are forgotten; the poll loop {@linkplain #settle settles} them.
         */
        record Refused(Collection<TopicPartition> partitions, String why) implements Commit {

            /**
             * What the poll loop does with a refusal, the same in both services: its own work of the partitions is
             * dropped as for lost partitions; those the consumer still has ({@code assignment}: an unknown end with
             * the group unchanged, or a refusal the consumer has not noticed yet) are then taken up again as newly
             * assigned, so they are held, read again from their commit, and owned again. Without that a partition
             * the group never moves would stay dropped by the loop until a restart. When the group did move on, the
             * next poll revokes or loses them as usual.
             */
            public void settle(Set<TopicPartition> assignment, ConsumerRebalanceListener rebalance) {
                rebalance.onPartitionsLost(partitions);
                Set<TopicPartition> still = new LinkedHashSet<>(partitions);
                still.retainAll(assignment);
                if (!still.isEmpty()) {
                    LOG.info("{} still assigned after the refusal: taken up again from their commit", still);
                    rebalance.onPartitionsAssigned(still);
                }
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeSink.class);
    private static final Commit IDLE = new Commit.Idle();
    private static final int COMMIT_RESUMES = 3;

    private final Supplier<Producer<String, String>> producers;
    private final boolean stableId;
    private final Offsets offsets;
    private final MeterRegistry meters;
    private final String prefix;
    private final DistributionSummary recordsPerTransaction;
    private final Timer commitTime;
    private Producer<String, String> producer;
    /** Whether {@link #producer} is inside a transaction it began (an abort of none would break the producer). */
    private boolean open;
    /**
     * Why the sink stopped for good (a fatal error, or our stable {@code transactional.id} in use elsewhere), or
     * {@code null}. Latched: a later commit (on revoke, at shutdown) must neither make a new producer, which would
     * fence the instance that took our id over, nor commit offsets past the outcomes the fatal round dropped.
     */
    private String broken;
    /** The producer's {@code kafka_producer_*} meters, closed with it (a replaced producer's must not linger). */
    private KafkaClientMetrics producerMetrics;

    /**
     * @param producers makes a transactional producer ({@link #producerConfig}); called again after a fencing
     * @param stableId  whether its {@code transactional.id} is stable across restarts ({@link #transactionalId})
     */
    public OutcomeSink(Supplier<Producer<String, String>> producers, boolean stableId, Offsets offsets,
                       MeterRegistry meters, String prefix) {
        this.producers = producers;
        this.stableId = stableId;
        this.offsets = offsets;
        this.meters = meters;
        this.prefix = prefix;
        this.recordsPerTransaction = DistributionSummary.builder(prefix + ".transaction.records")
                .description("outcome and dead-letter records per committed transaction").register(meters);
        this.commitTime = Timer.builder(prefix + ".transaction.commit")
                .description("one transaction: begin, sends, offsets, commit").register(meters);
    }

    /**
     * Stable per instance with static membership, so a restart's {@code initTransactions} aborts the dead
     * instance's open transaction at once; otherwise unique per start (and a short {@code transaction.timeout.ms}
     * bounds how long a dead instance's open transaction can hold {@code read_committed} readers back).
     */
    public static String transactionalId(String group, String groupInstanceId) {
        return group + "-" + (groupInstanceId != null ? groupInstanceId : UUID.randomUUID());
    }

    /** The service's producer settings made transactional: idempotent, {@code acks=all}, String serdes. */
    public static Map<String, Object> producerConfig(Map<String, Object> base, String transactionalId,
                                                     Duration transactionTimeout) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout.toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    /**
     * {@link #commit(Consumer)} as the poll loop calls it: a refusal is {@linkplain Commit.Refused#settle settled}
     * with the loop's own rebalance listener, taking up again the partitions the consumer still has except
     * {@code leaving} (those being revoked, or all of them at shutdown).
     *
     * @throws RuntimeException a fatal error (see the class comment): the poll loop should end
     */
    public Commit commit(Consumer<?, ?> consumer, ConsumerRebalanceListener loop, Collection<TopicPartition> leaving) {
        Commit commit = commit(consumer);
        if (commit instanceof Commit.Refused refused) {
            Set<TopicPartition> kept = new HashSet<>(consumer.assignment());
            kept.removeAll(leaving);
            refused.settle(kept, loop);
        }
        return commit;
    }

    /**
     * One transaction of every partition's finished prefix: its publications, then its offsets, then the commit.
     * Nothing happens when no position moved and nothing is held.
     *
     * @throws RuntimeException a fatal error (see the class comment): the poll loop should end
     */
    public Commit commit(Consumer<?, ?> consumer) {
        if (broken != null) {
            throw new IllegalStateException("the outcome sink stopped after " + broken + "; nothing more is committed");
        }
        Round round = offsets.round();
        if (round.isEmpty()) {
            return IDLE;
        }
        if (consumer.groupMetadata().generationId() < 0) {
            // Not a member with a generation (dropped by the group, rejoining): a transactional offset commit
            // without one is not checked against the group's generation, so it is never sent.
            return failed(consumer, round, new CommitFailedException("no group generation: not a member now"), false);
        }
        long start = System.nanoTime();
        List<ProducerRecord<String, String>> records = round.records();
        boolean ending = false;
        try {
            Producer<String, String> p = producer();
            p.beginTransaction();
            open = true;
            for (ProducerRecord<String, String> record : records) {
                p.send(record);
            }
            p.sendOffsetsToTransaction(round.offsets(), consumer.groupMetadata());
            ending = true;
            commitResuming(p);
            open = false;
        } catch (RuntimeException e) {
            return failed(consumer, round, e, ending);
        }
        commitTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        recordsPerTransaction.record(records.size());
        count("committed");
        offsets.committed(round);
        return new Commit.Committed(round.publications(), records.size());
    }

    private void commitResuming(Producer<String, String> p) {
        for (int attempt = 1; ; attempt++) {
            try {
                p.commitTransaction();
                return;
            } catch (TimeoutException e) {
                if (attempt >= COMMIT_RESUMES) {
                    throw e;
                }
                LOG.warn("commitTransaction timed out ({}); resuming it", e.toString());
            }
        }
    }

    private Commit failed(Consumer<?, ?> consumer, Round round, RuntimeException e, boolean ending) {
        Failure failure = classify(e);
        if (failure == Failure.ABORTABLE && ending && e instanceof TimeoutException) {
            return unknownEnd(consumer, round, e);
        }
        switch (failure) {
            case REFUSED -> {
                abortQuietly();
                offsets.drop(round);
                Collection<TopicPartition> partitions = round.partitions();
                rewind(consumer, offsets.forget(partitions));
                count("refused");
                LOG.warn("transaction of {} refused by the group ({}): aborted, its outcomes will never appear; the "
                        + "records go to whoever owns {} now", round, e.toString(), partitions);
                return new Commit.Refused(partitions, e.toString());
            }
            case FENCED -> {
                closeProducer();
                count("fenced");
                if (stableId && causedBy(e, ProducerFencedException.class)) {
                    stop(round, e);
                    LOG.error("producer fenced: another instance runs under our transactional.id; stopping", e);
                    throw e;
                }
                offsets.giveBack(round);
                LOG.warn("producer fenced or broken ({}): a new producer repeats {} at the next commit", e.toString(),
                        round);
                return new Commit.Aborted(e.toString());
            }
            case FATAL -> {
                closeProducer();
                stop(round, e);
                LOG.error("transaction of {} failed fatally", round, e);
                throw e;
            }
            default -> {
                abortQuietly();
                offsets.giveBack(round);
                count("aborted");
                LOG.warn("transaction of {} aborted ({}); repeated at the next commit", round, e.toString());
                return new Commit.Aborted(e.toString());
            }
        }
    }

    /** For good: the round's outcomes dropped, its partitions forgotten (no later finish counts), the sink latched. */
    private void stop(Round round, RuntimeException e) {
        broken = e.toString();
        offsets.drop(round);
        offsets.forget(round.partitions());
    }

    /**
     * {@code commitTransaction} never answered: the broker may have committed. A new producer's
     * {@code initTransactions} (same id) completes or aborts it, and then the group's committed offsets say which.
     */
    private Commit unknownEnd(Consumer<?, ?> consumer, Round round, RuntimeException e) {
        closeProducer();
        try {
            producer();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(round.partitions()),
                    Duration.ofSeconds(30));
            if (round.offsets().equals(committed)) {
                LOG.warn("commitTransaction timed out ({}) but {} was committed", e.toString(), round);
                count("committed");
                offsets.committed(round);
                return new Commit.Committed(round.publications(), round.records().size());
            }
        } catch (RuntimeException again) {
            LOG.warn("could not learn how the timed-out transaction ended ({})", again.toString());
            closeProducer();
            offsets.drop(round);
            Collection<TopicPartition> partitions = round.partitions();
            rewind(consumer, offsets.forget(partitions));
            count("aborted");
            // Unknown: read the records again from what is committed, whichever way it ended.
            return new Commit.Refused(partitions, again.toString());
        }
        offsets.giveBack(round);
        count("aborted");
        LOG.warn("commitTransaction timed out ({}); {} was not committed and is repeated", e.toString(), round);
        return new Commit.Aborted(e.toString());
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Which of the four answers an exception (or its cause) gets; see the class comment. */
    static Failure classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CommitFailedException || t instanceof FencedInstanceIdException
                    || t instanceof IllegalGenerationException || t instanceof UnknownMemberIdException
                    || t instanceof FencedMemberEpochException || t instanceof StaleMemberEpochException) {
                return Failure.REFUSED;
            }
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException
                    || t instanceof OutOfOrderSequenceException || t instanceof InvalidPidMappingException
                    || t instanceof IllegalStateException) {
                return Failure.FENCED;
            }
            if (t instanceof AuthorizationException || t instanceof UnsupportedVersionException
                    || t instanceof RecordTooLargeException || t instanceof InvalidTopicException
                    || t instanceof SerializationException) {
                return Failure.FATAL;
            }
        }
        return Failure.ABORTABLE;
    }

    /**
     * Rewinds the refused partitions the consumer still has to where this owner's reading of them began or its last
     * commit known to have succeeded ({@link Offsets#forget}), so nothing is skipped. A local seek, without asking
     * the broker: after a refusal or an unknown end the broker may not answer either, and the fallback that asking
     * needed ({@code enforceRebalance}) resets nothing under KIP-848's protocol. Never past the group's committed
     * offset as far as our own commits go; if another member committed further, we are a zombie, the records read
     * again are known to the outcome index (the partitions are held until it caught up), and the next poll revokes
     * or loses them.
     */
    private static void rewind(Consumer<?, ?> consumer, Map<TopicPartition, OffsetAndMetadata> replay) {
        Set<TopicPartition> assigned = consumer.assignment();
        replay.forEach((tp, from) -> {
            if (assigned.contains(tp)) {
                consumer.seek(tp, from);
            }
        });
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            Producer<String, String> p = producers.get();
            try {
                p.initTransactions();
            } catch (RuntimeException e) {
                p.close(Duration.ZERO);
                throw e;
            }
            producer = p;
            producerMetrics = new KafkaClientMetrics(p);
            producerMetrics.bindTo(meters);
        }
        return producer;
    }

    private void abortQuietly() {
        if (producer == null || !open) {
            return; // no transaction begun (refused before it started): nothing to abort, the producer stays
        }
        open = false;
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            LOG.warn("abortTransaction failed ({}); making a new producer", e.toString());
            closeProducer();
        }
    }

    private void closeProducer() {
        close(Duration.ZERO);
    }

    private void close(Duration timeout) {
        open = false;
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (RuntimeException e) {
                LOG.warn("closing the outcome producer: {}", e.toString());
            }
            producer = null;
        }
        if (producerMetrics != null) {
            producerMetrics.close();
            producerMetrics = null;
        }
    }

    private void count(String result) {
        Counter.builder(prefix + ".transactions").description("outcome transactions by result")
                .tag("result", result).register(meters).increment();
    }

    /** Closes the producer: an open transaction is aborted by the broker (or by the next instance's init). */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
