package com.mallsync.model.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.mallsync.model.CloudEvents;
import com.mallsync.model.RecordHeaders;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.testsupport.Contracts;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code contracts/asyncapi.yaml} names what the code names, and every schema it points to is a valid schema. */
class AsyncApiDocumentTest {

    private final JsonNode doc = Contracts.document(Contracts.ASYNCAPI);

    @Test
    void itIsAnAsyncApi3DocumentWithAChannelForEveryTopic() {
        assertThat(doc.get("asyncapi").asString()).startsWith("3.");
        List<String> addresses = new ArrayList<>();
        doc.get("channels").forEach(c -> addresses.add(c.get("address").asString()));
        assertThat(addresses).containsExactlyInAnyOrder(Topics.ORDERS_PAID, Topics.ORDERS_OUTCOMES,
                Topics.MEMBER_SYNC_DLT, Topics.ERP_SYNC_DLT);
    }

    @Test
    void theHeaderSchemasNameTheCloudEventsHeadersAndTypesTheCodeWrites() {
        JsonNode paid = schemas().get("orderPaidHeaders").get("properties");
        JsonNode outcome = schemas().get("syncOutcomeHeaders").get("properties");
        for (String header : List.of(CloudEvents.ID, CloudEvents.TYPE, CloudEvents.SOURCE, CloudEvents.TIME,
                CloudEvents.SPEC_VERSION, CloudEvents.CONTENT_TYPE)) {
            assertThat(paid.has(header)).as(header).isTrue();
            assertThat(outcome.has(header)).as(header).isTrue();
        }
        assertThat(paid.get(CloudEvents.TYPE).get("enum").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(Arrays.stream(OrderEvent.values()).map(OrderEvent::ceType).toList());
        assertThat(outcome.get(CloudEvents.TYPE).get("const").asString()).isEqualTo(CloudEvents.SYNC_OUTCOME_TYPE);
        assertThat(paid.get(CloudEvents.SPEC_VERSION).get("const").asString()).isEqualTo(CloudEvents.SPEC_VERSION_1_0);
        assertThat(paid.has(RecordHeaders.REPLAYED_FROM)).isTrue();
    }

    @Test
    void bothDeadLetterSchemasRequireTheSameHeadersUnderTheNamesOfRecordHeaders() {
        for (String schema : List.of("memberSyncDeadLetterHeaders", "erpSyncDeadLetterHeaders")) {
            JsonNode own = schemas().get(schema).get("allOf").get(1);
            assertThat(own.get("required").valueStream().map(JsonNode::asString)).as(schema)
                    .containsExactlyInAnyOrder(RecordHeaders.DLT_ORIGINAL_TOPIC, RecordHeaders.DLT_ORIGINAL_PARTITION,
                            RecordHeaders.DLT_ORIGINAL_OFFSET, RecordHeaders.DLT_ORIGINAL_CONSUMER_GROUP,
                            RecordHeaders.DLT_EXCEPTION_FQCN, RecordHeaders.DLT_EXCEPTION_MESSAGE,
                            RecordHeaders.SYNC_STATUS);
            assertThat(own.get("properties").properties().stream().map(Map.Entry::getKey)).as(schema)
                    .contains(RecordHeaders.SYNC_CODE)
                    .allMatch(name -> RecordHeaders.DEAD_LETTER_PREFIXES.stream().anyMatch(name::startsWith))
                    .noneMatch(name -> name.startsWith(RecordHeaders.LEGACY_ERP_SYNC_PREFIX));
        }
    }

    @Test
    void theConsumerGroupsAreTheContractNames() {
        JsonNode ops = doc.get("operations");
        assertThat(ops.get("consumeOrderPaidMemberSync").get("bindings").get("kafka").get("groupId").get("const")
                .asString()).isEqualTo(Topics.MEMBER_SYNC_GROUP);
        assertThat(ops.get("consumeOrderPaidErpSync").get("bindings").get("kafka").get("groupId").get("const")
                .asString()).isEqualTo(Topics.ERP_SYNC_GROUP);
    }

    @Test
    void everyPayloadPointsToASchemaFileThatIsAValidDraft202012Schema() {
        SchemaRegistry meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        var metaSchema = meta.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        int payloads = 0;
        for (Map.Entry<String, JsonNode> m : doc.get("components").get("messages").properties()) {
            JsonNode payload = m.getValue().get("payload");
            assertThat(payload.get("schemaFormat").asString()).contains("2020-12");
            String file = payload.get("schema").get("$ref").asString().replaceFirst("^\\./", "");
            JsonNode schema = Contracts.document(file);
            assertThat(schema.get("$schema").asString()).isEqualTo(SpecificationVersion.DRAFT_2020_12.getDialectId());
            assertThat(schema.get("$id").asString()).isEqualTo(Contracts.BASE + file);
            assertThat(metaSchema.validate(schema.toString(), InputFormat.JSON)).as(file).isEmpty();
            payloads++;
        }
        assertThat(payloads).isEqualTo(4);
    }

    @Test
    void theKeySchemaAcceptsTheKeyTheCodeMakesAndRefusesAnotherShape() {
        assertThat(Contracts.violations(Contracts.ORDER_KEY, "\"" + Topics.orderKey(222, "20250320165809904355") + "\""))
                .isEmpty();
        assertThat(Contracts.violations(Contracts.ORDER_KEY, "\"20250320165809904355\"")).isNotEmpty();
    }

    private JsonNode schemas() {
        return doc.get("components").get("schemas");
    }
}
