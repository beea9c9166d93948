package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
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
