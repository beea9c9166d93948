package com.mallsync.ingest.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.mallsync.ingest.Pushes;
import com.mallsync.ingest.WebhookClient;
import com.mallsync.model.Topics;
import com.mallsync.testsupport.Contracts;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.Seeds;
import com.mallsync.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Records ingest really publishes, read back from the broker, against {@code contracts/}: the value against the
 * OrderPaid schema (strictly: every property written is documented), the headers against the AsyncAPI header
 * schema, the key against the key schema.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest.malls.222.secret=" + Pushes.SECRET})
class OrderPaidSchemaIT {

    static final KafkaTestBroker BROKER = KafkaTestBroker.start();

    static {
        BROKER.createTopics(1, Topics.ORDERS_PAID);
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        BROKER.close();
    }

    @LocalServerPort
    int port;

    @Test
    void theSeedOrderAsPublishedConformsToTheContract() {
        assertPublishedRecordConforms("SCHEMA-SEED-1", Seeds.mallOrderPush());
    }

    @Test
    void anOrderWithoutDistributorOrLineTimeConformsWithItsNulls() {
        String push = Pushes.replaceOnce(Seeds.mallOrderPush(),
                "\"parent\": {\n\"nickname\": \"上级分销商昵称\",\n\"mobile\": \"上级分销商手机\"\n}", "\"parent\": null");
        push = Pushes.replaceOnce(push, "\"is_delete\": 0,\n\"created_at\": \"2025-03-20 16:58:09\",", "\"is_delete\": 0,");

        ConsumerRecord<String, String> record = assertPublishedRecordConforms("SCHEMA-NULLS-1", push);

        assertThat(record.value()).contains("\"distributor\":null").contains("\"createdAt\":null");
    }

    @Test
    void everyEventOfAnOrdersLifeAsPublishedConformsToTheContract() {
        // "is_confirm": 1, the line "is_refund": 1 / "refund_status": 2, "cancel_status": 1: four events at once
        String push = Pushes.replaceOnce(Seeds.mallOrderPush(), "\"is_confirm\": 0", "\"is_confirm\": 1");
        push = Pushes.replaceOnce(push, "\"cancel_status\": 0", "\"cancel_status\": 1");
        push = Pushes.replaceOnce(push, "\"cancel_time\": \"0000-00-00 00:00:00\"",
                "\"cancel_time\": \"2025-03-29 09:00:00\"");
        push = Pushes.replaceOnce(push, "\"is_refund\": 0", "\"is_refund\": 1");
        push = Pushes.replaceOnce(push, "\"refund_status\": 0", "\"refund_status\": 2");
        String signed = Pushes.sign(Pushes.withOrderNo(push, "SCHEMA-LIFE-1"), Pushes.SECRET);
        try (TopicProbe probe = new TopicProbe(BROKER.bootstrapServers(), Topics.ORDERS_PAID)) {
            assertThat(new WebhookClient(port).post(signed).status()).isEqualTo(200);
            List<ConsumerRecord<String, String>> records = probe.awaitMatching(
                    r -> r.key().equals(Topics.orderKey(Pushes.MALL, "SCHEMA-LIFE-1")), 4, KafkaTestBroker.PATIENCE);
            assertThat(records).hasSize(4);
            for (ConsumerRecord<String, String> record : records) {
                Contracts.assertConforms(Contracts.ORDER_PAID, record.value());
                Contracts.assertHeadersConform(Contracts.ORDER_PAID_HEADERS, record.headers());
            }
        }
    }

    private ConsumerRecord<String, String> assertPublishedRecordConforms(String orderNo, String seedShapedPush) {
        String push = Pushes.sign(Pushes.withOrderNo(seedShapedPush, orderNo), Pushes.SECRET);
        try (TopicProbe probe = new TopicProbe(BROKER.bootstrapServers(), Topics.ORDERS_PAID)) {
            assertThat(new WebhookClient(port).post(push).status()).isEqualTo(200);
            List<ConsumerRecord<String, String>> records = probe.awaitMatching(
                    r -> r.key().equals(Topics.orderKey(Pushes.MALL, orderNo)), 1, KafkaTestBroker.PATIENCE);
            assertThat(records).hasSize(1);
            ConsumerRecord<String, String> record = records.get(0);
            Contracts.assertConforms(Contracts.ORDER_PAID, record.value());
            Contracts.assertHeadersConform(Contracts.ORDER_PAID_HEADERS, record.headers());
            assertThat(Contracts.violations(Contracts.ORDER_KEY, "\"" + record.key() + "\"")).isEmpty();
            return record;
        }
    }
}
