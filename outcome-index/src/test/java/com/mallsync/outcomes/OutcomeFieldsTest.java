package com.mallsync.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.outcomes.OutcomeFields.Outcome;
import com.mallsync.outcomes.OutcomeFields.Unreadable;
import com.mallsync.runtime.FastFields;

/** The streaming read of the three fields against the full parse of a SyncOutcome. */
class OutcomeFieldsTest {

    private static SyncOutcome randomOutcome(Random random) {
        SyncStatus[] statuses = SyncStatus.values();
        OrderEvent[] events = OrderEvent.values();
        return new SyncOutcome(new UUID(random.nextLong(), random.nextLong()), random.nextInt(1000),
                "NO-\"" + random.nextInt() + "\\\u4e2d", SyncTarget.values()[random.nextInt(2)],
                statuses[random.nextInt(statuses.length)], random.nextBoolean() ? null : "ERP" + random.nextInt(),
                random.nextInt(10), random.nextBoolean() ? null : "why {\"status\":\"SYNCED\"} " + random.nextInt(),
                Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L)), events[random.nextInt(events.length)],
                random.nextBoolean() ? null : random.nextLong());
    }

    /** The record as written, or its fields shuffled, with unknown fields of every JSON kind in between. */
    private static String variant(SyncOutcome outcome, Random random) {
        ObjectNode written = (ObjectNode) Json.tree(Json.writeString(outcome));
        if (random.nextInt(4) == 0) {
            return written.toString();
        }
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(written.properties());
        int unknown = random.nextInt(4);
        for (int i = 0; i < unknown; i++) {
            JsonNode extra = Json.tree(switch (random.nextInt(5)) {
                case 0 -> "{\"eventId\":\"not-a-uuid\",\"status\":[1,{\"target\":\"X\"}]}";
                case 1 -> "[\"status\",\"target\",{\"a\":null}]";
                case 2 -> "\"a \\\"quoted\\\" \\u00e9 string\"";
                case 3 -> "12.5e3";
                default -> "null";
            });
            fields.add(Map.entry("x" + random.nextInt(100) + (random.nextBoolean() ? "Status" : "_eventId"), extra));
        }
        Collections.shuffle(fields, random);
        ObjectNode shuffled = Json.mapper().createObjectNode();
        fields.forEach(f -> shuffled.set(f.getKey(), f.getValue()));
        return random.nextBoolean() ? shuffled.toPrettyString() : shuffled.toString();
    }

    @Test
    void onGeneratedOutcomesInAnyFieldOrderWithUnknownFieldsTheFastReadIsTheFullParse() {
        Random random = new Random(16);
        for (int i = 0; i < 5_000; i++) {
            SyncOutcome outcome = randomOutcome(random);
            String json = variant(outcome, random);
            Outcome fast = OutcomeFields.fast(json);
            assertThat(fast).as(json).isNotNull();
            assertThat(fast).as(json).isEqualTo(OutcomeFields.full(json));
            assertThat(fast).isEqualTo(new Outcome(outcome.eventId(), outcome.target(), outcome.status()));
        }
    }

    @Test
    void oddRecordsAreJudgedAsTheFullParseJudgesThem() {
        UUID id = UUID.randomUUID();
        List<String> odd = List.of(
                "", " ", "null", "[]", "42", "\"text\"", "not json", "{", "{\"eventId\":",
                "{\"eventId\":\"" + id + "\",\"target\":\"ERP\",\"status\":\"SYNCED\"",
                "{\"eventId\":\"" + id + "\",\"target\":\"ERP\",\"status\":\"SYNCED\"} {}",
                "{\"eventId\":\"" + id + "\",\"target\":\"ERP\",\"status\":\"SYNCED\",}",
                "{\"eventId\":\"" + id + "\",\"target\":\"ERP\"}",
                "{\"eventId\":\"" + id + "\",\"status\":\"SYNCED\"}",
                "{\"target\":\"ERP\",\"status\":\"SYNCED\"}",
                "{\"eventId\":null,\"target\":\"ERP\",\"status\":\"SYNCED\"}",
                "{\"eventId\":\"" + id + "\",\"target\":null,\"status\":\"SYNCED\"}",
                "{\"eventId\":\"" + id + "\",\"target\":\"ERP\",\"status\":\"NEW\"}",
                "{\"eventId\":\"" + id + "\",\"target\":\"erp\",\"status\":\"SYNCED\"}",
                "{\"eventId\":\"" + id + "\",\"target\":\"ERP\",\"status\":0}",
                "{\"eventId\":\"" + id + "\",\"target\":\"ERP\",\"status\":\"SYNCED\",\"status\":\"FAILED\"}",
                "{\"eventId\":\"" + id.toString().toUpperCase() + "\",\"target\":\"ERP\",\"status\":\"SKIPPED\"}",
                "{\"eventId\":\"1-2-3-4-5\",\"target\":\"ERP\",\"status\":\"SYNCED\"}",
                "{\"eventId\":\"" + id.toString().replace('-', 'x') + "\",\"target\":\"ERP\",\"status\":\"SYNCED\"}",
                "{\"eventId\":\"" + id.toString().substring(1) + "g\",\"target\":\"ERP\",\"status\":\"SYNCED\"}",
                "{\"eventId\":12,\"target\":\"ERP\",\"status\":\"SYNCED\"}",
                "{\"eventId\":\"" + id + "\",\"target\":[\"ERP\"],\"status\":\"SYNCED\"}",
                "{\"eventId\":\"" + id + "\",\"target\":\"ERP\",\"status\":\"SYNCED\",\"x\":[1,2,{\"y\":}]}");
        for (String json : odd) {
            OutcomeFields.Read read = OutcomeFields.read(json);
            OutcomeFields.Read full = OutcomeFields.full(json);
            assertThat(read.getClass()).as(json).isEqualTo(full.getClass());
            if (full instanceof Outcome) {
                assertThat(read).as(json).isEqualTo(full);
            }
        }
        assertThat(OutcomeFields.read(null)).isEqualTo(new Unreadable(null));
        assertThat(OutcomeFields.read("{\"eventId\":\"" + id + "\",\"target\":\"ERP\"}"))
                .isEqualTo(new Unreadable(null));
        assertThat(OutcomeFields.read("not json")).isInstanceOf(Unreadable.class);
    }

    @Test
    void theCanonicalUuidSpellingIsReadAsUuidReadsIt() {
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            assertThat(FastFields.uuid(id.toString())).isEqualTo(id);
            assertThat(FastFields.uuid(id.toString().toUpperCase())).isEqualTo(id);
        }
        assertThat(FastFields.uuid("1-2-3-4-5")).isNull();
        assertThat(FastFields.uuid("0000000g-0000-0000-0000-000000000000")).isNull();
        assertThat(FastFields.uuid("\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661-0000-0000-0000-000000000000"))
                .isNull();
    }
}
