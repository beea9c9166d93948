package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

class ReasonsAndUnreadableSourceTest {

    @Test
    void aLongReasonIsCutToFiveHundredCharactersAndAShortOneKept() {
        assertThat(Reasons.cut("short")).isEqualTo("short");
        assertThat(Reasons.cut(null)).isNull();
        String cut = Reasons.cut("字".repeat(10_000));
        assertThat(cut).hasSize(Reasons.MAX).endsWith("…");
        assertThat(Reasons.cut("x".repeat(Reasons.MAX))).hasSize(Reasons.MAX).doesNotContain("…");
    }

    @Test
    void anUnreadableRecordIsRejectedUnderItsKeysOrderWithAnIdOfItsOwnPosition() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("orders.paid.v1", 2, 41L, "222:NO-1", "garbage");
        SyncOutcome outcome = UnreadableSource.rejected(record, SyncTarget.ERP, "unreadable", Instant.EPOCH).orElseThrow();
        assertThat(outcome.mallId()).isEqualTo(222);
        assertThat(outcome.orderNo()).isEqualTo("NO-1");
        assertThat(outcome.status()).isEqualTo(SyncStatus.REJECTED);
        assertThat(outcome.attempts()).isZero();
        assertThat(outcome.eventId()).as("not the order's PAID event: that one is still decided when it comes")
                .isNotEqualTo(OrderPaid.eventIdFor(222, "NO-1"))
                .isEqualTo(UnreadableSource.eventId("orders.paid.v1", 2, 41L))
                .isNotEqualTo(UnreadableSource.eventId("orders.paid.v1", 2, 42L));
    }

    @Test
    void aKeyThatNamesNoOrderGetsNoOutcome() {
        for (String key : new String[] {null, "", "nocolon", ":x", "abc:x", "222:"}) {
            ConsumerRecord<String, String> record = new ConsumerRecord<>("orders.paid.v1", 0, 1L, key, "garbage");
            assertThat(UnreadableSource.rejected(record, SyncTarget.CRM_2030, "r", Instant.EPOCH)).as(key).isEmpty();
        }
    }
}
