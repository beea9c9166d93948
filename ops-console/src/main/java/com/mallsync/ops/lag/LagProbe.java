package com.mallsync.ops.lag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mallsync.model.Topics;
import com.mallsync.ops.OpsProperties;
import com.mallsync.ops.Pipeline;

/**
 * Takes a {@link Snapshot} every {@code ops.probe-interval}: lag of {@code member-sync} and {@code erp-sync} per
 * partition of {@code orders.paid.v1} (Kafka AdminClient), DLT sizes, the services' actuators, and the verdict of
 * {@link LagDiagnosis}. It remembers when each group's committed offsets last moved, which is what tells "stuck"
 * from "slow".
 */
@Component
@Profile("!replay-dlt")
public class LagProbe implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(LagProbe.class);
    private static final long TIMEOUT_S = 5;

    private final Admin admin;
    private final ServiceProbe services;
    private final OpsProperties properties;
    private final Clock clock;
    private final LagHistory history;
    private final Map<String, Map<TopicPartition, Long>> lastCommitted = new ConcurrentHashMap<>();
    private final Map<String, Instant> movedAt = new ConcurrentHashMap<>();
    private volatile Snapshot latest = Snapshot.empty();

    LagProbe(KafkaProperties kafka, ServiceProbe services, OpsProperties properties, Clock clock,
             LagHistory history) {
        Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        this.admin = Admin.create(config);
        this.services = services;
        this.properties = properties;
        this.clock = clock;
        this.history = history;
    }

    public Snapshot latest() {
        return latest;
    }

    @Scheduled(fixedDelayString = "${ops.probe-interval:5s}", initialDelay = 0)
    public void refresh() {
        latest = probe();
        history.record(latest);
    }

    Snapshot probe() {
        Instant now = clock.instant();
        Map<String, ServiceStatus> statuses = new LinkedHashMap<>();
        properties.services().urls().keySet().stream()
                .forEach(name -> statuses.put(name, services.probe(name, properties.urlOf(name))));
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.ORDERS_PAID)).allTopicNames()
                    .get(TIMEOUT_S, TimeUnit.SECONDS).get(Topics.ORDERS_PAID).partitions().stream()
                    .map(p -> new TopicPartition(Topics.ORDERS_PAID, p.partition())).toList();
            Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> start = offsets(partitions, OffsetSpec.earliest());
            List<Snapshot.GroupLag> groups = new ArrayList<>();
            for (Pipeline pipeline : Pipeline.values()) {
                groups.add(groupLag(pipeline, partitions, start, end, statuses.get(pipeline.service()), now));
            }
            return new Snapshot(now, null, groups, dltSizes(), statuses);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debug("Kafka probe failed", e);
            return new Snapshot(now, "Kafka not reachable: " + e, List.of(), List.of(), statuses);
        }
    }

    private Snapshot.GroupLag groupLag(Pipeline pipeline, List<TopicPartition> partitions,
                                       Map<TopicPartition, Long> start, Map<TopicPartition, Long> end,
                                       ServiceStatus service, Instant now) throws Exception {
        String group = pipeline.group();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
        int members = -1;
        String state = "UNKNOWN";
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get(TIMEOUT_S, TimeUnit.SECONDS);
            members = description.members().size();
            state = String.valueOf(description.groupState());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                members = 0;
                state = "NONE";
            } else {
                throw e;
            }
        }
        List<Snapshot.PartitionLag> lags = new ArrayList<>();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        long total = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed == null ? null : committed.get(tp);
            Long position = c == null ? null : c.offset();
            long lag = Math.max(0, end.getOrDefault(tp, 0L) - (position == null ? start.getOrDefault(tp, 0L) : position));
            total += lag;
            offsets.put(tp, position == null ? -1 : position);
            lags.add(new Snapshot.PartitionLag(tp.partition(), end.getOrDefault(tp, 0L), position, lag));
        }
        Map<TopicPartition, Long> before = lastCommitted.put(group, offsets);
        if (before == null || !before.equals(offsets) || total == 0) {
            movedAt.put(group, now);
        }
        Instant moved = movedAt.getOrDefault(group, now);
        LagDiagnosis diagnosis = LagDiagnosis.diagnose(total, service, members, Duration.between(moved, now),
                properties.stallAfter());
        return new Snapshot.GroupLag(group, pipeline.service(), pipeline.target(), total, members, state, lags,
                diagnosis, moved);
    }

    private List<Snapshot.DltSize> dltSizes() throws Exception {
        List<Snapshot.DltSize> sizes = new ArrayList<>();
        for (Pipeline pipeline : Pipeline.values()) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(pipeline.dlt())).allTopicNames()
                    .get(TIMEOUT_S, TimeUnit.SECONDS).get(pipeline.dlt()).partitions().stream()
                    .map(p -> new TopicPartition(pipeline.dlt(), p.partition())).toList();
            Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> start = offsets(partitions, OffsetSpec.earliest());
            long records = partitions.stream().mapToLong(tp -> end.get(tp) - start.get(tp)).sum();
            sizes.add(new Snapshot.DltSize(pipeline.dlt(), pipeline.group(), records));
        }
        return sizes;
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin
                .listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec)))
                .all().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(5));
    }
}
