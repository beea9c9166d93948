package com.mallsync.model.mall;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

import com.mallsync.testsupport.Seeds;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's canonical-form cut, before and after in one JVM: CPU µs per call over distinct seed-sized pushes, the
 * last of several rounds, printed, not asserted. Its name matches no test pattern, so {@code verify} skips it. Run:
 * {@code ./mvnw -B -o -pl common-model -am verify -DskipITs -Dtest=SortedMd5CutBench
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
public class SortedMd5CutBench {

    @Test
    void beforeAndAfter() {
        int orders = 4_000;
        byte[][] bodies = new byte[orders][];
        for (int i = 0; i < orders; i++) {
            bodies[i] = Seeds.mallOrderPush().replace("20250320165809904355", String.valueOf(30_000_000_000L + i))
                    .getBytes(StandardCharsets.UTF_8);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] last = new double[4];
        String[] names = {"canonical, before", "canonical, after", "sign, before", "sign, after"};
        @SuppressWarnings("unchecked")
        ToIntFunction<byte[]>[] steps = new ToIntFunction[] {
            (ToIntFunction<byte[]>) b -> SortedMd5SignatureBefore.canonical(b).length(),
            (ToIntFunction<byte[]>) b -> SortedMd5Signature.canonical(b).length(),
            (ToIntFunction<byte[]>) b -> SortedMd5SignatureBefore.sign(b, "bench-secret").length(),
            (ToIntFunction<byte[]>) b -> SortedMd5Signature.sign(b, "bench-secret").length()};
        long sink = 0;
        for (int round = 0; round < 12; round++) {
            for (int s = 0; s < steps.length; s++) {
                long start = cpu.getCurrentThreadCpuTime();
                for (byte[] body : bodies) {
                    sink += steps[s].applyAsInt(body);
                }
                last[s] = (cpu.getCurrentThreadCpuTime() - start) / 1_000.0 / orders;
            }
        }
        System.out.printf("%nsorted-md5 over %d distinct seed pushes (%d bytes), last of 12 rounds (sink %d)%n",
                orders, bodies[0].length, sink);
        for (int s = 0; s < steps.length; s++) {
            System.out.printf("| %-18s | %6.1f CPU us |%n", names[s], last[s]);
        }
    }
}
