package com.mallsync.ops.dlt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.mallsync.model.CloudEvents;
import com.mallsync.model.RecordHeaders;
import com.mallsync.model.Topics;

class DltReplayerCopyTest {

    @Test
    void aReplayedRecordKeepsTheSourceHeadersAndLeavesEveryDeadLetterHeaderBehindOldNamesToo() {
        ConsumerRecord<byte[], byte[]> dead = new ConsumerRecord<>(Topics.ERP_SYNC_DLT, 1, 9L, bytes("222:NO-1"),
                bytes("{\"orderNo\":\"NO-1\"}"));
        add(dead, CloudEvents.ID, "abc");
        add(dead, CloudEvents.TYPE, CloudEvents.ORDER_PAID_TYPE);
        // as both services write a dead letter now
        add(dead, RecordHeaders.DLT_ORIGINAL_TOPIC, Topics.ORDERS_PAID);
        add(dead, RecordHeaders.DLT_ORIGINAL_CONSUMER_GROUP, Topics.ERP_SYNC_GROUP);
        add(dead, RecordHeaders.DLT_EXCEPTION_MESSAGE, "ERP said no");
        add(dead, "mallsync_sync_status", "REJECTED");
        add(dead, "mallsync_sync_code", "2001");
        // as erp-sync wrote one before the names were shared
        add(dead, "erp-sync-status", "REJECTED");
        add(dead, "erp-sync-reason", "ERP said no");
        add(dead, "erp-sync-code", "2001");
        // an earlier replay's
        add(dead, RecordHeaders.REPLAYED_FROM, "orders.paid.v1.erp-sync.dlt/0/3");
        add(dead, RecordHeaders.REPLAY_IN_DOUBT, RecordHeaders.IN_DOUBT_RESEND);

        ProducerRecord<byte[], byte[]> copy = DltReplayer.copy(dead, "orders.paid.v1.erp-sync.dlt/1/9",
                RecordHeaders.IN_DOUBT_HOLD);

        assertThat(copy.topic()).isEqualTo(Topics.ORDERS_PAID);
        assertThat(copy.key()).isEqualTo(dead.key());
        assertThat(copy.value()).isEqualTo(dead.value());
        List<String> names = new ArrayList<>();
        copy.headers().forEach(h -> names.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)));
        assertThat(names).containsExactly("ce_id=abc", "ce_type=" + CloudEvents.ORDER_PAID_TYPE,
                "ops-replayed-from=orders.paid.v1.erp-sync.dlt/1/9", "ops-replay-in-doubt=HOLD");
    }

    private static void add(ConsumerRecord<byte[], byte[]> record, String name, String value) {
        record.headers().add(name, bytes(value));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
