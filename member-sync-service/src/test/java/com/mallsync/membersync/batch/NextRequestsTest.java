package com.mallsync.membersync.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import com.mallsync.membersync.crm.CrmReply;
import com.mallsync.model.event.SyncStatus;
import org.junit.jupiter.api.Test;

/**
 * How a request's answer splits its orders: a refused or given-up request is halved until the order at fault stands
 * alone (REJECTED / FAILED), a duplicate reply settles the Codes it names and sends the rest again.
 */
class NextRequestsTest {

    private final Reads reads = new Reads();

    private List<PendingOrder> orders(String prefix, int n) {
        List<PendingOrder> orders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            orders.add(reads.upload(prefix + i, 0));
        }
        return orders;
    }

    private static CrmReply accepted(int rows) {
        return new CrmReply(true, 200, "ok", rows);
    }

    private static CrmReply refused(String msg) {
        return new CrmReply(false, 400, msg, 0);
    }

    private static CrmReply duplicate(String... codes) {
        return new CrmReply(false, CrmReply.DUPLICATE, "Code already stored (" + CrmReply.DUPLICATE_MARK
                + String.join(",", codes), 0);
    }

    @Test
    void anAcceptedRequestSettlesEveryOrderSyncedAndSendsNothingAgain() {
        List<PendingOrder> orders = orders("ACC-", 3);
        NextRequests next = NextRequests.after(orders, Attempt.of(accepted(3)));

        assertThat(next.settled()).containsExactly(new NextRequests.Settled(orders, SyncStatus.SYNCED, null));
        assertThat(next.again()).isEmpty();
    }

    @Test
    void aRefusedRequestOfSeveralOrdersIsHalvedTheSmallerHalfFirstAndSettlesNothing() {
        List<PendingOrder> orders = orders("REF-", 5);
        NextRequests next = NextRequests.after(orders, Attempt.of(refused("商品明细不能为空")));

        assertThat(next.settled()).isEmpty();
        assertThat(next.again()).containsExactly(orders.subList(0, 2), orders.subList(2, 5));
    }

    @Test
    void aRefusedLoneOrderIsRejectedWithTheCrmsMessage() {
        List<PendingOrder> lone = orders("REF1-", 1);
        NextRequests next = NextRequests.after(lone, Attempt.of(refused("商品明细不能为空")));

        assertThat(next.settled()).containsExactly(
                new NextRequests.Settled(lone, SyncStatus.REJECTED, "CRM refused: 商品明细不能为空"));
        assertThat(next.again()).isEmpty();
    }

    @Test
    void aGivenUpRequestIsHalvedAndOnlyALoneOrderPastItsBudgetIsFailed() {
        List<PendingOrder> orders = orders("GIVE-", 4);
        Attempt gaveUp = new Attempt.GaveUp("transient failures past the budget of 3");

        NextRequests split = NextRequests.after(orders, gaveUp);
        assertThat(split.settled()).as("not FAILED together with the order at fault").isEmpty();
        assertThat(split.again()).containsExactly(orders.subList(0, 2), orders.subList(2, 4));

        NextRequests lone = NextRequests.after(orders.subList(3, 4), gaveUp);
        assertThat(lone.settled()).containsExactly(new NextRequests.Settled(orders.subList(3, 4), SyncStatus.FAILED,
                "transient failures past the budget of 3"));
        assertThat(lone.again()).isEmpty();
    }

    @Test
    void aDuplicateReplySettlesTheNamedCodesDuplicateAndSendsTheRestAgainAsOneRequest() {
        List<PendingOrder> orders = orders("DUP-", 4);
        NextRequests next = NextRequests.after(orders, Attempt.of(duplicate("DUP-1", "DUP-3", "NOT-SENT")));

        assertThat(next.settled()).singleElement().satisfies(s -> {
            assertThat(s.orders()).containsExactly(orders.get(1), orders.get(3));
            assertThat(s.status()).isEqualTo(SyncStatus.DUPLICATE);
            assertThat(s.reason()).startsWith("CRM already has Code: ");
        });
        assertThat(next.again()).containsExactly(List.of(orders.get(0), orders.get(2)));
    }

    @Test
    void aDuplicateReplyNamingEveryOrderSendsNothingAgain() {
        List<PendingOrder> orders = orders("DUPALL-", 2);
        NextRequests next = NextRequests.after(orders, Attempt.of(duplicate("DUPALL-0", "DUPALL-1")));

        assertThat(next.settled()).singleElement().satisfies(s -> assertThat(s.orders()).isEqualTo(orders));
        assertThat(next.again()).isEmpty();
    }

    @Test
    void aDuplicateReplyNamingNothingSentIsHalvedButForALoneOrderItIsThatOrder() {
        List<PendingOrder> orders = orders("DUPX-", 3);
        NextRequests many = NextRequests.after(orders, Attempt.of(duplicate()));
        assertThat(many.settled()).isEmpty();
        assertThat(many.again()).containsExactly(orders.subList(0, 1), orders.subList(1, 3));

        NextRequests lone = NextRequests.after(orders.subList(2, 3), Attempt.of(duplicate("SOMETHING-ELSE")));
        assertThat(lone.settled()).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(SyncStatus.DUPLICATE));
    }

    @Test
    void halvingIsolatesTheOneRefusedOrderOfAFullBatchAndEveryOtherIsSynced() {
        List<PendingOrder> batch = orders("ISO-", 100);
        PendingOrder bad = batch.get(37);
        // the CRM refuses any request carrying the bad order, as 2030 refuses a whole batch for one row
        Function<List<PendingOrder>, Attempt> crm = sent -> Attempt.of(sent.contains(bad)
                ? refused("bad row") : accepted(sent.size()));

        Deque<List<PendingOrder>> work = new ArrayDeque<>(List.of(batch));
        List<NextRequests.Settled> settled = new ArrayList<>();
        int requests = 0;
        while (!work.isEmpty() && requests < 1_000) {     // as BatchSender.deliver applies the rule (bounded)
            List<PendingOrder> sent = work.pop();
            requests++;
            NextRequests next = NextRequests.after(sent, crm.apply(sent));
            settled.addAll(next.settled());
            for (int i = next.again().size() - 1; i >= 0; i--) {
                work.push(next.again().get(i));
            }
        }

        assertThat(settled.stream().filter(s -> s.status() == SyncStatus.REJECTED).flatMap(s -> s.orders().stream()))
                .containsExactly(bad);
        assertThat(settled.stream().filter(s -> s.status() == SyncStatus.SYNCED).mapToInt(s -> s.orders().size())
                .sum()).isEqualTo(99);
        assertThat(settled.stream().flatMap(s -> s.orders().stream()).distinct().count())
                .as("each order settled once").isEqualTo(100);
        assertThat(requests).as("one refused request per halving, about 2 log2(100)").isLessThanOrEqualTo(15);
    }
}
