package com.mallsync.ops.lag;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.mallsync.model.event.SyncTarget;

/**
 * One probe of everything that is not on the topics themselves: lag per group and partition, DLT sizes, the
 * services' health and breakers.
 *
 * @param at          when it was taken
 * @param kafkaError  why Kafka could not be asked, or {@code null}
 * @param groups      the two consumer groups
 * @param dlts        the DLTs and how many records each holds
 * @param services    service name → what its actuator said
 */
public record Snapshot(Instant at, String kafkaError, List<GroupLag> groups, List<DltSize> dlts,
                       Map<String, ServiceStatus> services) {

    public static Snapshot empty() {
        return new Snapshot(Instant.EPOCH, "not probed yet", List.of(), List.of(), Map.of());
    }

    /**
     * @param group        the consumer group
     * @param service      the service that consumes with it
     * @param target       where that service syncs to
     * @param lag          total lag over the partitions
     * @param members      members in the group now (-1 unknown)
     * @param groupState   Kafka's state of the group (STABLE, EMPTY, ...)
     * @param partitions   lag per partition
     * @param diagnosis    why there is (or is not) lag
     * @param offsetsMovedAt when the committed offsets last changed (as seen by the console)
     */
    public record GroupLag(String group, String service, SyncTarget target, long lag, int members, String groupState,
                           List<PartitionLag> partitions, LagDiagnosis diagnosis, Instant offsetsMovedAt) {
    }

    /** @param committed {@code null} when the group has not committed on this partition */
    public record PartitionLag(int partition, long endOffset, Long committed, long lag) {
    }

    /** @param records records in the topic (end minus start offsets) */
    public record DltSize(String topic, String group, long records) {
    }
}
