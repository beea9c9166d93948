package com.mallsync.ops.dlt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import com.mallsync.model.CloudEvents;
import com.mallsync.model.RecordHeaders;
import com.mallsync.model.Topics;
import com.mallsync.ops.Pipeline;
import com.mallsync.ops.ledger.EventRef;

/**
 * DLT replay: re-publishes DLT records to {@code orders.paid.v1} with their key, value and CloudEvents headers (the
 * DLT's own headers stay behind), plus {@code ops-replayed-from: topic/partition/offset} and the operator's in-doubt
 * decision ({@code ops-replay-in-doubt}). Which records: {@link ReplayPlan}; how far "replay all" got:
 * {@link ReplayProgress}. Each send is acknowledged by the broker (acks=all) before it counts; a failed send is
 * reported and holds its partition's progress, so the next "replay all" tries it again. One replay at a time per
 * console.
 *
 * <p>Per event, not per order: the latest DLT record of each event of an order (a sale, a return of one line, a
 * cancellation) is replayed unless that event is settled at the DLT's target. Both consumers read
 * {@code orders.paid.v1}, so a record replayed for one target reaches the other too, which answers DUPLICATE (or
 * skips it) for an event it already decided.
 */
@Component
public class DltReplayer {

    /** The header a replayed record carries (defined once in common-model: the consumers read it). */
    public static final String REPLAYED_FROM = RecordHeaders.REPLAYED_FROM;

    private static final Logger LOG = LoggerFactory.getLogger(DltReplayer.class);
    private static final long ACK_WAIT_SECONDS = 40;
    /**
     * Headers a DLT record carries about its dead-lettering, not taken back: spring-kafka's and ours, including
     * erp-sync's old {@code erp-sync-*} names, which records dead-lettered before the names were shared still carry
     * (see {@link RecordHeaders#LEGACY_ERP_SYNC_PREFIX}); and an earlier replay's, which this replay sets anew.
     */
    private static final List<String> DLT_HEADER_PREFIXES = Stream.concat(RecordHeaders.DEAD_LETTER_PREFIXES.stream(),
            Stream.of(RecordHeaders.REPLAYED_FROM, RecordHeaders.REPLAY_IN_DOUBT)).toList();

    private final KafkaProperties kafka;
    private final TopicReader reader;
    private final ReplayProgress progress;

    DltReplayer(KafkaProperties kafka) {
        this.kafka = kafka;
        this.reader = new TopicReader(kafka);
        this.progress = new ReplayProgress(kafka);
    }

