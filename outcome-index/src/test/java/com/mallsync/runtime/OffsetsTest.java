package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The one offset bookkeeping of member-sync's and erp-sync's poll loops: commits go up to each partition's lowest
 * unfinished record (or one past the highest read), only what moved is offered, a round given back is offered
 * again, a finished record's publication waits until the records below it finish, a forgotten partition takes no
 * late finishes and drops what it held, and all of it holds with workers finishing while the poll thread commits.
 */
class OffsetsTest {

    private final Offsets offsets = new Offsets();
    private final TopicPartition p0 = new TopicPartition("t", 0);
    private final TopicPartition p1 = new TopicPartition("t", 1);

    @Test
    void nothingReadCommitsNothing() {
        assertThat(offsets.round().isEmpty()).isTrue();
        assertThat(offsets.unfinished()).isZero();
        assertThat(offsets.forget(List.of(p0))).isEmpty();
    }

    @Test
    void aPartitionCommitsUpToItsLowestUnfinishedRecordWhateverOrderRecordsFinishIn() {
        PartitionOffsets p = null;
        for (long o = 10; o < 15; o++) {
            p = offsets.read(p0, o);
        }
        p.finished(11);
        p.finished(12);
        p.finished(14);
        assertThat(p.position()).isEqualTo(10);
        assertThat(offsets.round().offsets()).isEqualTo(Map.of(p0, new OffsetAndMetadata(10)));
        assertThat(offsets.unfinished()).isEqualTo(2);

        p.finished(10);
        assertThat(offsets.round().offsets()).as("13 is still unfinished").isEqualTo(Map.of(p0, new OffsetAndMetadata(13)));

        p.finished(13);
        assertThat(offsets.round().offsets()).as("all finished: one past the highest read")
                .isEqualTo(Map.of(p0, new OffsetAndMetadata(15)));
        assertThat(offsets.unfinished()).isZero();
    }

    @Test
    void gapsInTheOffsetsAreSkippedNotWaitedFor() {
        // compaction and transaction markers leave offsets that are never read
        PartitionOffsets p = offsets.read(p0, 3);
        offsets.read(p0, 7);
        offsets.read(p0, 20);
        p.finished(3);
        assertThat(p.position()).isEqualTo(7);
        p.finished(20);
        assertThat(p.position()).isEqualTo(7);
        p.finished(7);
        assertThat(p.position()).isEqualTo(21);
    }

    @Test
    void eachPartitionHasItsOwnPosition() {
        PartitionOffsets zero = offsets.read(p0, 0);
        offsets.read(p0, 1);
        PartitionOffsets one = offsets.read(p1, 5);
        offsets.read(new ConsumerRecord<>("t", 1, 6, "k", "v"));
        zero.finished(1);
        one.finished(5);

        assertThat(offsets.round().offsets()).isEqualTo(Map.of(p0, new OffsetAndMetadata(0), p1, new OffsetAndMetadata(6)));
        assertThat(offsets.unfinished(p0)).isEqualTo(1);
        assertThat(offsets.unfinished(p1)).isEqualTo(1);
        assertThat(offsets.unfinished(new TopicPartition("t", 9))).isZero();
    }

    @Test
    void onlyWhatMovedIsOfferedAndARoundGivenBackIsOfferedAgain() {
        PartitionOffsets zero = offsets.read(p0, 0);
        PartitionOffsets one = offsets.read(p1, 0);
        zero.finished(0);
        one.finished(0);
        Round first = offsets.round();
        assertThat(first.offsets()).hasSize(2);
        assertThat(offsets.round().isEmpty()).as("nothing moved since").isTrue();

        offsets.giveBack(first);
        assertThat(offsets.round().offsets()).as("not lost for want of progress")
                .isEqualTo(Map.of(p0, new OffsetAndMetadata(1), p1, new OffsetAndMetadata(1)));
        assertThat(offsets.round().isEmpty()).isTrue();

        offsets.read(p1, 1);
        assertThat(offsets.round().isEmpty()).as("1 is unfinished").isTrue();
        one.finished(1);
        offsets.giveBack(offsets.round());
        assertThat(offsets.round().offsets()).as("the newest position")
                .isEqualTo(Map.of(p1, new OffsetAndMetadata(2)));
    }

