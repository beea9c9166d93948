package com.mallsync.ingest.webhook;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import com.mallsync.ingest.Pushes;
import com.mallsync.ingest.validation.PushValidator;
import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.OrderPaidMapping;
import com.mallsync.model.mall.SortedMd5Signature;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * CPU per request of ingest's own work on a paid push, in process, printed, not asserted (issue 16): each step of
 * {@link Intake#handle} as the same calls, over distinct signed seed-sized orders, CPU time of this thread
 * ({@link ThreadMXBean}), the last of several rounds. Next to it the pass-through's own work (body to record).
 * Not in it: HTTP (Tomcat, body reading), the push journal, dedupe, the Kafka send (the producer's own CPU, its
 * network thread): those the system benchmark ({@code ./bench}) covers.
 *
 * <p>The name matches neither surefire's nor failsafe's patterns, so {@code verify} never runs it. Run:
 * {@code ./mvnw -B -o -pl ingest-service -am verify -Pbench -Dit.test=IntakeCpuBench
 * -Dfailsafe.failIfNoSpecifiedTests=false} (knobs {@code -Dbench.orders}, {@code -Dbench.rounds}).
 */
public class IntakeCpuBench {

    private static final String SECRET = Pushes.SECRET;

    private final int orders = Integer.getInteger("bench.orders", 4_000);
    private final int rounds = Integer.getInteger("bench.rounds", 10);

    public static void main(String[] args) {
        new IntakeCpuBench().benchmark();
    }

    @Test
    void benchmark() {
        byte[][] bodies = new byte[orders][];
        for (int i = 0; i < orders; i++) {
            bodies[i] = Pushes.signedSeedWithOrderNo(String.valueOf(30_000_000_000_000_000L + i), SECRET)
                    .getBytes(StandardCharsets.UTF_8);
        }
        // every step's input, made once, so each step is measured alone
        JsonNode[] trees = new JsonNode[orders];
        MallOrderPush[] bound = new MallOrderPush[orders];
        List<List<OrderPaid>> events = new ArrayList<>(orders);
        Instant now = Instant.now();
        for (int i = 0; i < orders; i++) {
            trees[i] = Intake.STRICT.readTree(bodies[i]);
            bound[i] = Intake.bind(trees[i]);
            events.add(OrderPaidMapping.toEvents(bound[i], new String(bodies[i], StandardCharsets.UTF_8), now));
        }
        long[] sink = new long[1];

        Map<String, IntConsumer> steps = new LinkedHashMap<>();
        steps.put("parse (readTree)", i -> sink[0] += Intake.STRICT.readTree(bodies[i]).size());
        steps.put("signature (canonical + MD5 + compare)", i -> {
            String expected = SortedMd5Signature.sign(bodies[i], SECRET);
            sink[0] += SortedMd5Signature.matches(trees[i].get(SortedMd5Signature.FIELD).stringValue(), expected)
                    ? 1 : 0;
        });
        steps.put("  canonical form only", i -> sink[0] += SortedMd5Signature.canonical(bodies[i]).length());
        steps.put("validate (PushValidator)", i -> {
            sink[0] += PushValidator.mallId(trees[i]) + PushValidator.orderNo(trees[i]).length();
            sink[0] += PushValidator.isPaid(trees[i]) ? 1 : 0;
            PushValidator.validatePaidOrder(trees[i]);
        });
        steps.put("bind (treeToValue)", i -> sink[0] += Intake.bind(trees[i]).hashCode());
        steps.put("map (body copy + toEvents)", i -> sink[0] += OrderPaidMapping.toEvents(bound[i],
                new String(bodies[i], StandardCharsets.UTF_8), now).size());
        steps.put("serialise (Json.write per event)", i -> {
            for (OrderPaid event : events.get(i)) {
                sink[0] += Json.write(event).length;
            }
        });
        steps.put("all of the above, in sequence", i -> {
            JsonNode tree = Intake.STRICT.readTree(bodies[i]);
            long mallId = PushValidator.mallId(tree);
            String expected = SortedMd5Signature.sign(bodies[i], SECRET);
            if (!SortedMd5Signature.matches(tree.get(SortedMd5Signature.FIELD).stringValue(), expected)) {
                throw new IllegalStateException("a bench push did not verify");
            }
            sink[0] += mallId + PushValidator.orderNo(tree).length() + (PushValidator.isPaid(tree) ? 1 : 0);
            PushValidator.validatePaidOrder(tree);
            for (OrderPaid event : OrderPaidMapping.toEvents(Intake.bind(tree),
                    new String(bodies[i], StandardCharsets.UTF_8), Instant.now())) {
                sink[0] += Json.write(event).length;
            }
        });
        steps.put("pass-through's own work (body -> record)",
                i -> sink[0] += new ProducerRecord<String, byte[]>(Topics.ORDERS_PAID, bodies[i]).value().length);

        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Map<String, Double> last = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, IntConsumer> step : steps.entrySet()) {
                long start = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < orders; i++) {
                    step.getValue().accept(i);
                }
                last.put(step.getKey(), (cpu.getCurrentThreadCpuTime() - start) / 1_000.0 / orders);
            }
            System.out.printf("round %d: all steps %.1f CPU us/request%n", round,
                    last.get("all of the above, in sequence"));
        }
        System.out.printf("%nIngest's CPU per request, in process (%d distinct signed seed-sized orders, %d bytes"
                + " each, last of %d rounds; sink %d)%n", orders, bodies[0].length, rounds, sink[0]);
        last.forEach((step, micros) -> System.out.printf("| %-42s | %7.1f |%n", step, micros));
    }
}
