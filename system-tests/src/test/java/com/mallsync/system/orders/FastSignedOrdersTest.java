package com.mallsync.system.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.mallsync.model.Json;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.SortedMd5Signature;

class FastSignedOrdersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final SignedOrders orders = new SignedOrders("1763892000", CLOCK);
    private final FastSignedOrders fast = new FastSignedOrders(orders, SignedOrders.MALL_SECRET);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 42, 999_999})
    void theFastBodyIsTheSameOrderWithTheSignatureTheVerifierComputes(int index) {
        byte[] body = fast.body(index);
        MallOrderPush push = Json.read(body, MallOrderPush.class);

        assertThat(push.orderNo()).isEqualTo(orders.orderNo(index));
        assertThat(push.payOrderNo()).isEqualTo("HM" + orders.orderNo(index));
        assertThat(push.appSign()).isEqualTo(SortedMd5Signature.sign(body, SignedOrders.MALL_SECRET));
        assertThat(Json.tree(new String(body, java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(Json.mapper().readTree(orders.body(index)));
    }
}
