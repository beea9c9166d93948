package com.mallsync.stack.load;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;

import com.mallsync.model.Json;
import com.mallsync.model.MallTime;
import com.mallsync.stack.Cli;
import com.mallsync.stack.DemoMall;
import com.mallsync.stack.lifecycle.LaterPush;
import com.mallsync.stack.lifecycle.OrderState;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code send-seed}: the seed's sample push, signed for mall 222, posted to ingest; {@code sign}: sign stdin.
 *
 * <p>The seed's order was placed on 2025-03-20, and the 2030 rule "saleTime必须在一年以内" refuses a sale time
 * more than a year old. So by default the sample is sent with its times moved to now (every other byte as in the
 * seed, then re-signed): both targets accept it. {@code --verbatim} sends it exactly as in the seed (re-signed),
 * and the CRM target answers REJECTED once the seed is more than a year old.
 *
 * <p>The same order later in its life, as the mall pushes it again: {@code --confirm} (receipt confirmed),
 * {@code --cancel}, {@code --refund-line=496877} (the seed's only line; several ids comma-separated), in any
 * combination (each push shows the whole state: {@code --confirm --refund-line=496877} after a confirmation);
 * {@code --order-no=N} sends it as another order number, for a fresh walkthrough on a stack that has the seed's.
 */
public final class SeedCommand {

    static final String SEED_CREATED = "2025-03-20 16:58:09";
    static final String SEED_PAID = "2025-03-20 16:58:12";
    /** The seed's order number. */
    public static final String SEED_ORDER_NO = "20250320165809904355";
    /** The seed's only line ({@code detail[0].id}). */
    public static final long SEED_LINE = 496877;

    private SeedCommand() {
    }

    /** The seed's sample exactly as in the seed, with a valid demo signature for mall 222. */
    public static String signedSeed() {
        return Signing.sign(DemoOrderGenerator.template(), DemoMall.byId(222).orElseThrow().secret());
    }

    /** The seed's sample with its created/paid/updated times moved to {@code now}, signed for mall 222. */
    public static String signedSeedPaidAt(Instant now) {
        ZonedDateTime paid = now.atZone(MallTime.ZONE);
        String body = DemoOrderGenerator.template()
                .replace(SEED_CREATED, MallTime.FORMAT.format(paid.minusSeconds(3)))
                .replace(SEED_PAID, MallTime.FORMAT.format(paid));
        return Signing.sign(body, DemoMall.byId(222).orElseThrow().secret());
    }

    /**
     * The seed's sample as order {@code orderNo}, showing {@code state} (changed at {@code now}; paid at {@code now}, or
     * 10 minutes before for a later state), signed for mall 222.
     */
    public static String signedSeedShowing(Instant now, String orderNo, OrderState state) {
        // a later push shows the order paid a while before the change (10 minutes: each call has only its own clock)
        Instant paidAt = state.equals(OrderState.PAID) ? now : now.minusSeconds(600);
        String paid = DemoOrderGenerator.template()
                .replace(SEED_CREATED, MallTime.FORMAT.format(paidAt.atZone(MallTime.ZONE).minusSeconds(3)))
                .replace(SEED_PAID, MallTime.FORMAT.format(paidAt.atZone(MallTime.ZONE)));
        ObjectNode push = (ObjectNode) Json.tree(paid);
        push.put("order_no", orderNo);
        return Signing.sign(Json.writeString(LaterPush.of(push, state, now.atZone(MallTime.ZONE))),
                DemoMall.byId(222).orElseThrow().secret());
    }

    public static int run(Cli cli) throws IOException, InterruptedException {
        String url = cli.get("ingest", "http://127.0.0.1:8080/webhooks/mall/orders");
        String orderNo = cli.get("order-no", SEED_ORDER_NO);
        OrderState state = OrderState.PAID;
        if (cli.has("confirm")) {
            state = state.withConfirmed();
        }
        if (cli.has("cancel")) {
            state = state.withCancelled();
        }
        String refunded = cli.get("refund-line", "");
        for (String line : refunded.isBlank() ? new String[0] : refunded.split(",")) {
            state = state.withRefunded(Long.parseLong(line.trim()));
        }
        boolean plain = state.equals(OrderState.PAID) && orderNo.equals(SEED_ORDER_NO);
        String body = cli.has("verbatim") ? signedSeed()
                : plain ? signedSeedPaidAt(Instant.now()) : signedSeedShowing(Instant.now(), orderNo, state);
        HttpResponse<String> response = Http.postJson(url, body);
        System.out.println("POST " + url + " (seed order 222:" + orderNo
                + (cli.has("verbatim") ? ", verbatim" : ", paid now") + (state.confirmed() ? ", confirmed" : "")
                + (state.cancelled() ? ", cancelled" : "")
                + (state.refundedLines().isEmpty() ? "" : ", refunded lines " + state.refundedLines())
                + ") -> HTTP " + response.statusCode());
        System.out.println(response.body());
        return response.statusCode() == 200 ? 0 : 1;
    }

    public static int sign(Cli cli) throws IOException {
        long mallId = Long.parseLong(cli.get("mall", "222"));
        DemoMall mall = DemoMall.byId(mallId).orElseThrow(() -> new IllegalArgumentException("no demo mall " + mallId));
        String body = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(Signing.sign(body, cli.get("secret", mall.secret())));
        return 0;
    }
}