    /** Replays what the request selects; see {@link ReplayPlan} for which records. */
    public synchronized ReplayResult replay(ReplayRequest request) {
        List<String> topics = request.topics().isEmpty() ? allDlts() : request.topics();
        topics.forEach(DltReplayer::requireDlt);
        Map<String, ConsumerRecord<byte[], byte[]>> byId = new HashMap<>();
        Map<String, List<ReplayPlan.Candidate>> selected = new LinkedHashMap<>();
        Map<TopicPartition, Long> ends = new HashMap<>();
        Set<String> keys = new HashSet<>();
        for (String topic : topics) {
            List<ReplayPlan.Candidate> candidates = new ArrayList<>();
            ends.putAll(reader.read(topic, record -> {
                String key = key(record);
                String id = DltRecord.id(record.topic(), record.partition(), record.offset());
                if (request.selects(id, key)) {
                    byId.put(id, record);
                    candidates.add(new ReplayPlan.Candidate(id, new TopicPartition(record.topic(), record.partition()),
                            record.offset(), record.timestamp(), key,
                            EventRef.ofRecord(header(record, CloudEvents.TYPE), record.value()),
                            record.headers().lastHeader(RecordHeaders.REPLAYED_FROM) != null));
                    if (key != null) {
                        keys.add(key);
                    }
                }
            }));
            selected.put(topic, candidates);
        }
        SettledEvents settled = SettledEvents.read(reader, keys);
        Map<TopicPartition, Long> done = request.all() ? progress.read(ends.keySet()) : Map.of();

        Map<String, Integer> perTopic = new LinkedHashMap<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        Map<String, Future<RecordMetadata>> sends = new LinkedHashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (Map.Entry<String, List<ReplayPlan.Candidate>> e : selected.entrySet()) {
                Pipeline pipeline = pipeline(e.getKey());
                ReplayPlan.Plan plan = ReplayPlan.plan(e.getValue(), request.all(), done,
                        c -> settled.settled(c.key(), c.event(), pipeline.target()));
                plan.skipped().forEach((why, n) -> skipped.merge(why.name(), n, Integer::sum));
                perTopic.put(e.getKey(), 0);
                for (ReplayPlan.Candidate c : plan.chosen()) {
                    sends.put(c.id(), producer.send(copy(byId.get(c.id()), c.id(), request.inDoubt())));
                }
            }
            producer.flush();
        }
        List<String> ids = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<TopicPartition, Long> firstFailed = new HashMap<>();
        sends.forEach((id, send) -> {
            String error = await(send);
            ConsumerRecord<byte[], byte[]> source = byId.get(id);
            if (error == null) {
                ids.add(id);
                perTopic.merge(source.topic(), 1, Integer::sum);
            } else {
                failures.put(id, error);
                firstFailed.merge(new TopicPartition(source.topic(), source.partition()), source.offset(), Math::min);
            }
        });
        if (request.all()) {
            // every selected record below the end was replayed or skipped for good, except from a failed send on
            Map<TopicPartition, Long> next = new HashMap<>(ends);
            next.putAll(firstFailed);
            progress.commit(next);
        }
        LOG.info("replay ({}, in doubt {}): {} replayed {}, {} failed, skipped {}", request.all() ? "all" : "named",
                request.inDoubt(), ids.size(), perTopic, failures.size(), skipped);
        return new ReplayResult(ids.size(), failures.size(), perTopic, skipped, ids, failures, request.inDoubt(),
                Instant.now());
    }

    /** The records of one DLT, newest last, at most {@code limit} of the latest. */
    public List<DltRecord> list(String topic, int limit) {
        requireDlt(topic);
        List<DltRecord> records = new ArrayList<>();
        reader.read(topic, r -> {
            EventRef event = EventRef.ofRecord(header(r, CloudEvents.TYPE), r.value());
            records.add(new DltRecord(DltRecord.id(r.topic(), r.partition(), r.offset()), r.topic(), r.partition(),
                    r.offset(), key(r), event.event(), event.line(), Instant.ofEpochMilli(r.timestamp()),
                    header(r, RecordHeaders.DLT_EXCEPTION_MESSAGE), header(r, RecordHeaders.REPLAYED_FROM)));
        });
        records.sort(Comparator.comparing(DltRecord::timestamp));
        return records.size() <= limit ? records : records.subList(records.size() - limit, records.size());
    }

    /** What a replay of DLT record {@code id} publishes: the record's key, value and headers, less the DLT's own. */
    static ProducerRecord<byte[], byte[]> copy(ConsumerRecord<byte[], byte[]> record, String id, String inDoubt) {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(Topics.ORDERS_PAID, record.key(), record.value());
        for (Header header : record.headers()) {
            if (DLT_HEADER_PREFIXES.stream().noneMatch(header.key()::startsWith)) {
                out.headers().add(header);
            }
        }
        out.headers().add(REPLAYED_FROM, id.getBytes(StandardCharsets.UTF_8));
        out.headers().add(RecordHeaders.REPLAY_IN_DOUBT, inDoubt.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /** Null when the broker acknowledged the send, else why not. */
    private static String await(Future<RecordMetadata> send) {
        try {
            send.get(ACK_WAIT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        } catch (TimeoutException e) {
            return "no acknowledgement in " + ACK_WAIT_SECONDS + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static List<String> allDlts() {
        return Arrays.stream(Pipeline.values()).map(Pipeline::dlt).toList();
    }

    private static Pipeline pipeline(String dlt) {
        return Arrays.stream(Pipeline.values()).filter(p -> p.dlt().equals(dlt)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a DLT: " + dlt + " (one of " + allDlts() + ")"));
    }

    private static void requireDlt(String topic) {
        pipeline(topic);
    }
}
