package com.mallsync.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.outcomes.OutcomeIndex.Claim;
import com.mallsync.outcomes.OutcomeIndex.Decision;
import com.mallsync.runtime.SkippedRecords;
import com.mallsync.runtime.Window;
import com.mallsync.testsupport.MovingClock;

/**
 * The compact index against the map it replaced: random sequences of outcomes read from the topic (both targets),
 * claims, releases, evictions and a moving clock give the same statuses, decisions and claims as a
 * {@code HashMap<UUID, Known>} run with the old rules.
 */
class OutcomeIndexModelTest {

    private static final Duration WINDOW = Duration.ofDays(60);
    private static final SyncTarget OURS = SyncTarget.ERP;

    /** The old index: a map of records, the old merge / compute / computeIfPresent / evict. */
    private static final class Model {
        record Known(SyncStatus status, long at) {
        }

        final Map<UUID, Known> statuses = new HashMap<>();
        /** What was read of an event while a claim of it stood ({@code NOTHING}: nothing yet). */
        final Map<UUID, Known> readDuringClaim = new HashMap<>();
        static final Known NOTHING = new Known(null, 0);

        static Known merge(Known known, Known seen) {
            return known != NOTHING && known.status().settled()
                    ? new Known(known.status(), Math.max(known.at(), seen.at())) : seen;
        }

        void index(UUID id, SyncStatus status, long at) {
            statuses.merge(id, new Known(status, at), Model::merge);
            readDuringClaim.computeIfPresent(id, (i, read) -> merge(read, new Known(status, at)));
        }

        Claim tryClaim(UUID id, SyncStatus status, boolean replayed, long now) {
            Known known = statuses.get(id);
            if (OutcomeIndex.rule(known == null ? null : known.status(), replayed) == Decision.SKIP) {
                return null;
            }
            statuses.put(id, new Known(status, now));
            readDuringClaim.putIfAbsent(id, NOTHING);
            return new Claim(id, status, known == null ? null : known.status());
        }

        void release(Claim claim) {
            Known read = readDuringClaim.remove(claim.eventId());
            statuses.computeIfPresent(claim.eventId(), (id, now) -> now.status() != claim.status() ? now
                    : read != null && read != NOTHING ? read
                    : claim.previous() == null ? null : new Known(claim.previous(), now.at()));
        }

        /** The index keeps times in whole minutes, rounded up: kept up to a minute longer, never less. */
        int evict(long cutoff) {
            int before = statuses.size();
            statuses.values().removeIf(k -> -Math.floorDiv(-k.at(), 60_000L) * 60_000L < cutoff);
            return before - statuses.size();
        }

        Optional<SyncStatus> status(UUID id) {
            return Optional.ofNullable(statuses.get(id)).map(Known::status);
        }
    }

    private static OutcomeIndex index(MovingClock clock) {
        return new OutcomeIndex(Topics.ORDERS_OUTCOMES, OURS, () -> {
            throw new AssertionError("not started");
        }, new SkippedRecords(), new Window.Last(WINDOW, clock), clock);
    }

    private static ConsumerRecord<String, String> record(SyncOutcome outcome, long timestamp, long offset) {
        return new ConsumerRecord<>(Topics.ORDERS_OUTCOMES, 0, offset, timestamp, TimestampType.CREATE_TIME, -1, -1,
                outcome.key(), Json.writeString(outcome), new RecordHeaders(), Optional.empty());
    }

    /**
     * The cluster fault run's double (2026-12-03): a zombie claims DUPLICATE for an event (its late ERP call was
     * refused as a second OuterID); meanwhile its tail reads the SYNCED the new owner committed (the settled claim
     * wins in the table); then the zombie's partition is lost and its claim released. The SYNCED read meanwhile
     * must stay, or the next owner of a redelivered copy publishes a second one.
     */
    @Test
    void aReleasedClaimGivesBackWhatTheTopicSaidWhileItStoodNotNothing() {
        MovingClock clock = new MovingClock();
        OutcomeIndex index = index(clock);
        UUID id = UUID.randomUUID();

        Claim zombie = index.tryClaim(id, SyncStatus.DUPLICATE, false);
        index.index(record(new SyncOutcome(id, 222, "NO-1", OURS, SyncStatus.SYNCED, "6359657698853654821", 3, null,
                clock.instant()), clock.millis(), 7));
        index.release(zombie);

        assertThat(index.status(id)).contains(SyncStatus.SYNCED);
        assertThat(index.decide(id, false)).isEqualTo(Decision.SKIP);
    }

