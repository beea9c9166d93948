package com.mallsync.ingest.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class RecentOrdersTest {

    @Test
    void theFirstClaimOwnsTheKeyAndLaterClaimsSeeItsPublish() {
        RecentOrders recent = new RecentOrders(10);
        CompletableFuture<Void> first = new CompletableFuture<>();

        assertThat(recent.claim("222:1", first)).isNull();
        assertThat(recent.claim("222:1", new CompletableFuture<>())).isSameAs(first);
        recent.settle("222:1", first, null);
        assertThat(recent.claim("222:1", new CompletableFuture<>())).isNotNull().isDone();
    }

    @Test
    void aFailedPublishIsForgottenSoTheRetryPublishes() {
        RecentOrders recent = new RecentOrders(10);
        CompletableFuture<Void> first = new CompletableFuture<>();
        recent.claim("222:1", first);

        recent.settle("222:1", first, new IllegalStateException("broker down"));

        assertThat(first).isCompletedExceptionally();
        CompletableFuture<Void> retry = new CompletableFuture<>();
        assertThat(recent.claim("222:1", retry)).isNull();
    }

    @Test
    void theOldestOrdersAreForgottenBeyondTheCapacity() {
        RecentOrders recent = new RecentOrders(2);
        for (String key : new String[] {"a", "b", "c"}) {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            recent.claim(key, mine);
            recent.settle(key, mine, null);
        }

        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.claim("a", new CompletableFuture<>())).isNull();
        assertThat(recent.claim("c", new CompletableFuture<>())).isNotNull();
    }
}
