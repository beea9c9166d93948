package com.mallsync.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What one transaction commits ({@link Offsets#round}): per partition the offset after its finished prefix, and the
 * publications of that prefix, in offset order per partition. Taken on the poll-loop thread; then either
 * {@link #committed}, given back ({@link Offsets#giveBack}) or {@link Offsets#drop dropped}.
 */
public final class Round {

    private final List<Prefix> prefixes;

    Round(List<Prefix> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    public boolean isEmpty() {
        return prefixes.isEmpty();
    }

    List<Prefix> prefixes() {
        return prefixes;
    }

    public Collection<TopicPartition> partitions() {
        return prefixes.stream().map(Prefix::partition).toList();
    }

    /** The offsets for {@code sendOffsetsToTransaction}. */
    public Map<TopicPartition, OffsetAndMetadata> offsets() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        prefixes.forEach(p -> offsets.put(p.partition(), new OffsetAndMetadata(p.position())));
        return offsets;
    }

    /** Every record to publish, in offset order within each partition (an order's records stay in order). */
    public List<ProducerRecord<String, String>> records() {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        prefixes.forEach(p -> p.publications().values().forEach(pub -> records.addAll(pub.records())));
        return records;
    }

    /** Source records finished in this round (with or without something to publish). */
    public int publications() {
        return prefixes.stream().mapToInt(p -> p.publications().size()).sum();
    }

    /** The transaction committed: runs each publication's {@link Publication#committed}. */
    public void committed() {
        prefixes.forEach(p -> p.publications().values().forEach(pub -> pub.committed().run()));
    }

    @Override
    public String toString() {
        return offsets() + " with " + publications() + " publication(s)";
    }
}