    @Test
    void randomReadsClaimsReleasesAndEvictionsAgreeWithTheOldMap() {
        SyncStatus[] statuses = SyncStatus.values();
        for (long seed = 1; seed <= 30; seed++) {
            Random random = new Random(seed);
            MovingClock clock = new MovingClock();
            OutcomeIndex index = index(clock);
            Model model = new Model();
            List<UUID> ids = new ArrayList<>();
            List<Claim> claims = new ArrayList<>();
            for (int step = 0; step < 3_000; step++) {
                UUID id = !ids.isEmpty() && random.nextInt(4) > 0 ? ids.get(random.nextInt(ids.size()))
                        : UUID.randomUUID();
                if (!ids.contains(id)) {
                    ids.add(id);
                }
                SyncStatus status = statuses[random.nextInt(statuses.length)];
                boolean replayed = random.nextBoolean();
                String why = "seed " + seed + " step " + step;
                int op = random.nextInt(100);
                if (op < 40) {
                    SyncTarget target = random.nextInt(4) == 0 ? SyncTarget.CRM_2030 : OURS;
                    long at = clock.millis() - random.nextInt((int) Duration.ofDays(70).toSeconds()) * 1000L;
                    SyncOutcome outcome = new SyncOutcome(id, 222, "NO-" + step, target, status, null, 1, null,
                            Instant.ofEpochMilli(at));
                    index.index(record(outcome, at, step));
                    if (target == OURS) {
                        model.index(id, status, at);
                    }
                } else if (op < 75) {
                    Claim claimed = index.tryClaim(id, status, replayed);
                    assertThat(claimed).as(why).isEqualTo(model.tryClaim(id, status, replayed, clock.millis()));
                    if (claimed != null) {
                        claims.add(claimed);
                    }
                } else if (op < 90 && !claims.isEmpty()) {
                    Claim claim = claims.remove(random.nextInt(claims.size()));
                    index.release(claim);
                    model.release(claim);
                } else if (op < 95) {
                    clock.now = clock.now.plus(Duration.ofHours(random.nextInt(24 * 5)));
                } else {
                    long cutoff = clock.millis() - WINDOW.toMillis();
                    assertThat(index.evictExpired()).as(why).isEqualTo(model.evict(cutoff));
                }
                assertThat(index.status(id)).as(why).isEqualTo(model.status(id));
                assertThat(index.decide(id, replayed)).as(why)
                        .isEqualTo(OutcomeIndex.rule(model.status(id).orElse(null), replayed));
                assertThat(index.size()).as(why).isEqualTo(model.statuses.size());
            }
            for (UUID id : ids) {
                assertThat(index.status(id)).isEqualTo(model.status(id));
            }
        }
    }

    @Test
    void aTimeKeepsItsSignAndEveryStatusItsNameWhenPackedInto32Bits() {
        long minute = 60_000;
        long now = Instant.parse("2026-12-02T09:00:00Z").toEpochMilli();
        for (SyncStatus status : SyncStatus.values()) {
            // a time reads back at the next whole minute (itself when it is one), never before it
            for (long[] atAndBack : new long[][] {{-1, 0}, {0, 0}, {1, minute}, {-minute - 1, -minute},
                    {now, now}, {now + 1, now + minute}, {now + minute - 1, now + minute}, {now - 1, now},
                    {Instant.parse("2480-01-01T00:00:00Z").toEpochMilli(),
                            Instant.parse("2480-01-01T00:00:00Z").toEpochMilli()}}) {
                long packed = PackedOutcome.of(status, atAndBack[0]);
                assertThat(packed).isNotZero().isEqualTo((int) packed);
                assertThat(PackedOutcome.status(packed)).isEqualTo(status);
                assertThat(PackedOutcome.time(packed)).as("%d", atAndBack[0]).isEqualTo(atAndBack[1]);
            }
            long far = PackedOutcome.of(status, Instant.parse("9999-12-31T23:59:59Z").toEpochMilli());
            assertThat(PackedOutcome.status(far)).isEqualTo(status);
            assertThat(PackedOutcome.time(far)).as("past 2480: the latest time it holds")
                    .isGreaterThan(Instant.parse("2480-01-01T00:00:00Z").toEpochMilli());
        }
    }

    @Test
    void ofManyThreadsClaimingTheSameOrdersOnlyOneEachPublishes() throws Exception {
        OutcomeIndex index = index(new MovingClock());
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            ids.add(UUID.randomUUID());
        }
        int threads = 4;
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<UUID> won = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (UUID id : ids) {
                    if (index.claim(id, SyncStatus.SYNCED, false)) {
                        won.add(id);
                    } else {
                        refused.incrementAndGet();
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(won).hasSize(ids.size()).doesNotHaveDuplicates();
        assertThat(refused.get()).isEqualTo(ids.size() * (threads - 1));
        assertThat(index.size()).isEqualTo(ids.size());
    }
}
