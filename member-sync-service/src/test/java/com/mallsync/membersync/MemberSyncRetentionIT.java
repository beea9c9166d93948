package com.mallsync.membersync;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Topics;
import com.mallsync.sandbox.crm.CrmSandbox;
import com.mallsync.testsupport.KafkaTestBroker;

/**
 * member-sync refuses to start when {@code orders.outcomes.v1} keeps its records shorter than the outcome index's
 * window: here the broker's default of 7 days against the 60-day default window, as a topic created before the
 * topics got their retention would be.
 */
class MemberSyncRetentionIT {

    @Test
    void anOutcomesTopicKeptForTheBrokersSevenDaysRefusesStartNamingTheTopicTheWindowAndTheFix() {
        try (KafkaTestBroker broker = KafkaTestBroker.start();
             CrmSandbox crm = CrmSandbox.start(0, "it-app", "it-token")) {
            broker.createTopics(3, Topics.ORDERS_PAID, Topics.ORDERS_OUTCOMES, Topics.MEMBER_SYNC_DLT);

            assertThatThrownBy(() -> MemberSyncRebalanceIT.start(broker, crm).close())
                    .rootCause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("member-sync refuses to start")
                    .hasMessageContaining("topic orders.outcomes.v1 keeps its records PT168H, shorter than the "
                            + "PT1440H the service remembers them for (set retention.ms >= 5184000000)");
        }
    }
}