    @Test
    void aPublicationWaitsUntilEveryRecordBelowItIsFinished() {
        PartitionOffsets p = offsets.read(p0, 10);
        offsets.read(p0, 11);
        offsets.read(p0, 12);
        List<String> committed = new ArrayList<>();
        p.finished(11, publication("out-11", committed));
        p.finished(12, publication("out-12", committed));
        Round held = offsets.round();
        assertThat(held.offsets()).isEqualTo(Map.of(p0, new OffsetAndMetadata(10)));
        assertThat(held.records()).as("10 is unfinished: nothing above it goes out").isEmpty();
        assertThat(offsets.waiting()).isEqualTo(2);

        p.finished(10, publication("out-10", committed));
        Round all = offsets.round();
        assertThat(all.offsets()).isEqualTo(Map.of(p0, new OffsetAndMetadata(13)));
        assertThat(all.records()).extracting(ProducerRecord::value).containsExactly("out-10", "out-11", "out-12");
        assertThat(offsets.waiting()).isZero();
        all.committed();
        assertThat(committed).containsExactly("out-10", "out-11", "out-12");
    }

    @Test
    void aRoundGivenBackHoldsItsPublicationsAgainAndAForgottenPartitionDropsThem() {
        PartitionOffsets p = offsets.read(p0, 0);
        offsets.read(p0, 1);
        List<String> dropped = new ArrayList<>();
        p.finished(0, dropping("out-0", dropped));
        offsets.giveBack(offsets.round());
        Round again = offsets.round();
        assertThat(again.records()).extracting(ProducerRecord::value).containsExactly("out-0");
        offsets.giveBack(again);

        p.finished(1, dropping("out-1", dropped));
        offsets.drop(offsets.round());
        assertThat(dropped).containsExactlyInAnyOrder("out-0", "out-1");

        offsets.read(p0, 2);
        offsets.read(p0, 3);
        p.finished(3, dropping("out-3", dropped));
        offsets.forget(List.of(p0));
        assertThat(dropped).as("held behind 2, then the partition went").contains("out-3");
        assertThat(p.finished(2, dropping("late", dropped))).isFalse();
        assertThat(dropped).as("the caller undoes a refused one").doesNotContain("late");
        assertThat(offsets.round().isEmpty()).isTrue();
    }

    private static Publication publication(String value, List<String> committed) {
        return new Publication(List.of(new ProducerRecord<>("out", "k", value)), () -> committed.add(value), null);
    }

    private static Publication dropping(String value, List<String> dropped) {
        return new Publication(List.of(new ProducerRecord<>("out", "k", value)), null, () -> dropped.add(value));
    }

    @Test
    void finishingTwiceOrFinishingWhatWasNeverReadChangesNothing() {
        PartitionOffsets p = offsets.read(p0, 4);
        offsets.read(p0, 5);
        assertThat(p.finished(4)).isTrue();
        assertThat(p.finished(4)).as("already finished").isFalse();
        assertThat(p.finished(99)).as("never read").isFalse();
        assertThat(p.unfinished()).isEqualTo(1);
        assertThat(p.position()).isEqualTo(5);
    }

    /**
     * A second publication for a finished offset is refused, not silently ignored: the caller drops it (releasing
     * its claim) and does not act on the record as newly finished. Before, it was neither held nor dropped.
     */
    @Test
    void aSecondPublicationOfAFinishedRecordIsRefusedSoItsCallerDropsItAndTheFirstStillGoesOut() {
        PartitionOffsets p = offsets.read(p0, 0);
        List<String> dropped = new ArrayList<>();
        assertThat(p.finished(0, dropping("first", dropped))).isTrue();
        assertThat(p.finished(0, dropping("second", dropped))).isFalse();

        Round round = offsets.round();
        assertThat(round.records()).extracting(ProducerRecord::value).containsExactly("first");
        assertThat(offsets.waiting()).isZero();
        assertThat(dropped).isEmpty();
    }

