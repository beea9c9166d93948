package com.mallsync.model.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.Consumer;

import com.mallsync.model.Json;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.OrderPaidMapping;
import com.mallsync.testsupport.Contracts;
import com.mallsync.testsupport.Seeds;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schemas in {@code contracts/schemas/} against what {@link Json} writes for the records (the ITs check
 * records taken from the broker too), and against planted wrong records, so the schemas can fail.
 */
class EventSchemasTest {

    private final String seed = Seeds.mallOrderPush();
    private final OrderPaid paid = OrderPaidMapping.toOrderPaid(Json.read(seed, MallOrderPush.class), seed,
            Instant.parse("2025-03-20T08:58:13Z"));

    @Test
    void theSeedOrderAsWrittenConformsToTheOrderPaidSchemaWithEveryPropertyDocumented() {
        assertThat(Contracts.strictViolations(Contracts.ORDER_PAID, Json.writeString(paid))).isEmpty();
    }

    @Test
    void everyOutcomeStatusAsWrittenConformsToTheSyncOutcomeSchema() {
        for (SyncStatus status : SyncStatus.values()) {
            String reason = status.delivered() ? null : "2030: Dtls must not be empty";
            SyncOutcome outcome = SyncOutcome.of(paid, SyncTarget.CRM_2030, status, "batch-1", 1, reason,
                    Instant.now());
            assertThat(Contracts.strictViolations(Contracts.SYNC_OUTCOME, Json.writeString(outcome)))
                    .as(status.name()).isEmpty();
        }
    }

    @Test
    void theOrderPaidSchemaRefusesMoneyAsANumberAMissingIdAndAnUnknownVersion() {
        assertThat(Contracts.violations(Contracts.ORDER_PAID, edit(paid, o -> ((ObjectNode) o.get("amounts"))
                .put("totalPayPrice", 3.0)))).isNotEmpty();
        assertThat(Contracts.violations(Contracts.ORDER_PAID, edit(paid, o -> o.remove("eventId")))).isNotEmpty();
        assertThat(Contracts.violations(Contracts.ORDER_PAID, edit(paid, o -> o.put("schemaVersion", 3))))
                .isNotEmpty();
        assertThat(Contracts.violations(Contracts.ORDER_PAID, edit(paid, o -> o.put("paidAt", "2025-03-20 16:58:12"))))
                .isNotEmpty();
        assertThat(Contracts.violations(Contracts.ORDER_PAID, edit(paid, o -> o.putArray("lines")))).isNotEmpty();
    }

    @Test
    void aPropertyTheSchemaDoesNotDescribeIsAcceptedButCaughtByTheStrictCheck() {
        String extended = edit(paid, o -> ((ObjectNode) o.get("buyer")).put("loyaltyTier", "gold"));
        assertThat(Contracts.violations(Contracts.ORDER_PAID, extended)).isEmpty();
        assertThat(Contracts.strictViolations(Contracts.ORDER_PAID, extended)).anyMatch(m -> m.contains("loyaltyTier"));
    }

    @Test
    void theSyncOutcomeSchemaRefusesAnUnknownStatusAReasonlessRejectionAndAnUnknownEvent() {
        SyncOutcome rejected = SyncOutcome.of(paid, SyncTarget.ERP, SyncStatus.REJECTED, null, 1, "Code 12", Instant.now());
        assertThat(Contracts.violations(Contracts.SYNC_OUTCOME, Json.writeString(rejected))).isEmpty();
        assertThat(Contracts.violations(Contracts.SYNC_OUTCOME, edit(rejected, o -> o.put("status", "LOST"))))
                .isNotEmpty();
        assertThat(Contracts.violations(Contracts.SYNC_OUTCOME, edit(rejected, o -> o.putNull("reason"))))
                .isNotEmpty();
        assertThat(Contracts.violations(Contracts.SYNC_OUTCOME, edit(rejected, o -> o.put("event", "SHIPPED"))))
                .isNotEmpty();
        assertThat(Contracts.violations(Contracts.SYNC_OUTCOME, edit(rejected, o -> o.put("eventId", "nope"))))
                .isNotEmpty();
    }

    @Test
    void theLifecycleFieldsAndSkippedOfTheContractAreAccepted() {
        SyncOutcome synced = SyncOutcome.of(paid, SyncTarget.ERP, SyncStatus.SYNCED, "ERP-1", 1, null, Instant.now());
        assertThat(Contracts.violations(Contracts.SYNC_OUTCOME, edit(synced, o -> o.put("event", "REFUNDED")
                .put("line", 496877).put("status", "SKIPPED").put("reason", "cancelled before confirmation"))))
                .isEmpty();
        assertThat(Contracts.violations(Contracts.SYNC_OUTCOME, edit(synced, o -> o.put("status", "SKIPPED"))))
                .as("SKIPPED says why").isNotEmpty();
    }

    private static String edit(Object record, Consumer<ObjectNode> change) {
        ObjectNode tree = (ObjectNode) Json.tree(Json.writeString(record));
        change.accept(tree);
        return tree.toString();
    }
}
