package com.mallsync.system.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import com.mallsync.model.Topics;

/** The state benchmark's admin steps on the stack's broker: keep every record, and move the groups past them. */
final class StateTopics {

    private StateTopics() {
    }

    /** retention.ms -1 on each topic: the records are older than the broker's 7 days and must all stay. */
    static void keepEverything(Admin admin, List<String> topics) throws Exception {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        if (!existing.containsAll(topics)) {
            throw new IllegalStateException("topics missing (erp-sync creates its ledger at start): " + topics
                    + " not all in " + existing);
        }
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
        for (String topic : topics) {
            ops.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"), AlterConfigOp.OpType.SET)));
        }
        admin.incrementalAlterConfigs(ops).all().get(30, TimeUnit.SECONDS);
    }

    /** Both consumer groups at the end of orders.paid.v1 (they start with nothing to sync); returns the records skipped. */
    static long moveGroupsToEnd(Admin admin) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.ORDERS_PAID)).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(Topics.ORDERS_PAID).partitions().stream()
                .map(p -> new TopicPartition(Topics.ORDERS_PAID, p.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
        admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get(30, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, new OffsetAndMetadata(info.offset())));
        for (String group : List.of(Topics.MEMBER_SYNC_GROUP, Topics.ERP_SYNC_GROUP)) {
            admin.alterConsumerGroupOffsets(group, ends).all().get(30, TimeUnit.SECONDS);
        }
        return ends.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    }
}