    @Test
    void aForgottenPartitionReturnsWhereToReadAgainAndTakesNoLateFinishes() {
        PartitionOffsets old = offsets.read(p1, 0);
        offsets.read(p1, 1);
        offsets.read(p0, 0);
        old.finished(0);

        assertThat(offsets.forget(List.of(p1))).as("nothing committed: read again from the first record read")
                .isEqualTo(Map.of(p1, new OffsetAndMetadata(0)));
        assertThat(old.held()).isFalse();
        assertThat(offsets.unfinished()).as("only p0's").isEqualTo(1);

        // assigned again and read again from the commit while the old owner's worker still finishes offset 1
        PartitionOffsets again = offsets.read(p1, 1);
        assertThat(again).isNotSameAs(old);
        assertThat(old.finished(1)).as("counted nowhere").isFalse();
        assertThat(again.held()).isTrue();
        assertThat(offsets.unfinished(p1)).isEqualTo(1);
        assertThat(offsets.round().offsets()).isEqualTo(Map.of(p0, new OffsetAndMetadata(0), p1, new OffsetAndMetadata(1)));
    }

    /**
     * One poll thread reads and commits while four workers finish records in random order: every committed offset
     * has every record before it finished, commits only move forward, and once all are finished the commit is one
     * past the last record.
     */
    @Test
    void workersFinishingWhileThePollThreadCommitsNeverLetACommitPassAnUnfinishedRecord() throws Exception {
        int records = 200_000;
        AtomicIntegerArray done = new AtomicIntegerArray(records);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        Random random = new Random(11);
        long lastCommitted = -1;
        int commits = 0;
        try {
            for (int from = 0; from < records; from += 500) {
                List<Integer> chunk = new ArrayList<>();
                PartitionOffsets p = null;
                for (int o = from; o < from + 500; o++) {
                    p = offsets.read(p0, o);
                    chunk.add(o);
                }
                Collections.shuffle(chunk, random);
                PartitionOffsets partition = p;
                for (int w = 0; w < 4; w++) {
                    List<Integer> mine = chunk.subList(w * 125, (w + 1) * 125);
                    workers.execute(() -> mine.forEach(o -> {
                        done.set(o, 1);
                        partition.finished(o);
                    }));
                }
                lastCommitted = checkedCommit(done, lastCommitted);
                commits++;
            }
            workers.shutdown();
            assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            lastCommitted = checkedCommit(done, lastCommitted);
        } finally {
            workers.shutdownNow();
        }
        assertThat(lastCommitted).isEqualTo(records);
        assertThat(offsets.unfinished()).isZero();
        assertThat(commits).isEqualTo(records / 500);
    }

    private long checkedCommit(AtomicIntegerArray done, long lastCommitted) {
        OffsetAndMetadata committed = offsets.round().offsets().get(p0);
        if (committed == null) {
            return lastCommitted;
        }
        long c = committed.offset();
        assertThat(c).as("commits only move forward").isGreaterThan(lastCommitted);
        for (long o = Math.max(lastCommitted, 0); o < c; o++) {
            assertThat(done.get((int) o)).as("offset %d is below the commit %d", o, c).isEqualTo(1);
        }
        return c;
    }

    /**
     * Random reads (with gaps), finishes (in any order, repeated, of records never read; with and without a
     * publication), rounds, rounds given back and forgets over three partitions, against a model that recomputes
     * everything from scratch.
     */
    /**
     * What a refused transaction rewinds to (a local seek, no broker call): never past what is known committed, so
     * nothing is skipped. A round taken but not known to have committed (refused, aborted, an unknown end) does not
     * move it; one known committed does.
     */
    @Test
    void theReplayPointIsTheLastCommitKnownToHaveSucceeded() {
        PartitionOffsets p = null;
        for (long o = 5; o < 10; o++) {
            p = offsets.read(p0, o);
        }
        p.finished(5);
        p.finished(6);
        offsets.committed(offsets.round()); // up to 7, known committed
        p.finished(7);
        p.finished(9);
        Round unknown = offsets.round(); // up to 8: its end never learned
        assertThat(unknown.offsets()).isEqualTo(Map.of(p0, new OffsetAndMetadata(8)));
        offsets.read(p1, 3);

        assertThat(offsets.forget(List.of(p0, p1))).isEqualTo(Map.of(p0, new OffsetAndMetadata(7),
                p1, new OffsetAndMetadata(3)));
    }

