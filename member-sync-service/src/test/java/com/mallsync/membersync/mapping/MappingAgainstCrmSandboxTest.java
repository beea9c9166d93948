package com.mallsync.membersync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mallsync.membersync.crm.CrmClient;
import com.mallsync.membersync.crm.CrmReply;
import com.mallsync.model.MallTime;
import com.mallsync.model.mall.CheckoutPush;
import com.mallsync.model.mall.MallCheckout;
import com.mallsync.sandbox.crm.CrmSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mall-priced orders through the mapping and over real HTTP to the CRM sandbox, whose rules are written from the
 * seed independently of ours (Σ Dtls.Amount = TotalMoney, Σ Quantity = TotalQty, DiscountMoney ≥ 0, PayAmount =
 * Σ Amount): every order our rules pass, the sandbox stores; a mark-up our rules refuse, it refuses too.
 */
class MappingAgainstCrmSandboxTest {

    static CrmSandbox sandbox;
    static CrmClient client;

    @BeforeAll
    static void start() {
        sandbox = CrmSandbox.start(0, "app", "token");
        client = new CrmClient(URI.create(sandbox.baseUrl()), "app", "token", Duration.ofSeconds(5),
                Duration.ofSeconds(30), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void everyOrderOurRulesPassTheSandboxStoresAndAMarkUpBothRefuse() throws Exception {
        sandbox.reset();
        Random random = new Random(20300);
        OffsetDateTime paid = OffsetDateTime.now(MallTime.ZONE).withNano(0).minusMinutes(1);
        ShopChannel exclude = ShopChannel.of("MALL222");
        ShopChannel line = new ShopChannel("MALL222", 1, FreightMode.LINE, "YF001", null, null);
        List<CrmOrder> passed = new ArrayList<>();
        CrmOrder refusedMarkUp = null;
        for (int k = 0; k < 1_000; k++) {
            MallCheckout c = MallCheckout.random(random, CheckoutPush.randomItems(random));
            CrmOrder o = CrmOrderMapping.toCrmOrder(CheckoutPush.orderPaid(c, 222, "S" + k, paid),
                    k % 5 == 0 ? line : exclude);
            if (CrmOrderRules.firstViolation(o, paid.toInstant().plusSeconds(60)).isEmpty()) {
                passed.add(o);
            } else {
                refusedMarkUp = o;
            }
        }
        for (int from = 0; from < passed.size(); from += 100) {
            CrmReply reply = client.upload(passed.subList(from, Math.min(passed.size(), from + 100)));
            assertThat(reply.status()).as(reply.msg()).isTrue();
        }
        assertThat(sandbox.stats().rejected()).isZero();
        assertThat(sandbox.orders()).hasSize(passed.size());

        assertThat(refusedMarkUp).as("the generator makes mark-ups 2030 cannot carry").isNotNull();
        CrmReply refused = client.upload(List.of(refusedMarkUp));
        assertThat(refused.status()).isFalse();
        assertThat(refused.msg()).contains("DiscountMoney不能小于0");
    }
}
