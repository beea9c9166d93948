package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.FencedMemberEpochException;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.StaleMemberEpochException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;

/** Which error of a transaction gets which answer (the table in OutcomeSink's class comment and the READMEs). */
class OutcomeSinkTest {

    @Test
    void aGroupThatMovedOnRefusesTheCommit() {
        assertThat(OutcomeSink.classify(new CommitFailedException())).isEqualTo(OutcomeSink.Failure.REFUSED);
        assertThat(OutcomeSink.classify(new FencedInstanceIdException("x"))).isEqualTo(OutcomeSink.Failure.REFUSED);
        assertThat(OutcomeSink.classify(new IllegalGenerationException("x"))).isEqualTo(OutcomeSink.Failure.REFUSED);
        assertThat(OutcomeSink.classify(new UnknownMemberIdException("x"))).isEqualTo(OutcomeSink.Failure.REFUSED);
        assertThat(OutcomeSink.classify(new FencedMemberEpochException("x"))).as("KIP-848")
                .isEqualTo(OutcomeSink.Failure.REFUSED);
        assertThat(OutcomeSink.classify(new StaleMemberEpochException("x"))).as("KIP-848")
                .isEqualTo(OutcomeSink.Failure.REFUSED);
        assertThat(OutcomeSink.classify(new KafkaException("wrapped", new CommitFailedException())))
                .as("found in the cause").isEqualTo(OutcomeSink.Failure.REFUSED);
    }

    @Test
    void aFencedOrBrokenProducerIsReplaced() {
        assertThat(OutcomeSink.classify(new ProducerFencedException("x"))).isEqualTo(OutcomeSink.Failure.FENCED);
        assertThat(OutcomeSink.classify(new InvalidProducerEpochException("x"))).isEqualTo(OutcomeSink.Failure.FENCED);
        assertThat(OutcomeSink.classify(new OutOfOrderSequenceException("x"))).isEqualTo(OutcomeSink.Failure.FENCED);
        assertThat(OutcomeSink.classify(new IllegalStateException("in an error state")))
                .isEqualTo(OutcomeSink.Failure.FENCED);
    }

    @Test
    void authorizationAndVersionsAreFatal() {
        assertThat(OutcomeSink.classify(new TransactionalIdAuthorizationException("x")))
                .isEqualTo(OutcomeSink.Failure.FATAL);
        assertThat(OutcomeSink.classify(new TopicAuthorizationException("x"))).isEqualTo(OutcomeSink.Failure.FATAL);
        assertThat(OutcomeSink.classify(new UnsupportedVersionException("x"))).isEqualTo(OutcomeSink.Failure.FATAL);
    }

    /** Repeating them fails the same way, every commit, for every partition behind them: stop loudly instead. */
    @Test
    void aRecordThatCanNeverBeSentIsFatalNotRepeatedForever() {
        assertThat(OutcomeSink.classify(new KafkaException("send failed", new RecordTooLargeException("x"))))
                .isEqualTo(OutcomeSink.Failure.FATAL);
        assertThat(OutcomeSink.classify(new InvalidTopicException("x"))).isEqualTo(OutcomeSink.Failure.FATAL);
        assertThat(OutcomeSink.classify(new SerializationException("x"))).isEqualTo(OutcomeSink.Failure.FATAL);
    }

    /** A refusal's partitions are lost to the loop; the ones the consumer still has are taken up again. */
    @Test
    void aRefusalLosesItsPartitionsAndTakesUpAgainThoseStillAssigned() {
        TopicPartition p0 = new TopicPartition("t", 0);
        TopicPartition p1 = new TopicPartition("t", 1);
        List<String> calls = new ArrayList<>();
        ConsumerRebalanceListener loop = new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                calls.add("revoked " + partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                calls.add("lost " + partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                calls.add("assigned " + partitions);
            }
        };

        new OutcomeSink.Commit.Refused(List.of(p0, p1), "unknown end").settle(Set.of(p1), loop);
        new OutcomeSink.Commit.Refused(List.of(p0), "refused").settle(Set.of(), loop);

        assertThat(calls).containsExactly("lost [t-0, t-1]", "assigned [t-1]", "lost [t-0]");
    }

    @Test
    void everythingElseIsAbortedAndRepeated() {
        assertThat(OutcomeSink.classify(new TimeoutException("x"))).isEqualTo(OutcomeSink.Failure.ABORTABLE);
        assertThat(OutcomeSink.classify(new KafkaException("a send failed", new RuntimeException("boom"))))
                .isEqualTo(OutcomeSink.Failure.ABORTABLE);
    }

    @Test
    void aTransactionalIdIsStableOnlyWithAGroupInstanceId() {
        assertThat(OutcomeSink.transactionalId("erp-sync", "erp-1")).isEqualTo("erp-sync-erp-1");
        assertThat(OutcomeSink.transactionalId("erp-sync", null))
                .startsWith("erp-sync-").isNotEqualTo(OutcomeSink.transactionalId("erp-sync", null));
    }
}