    @Test
    void behavesLikeASimpleModelOverRandomHistories() {
        Random random = new Random(20261202L);
        for (int history = 0; history < 2_000; history++) {
            Offsets real = new Offsets();
            Model model = new Model();
            List<String> realDropped = new ArrayList<>();
            List<TopicPartition> tps = List.of(p0, p1, new TopicPartition("t", 2));
            Map<TopicPartition, PartitionOffsets> handles = new HashMap<>();
            for (int step = 0; step < 60; step++) {
                TopicPartition tp = tps.get(random.nextInt(tps.size()));
                int op = random.nextInt(10);
                if (op < 4) {
                    long offset = model.nextOffset(tp) + random.nextInt(3); // sometimes a gap
                    handles.put(tp, real.read(tp, offset));
                    model.read(tp, offset);
                } else if (op < 7) {
                    PartitionOffsets handle = handles.get(tp);
                    if (handle != null) {
                        long offset = model.someOffset(tp, random);
                        String label = random.nextBoolean() ? tp.partition() + "@" + offset + "#" + step : null;
                        Publication publication = label == null ? Publication.NONE
                                : new Publication(List.of(new ProducerRecord<>("out", "k", label)), null,
                                () -> realDropped.add(label));
                        boolean counted = handle.finished(offset, publication);
                        assertThat(counted).as("history %d step %d", history, step)
                                .isEqualTo(model.finished(tp, offset, label));
                        if (!counted) {
                            publication.dropped().run(); // as the callers do: neither held nor leaked
                        }
                    }
                } else if (op < 9) {
                    Round round = real.round();
                    Map<TopicPartition, List<String>> expected = new HashMap<>();
                    assertThat(round.offsets()).as("history %d step %d", history, step)
                            .isEqualTo(model.round(expected));
                    assertThat(byPartition(round)).as("history %d step %d", history, step).isEqualTo(expected);
                    if (op == 8) {
                        real.giveBack(round);
                        model.giveBack(round.offsets().keySet(), expected);
                    } else if (random.nextBoolean()) {
                        real.committed(round);
                        model.committed(round.offsets());
                    }
                } else if (random.nextBoolean()) {
                    assertThat(real.forget(List.of(tp))).isEqualTo(model.forget(tp));
                    assertThat(realDropped).containsExactlyInAnyOrderElementsOf(model.dropped);
                } else {
                    assertThat(real.waiting()).isEqualTo(model.waiting());
                }
                assertThat(real.unfinished()).isEqualTo(model.unfinished());
            }
            assertThat(real.round().offsets()).isEqualTo(model.round(new HashMap<>()));
        }
    }

    private static Map<TopicPartition, List<String>> byPartition(Round round) {
        Map<TopicPartition, List<String>> by = new HashMap<>();
        for (ProducerRecord<String, String> r : round.records()) {
            TopicPartition tp = new TopicPartition("t", Integer.parseInt(r.value().substring(0, r.value().indexOf('@'))));
            by.computeIfAbsent(tp, k -> new ArrayList<>()).add(r.value());
        }
        return by;
    }

    /** Everything recomputed from the set of records read and finished: no cleverness to share bugs with. */
    private static final class Model {

        private final Map<TopicPartition, List<Long>> read = new HashMap<>();
        private final Map<TopicPartition, List<Long>> finished = new HashMap<>();
        private final Map<TopicPartition, Map<Long, String>> publications = new HashMap<>();
        private final Map<TopicPartition, Long> committed = new HashMap<>();
        private final Map<TopicPartition, Boolean> forgottenHandle = new HashMap<>();
        /** The lowest offset read since the partition was (re)started, raised by each position known committed. */
        private final Map<TopicPartition, Long> replayFrom = new HashMap<>();
        final List<String> dropped = new ArrayList<>();

        long nextOffset(TopicPartition tp) {
            return read.getOrDefault(tp, List.of()).stream().mapToLong(Long::longValue).max().orElse(-1) + 1;
        }

        void read(TopicPartition tp, long offset) {
            read.computeIfAbsent(tp, k -> new ArrayList<>()).add(offset);
            forgottenHandle.put(tp, false);
            replayFrom.merge(tp, offset, Math::min);
        }

        boolean held(TopicPartition tp) {
            return !forgottenHandle.getOrDefault(tp, true);
        }

        /** Mostly an offset read, sometimes one finished already or never read. */
        long someOffset(TopicPartition tp, Random random) {
            List<Long> offsets = read.getOrDefault(tp, List.of());
            if (offsets.isEmpty() || random.nextInt(8) == 0) {
                return random.nextInt(200);
            }
            return offsets.get(random.nextInt(offsets.size()));
        }

        /** Whether it counts; a publication that does not is dropped at once by the caller. */
        boolean finished(TopicPartition tp, long offset, String label) {
            List<Long> done = finished.computeIfAbsent(tp, k -> new ArrayList<>());
            if (held(tp) && read.getOrDefault(tp, List.of()).contains(offset) && !done.contains(offset)) {
                done.add(offset);
                if (label != null) {
                    publications.computeIfAbsent(tp, k -> new HashMap<>()).put(offset, label);
                }
                return true;
            }
            if (label != null) {
                dropped.add(label);
            }
            return false;
        }

        long position(TopicPartition tp) {
            List<Long> all = read.getOrDefault(tp, List.of());
            List<Long> done = finished.getOrDefault(tp, List.of());
            return all.stream().filter(o -> !done.contains(o)).mapToLong(Long::longValue).min()
                    .orElse(nextOffset(tp) == 0 ? -1 : nextOffset(tp));
        }

        int unfinished() {
            return read.keySet().stream().mapToInt(tp -> (int) read.get(tp).stream().distinct()
                    .filter(o -> !finished.getOrDefault(tp, List.of()).contains(o)).count()).sum();
        }

        int waiting() {
            return publications.values().stream().mapToInt(Map::size).sum();
        }

        /** The round's offsets; its publications (taken out) per partition in offset order into {@code records}. */
        Map<TopicPartition, OffsetAndMetadata> round(Map<TopicPartition, List<String>> records) {
            Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
            for (TopicPartition tp : read.keySet()) {
                long position = position(tp);
                Map<Long, String> pubs = publications.getOrDefault(tp, new HashMap<>());
                List<Long> below = pubs.keySet().stream().filter(o -> o < position).sorted().toList();
                if (position >= 0 && (position > committed.getOrDefault(tp, -1L) || !below.isEmpty())) {
                    moved.put(tp, new OffsetAndMetadata(position));
                    committed.put(tp, position);
                    if (!below.isEmpty()) {
                        records.put(tp, below.stream().map(pubs::remove).toList());
                    }
                }
            }
            return moved;
        }

        void giveBack(Collection<TopicPartition> tps, Map<TopicPartition, List<String>> records) {
            for (TopicPartition tp : tps) {
                committed.remove(tp);
                for (String label : records.getOrDefault(tp, List.of())) {
                    long offset = Long.parseLong(label.substring(label.indexOf('@') + 1, label.indexOf('#')));
                    publications.computeIfAbsent(tp, k -> new HashMap<>()).put(offset, label);
                }
            }
        }

        void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
            offsets.forEach((tp, at) -> replayFrom.merge(tp, at.offset(), Math::max));
        }

        Map<TopicPartition, OffsetAndMetadata> forget(TopicPartition tp) {
            if (!read.containsKey(tp)) {
                return Map.of();
            }
            Map<TopicPartition, OffsetAndMetadata> last = Map.of(tp, new OffsetAndMetadata(replayFrom.remove(tp)));
            read.remove(tp);
            finished.remove(tp);
            committed.remove(tp);
            Map<Long, String> pubs = publications.remove(tp);
            if (pubs != null) {
                dropped.addAll(pubs.values());
            }
            forgottenHandle.put(tp, true);
            return last;
        }
    }
}
