package com.mallsync.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import com.mallsync.model.Json;
import com.mallsync.testsupport.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class PushValidatorTest {

    private final ObjectNode seed = (ObjectNode) Json.tree(Seeds.mallOrderPush());

    @Test
    void theSeedSampleIsAValidPaidOrder() {
        assertThat(PushValidator.mallId(seed)).isEqualTo(222L);
        assertThat(PushValidator.orderNo(seed)).isEqualTo("20250320165809904355");
        assertThat(PushValidator.isPaid(seed)).isTrue();
        PushValidator.validatePaidOrder(seed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "total_price | \"-1.00\" | must not be negative",
            "total_pay_price | \"abc\" | decimal amount",
            "total_goods_price | \"1.005\" | at most 2 decimals",
            "express_price | true | decimal amount",
            "back_price | 1e999999999 | at most 2 decimals",
            "back_price | \"-1.005\" | at most 2 decimals",
            "member_discount_price | \"-abc\" | decimal amount",
            "member_discount_price | \"--1.00\" | decimal amount",
            "back_price | -1e999999999 | at most 2 decimals",
            "coupon_discount_price | \"-1.00\" | must not be negative",
            "integral_deduction_price | -1 | must not be negative",
            "total_pay_price | \"9999999999999.00\" | decimal amount",
            "pay_time | \"2025-13-45 99:99:99\" | time like",
            "pay_time | \"0000-00-00 00:00:00\" | not empty or a zero date",
            "user | \"someone\" | must be an object",
            "detail | [] | must not be empty",
            "detail | {} | must be an array",
            "id | 1.5 | must be an integer",
            "cancel_status | \"cancelled\" | must be an integer",
            "is_confirm | 1.0 | must be an integer",
            "is_confirm | 99999999999 | must be an integer",
            "cancel_time | \"yesterday\" | time like",
            "confirm_time | \"2025-03-20\" | time like",
            "updated_at | 20250320 | time like"})
    void aBadTopLevelFieldIsNamed(String field, String value, String message) {
        seed.set(field, Json.tree(value));

        assertThatThrownBy(() -> PushValidator.validatePaidOrder(seed))
                .isInstanceOfSatisfying(InvalidPushException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.reason()).contains(message);
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "num | 0 | between 1 and",
            "num | \"x\" | must be an integer",
            "unit_price | \"-0.01\" | must not be negative",
            "total_price | \"-0.01\" | must not be negative",
            "back_price | \"-0.001\" | at most 2 decimals",
            "member_discount_price | \"x\" | decimal amount",
            "total_original_price | null | is required",
            "goods_info | [] | must be an object",
            "is_refund | \"yes\" | must be an integer",
            "refund_status | 2.5 | must be an integer"})
    void aBadLineFieldIsNamedWithItsPath(String field, String value, String message) {
        ((ObjectNode) seed.get("detail").get(0)).set(field, Json.tree(value));

        assertThatThrownBy(() -> PushValidator.validatePaidOrder(seed))
                .isInstanceOfSatisfying(InvalidPushException.class, e -> {
                    assertThat(e.field()).isEqualTo("detail[0]." + field);
                    assertThat(e.reason()).contains(message);
                });
    }

    @Test
    void theSeedsZeroDatesForConfirmAndCancelTimeAreAcceptedAndRealTimesToo() {
        // the seed: "confirm_time": "0000-00-00 00:00:00", "cancel_time": "0000-00-00 00:00:00" (none yet)
        assertThat(seed.get("confirm_time").asString()).isEqualTo("0000-00-00 00:00:00");
        PushValidator.validatePaidOrder(seed);
        seed.set("confirm_time", Json.tree("\"2025-03-27 10:00:00\""));
        seed.set("cancel_time", Json.tree("\"\""));
        seed.remove("updated_at");
        PushValidator.validatePaidOrder(seed);
    }

    @Test
    void aLineShownRefundedMustCarryItsIdAndOneNotRefundedNeedNot() {
        // MALL-FIELDS.md: a line is refunded when "is_refund" is 1 and "refund_status" is 2; its event is named by it
        ObjectNode line = (ObjectNode) seed.get("detail").get(0);
        line.remove("id");
        line.set("is_refund", Json.tree("1"));
        line.set("refund_status", Json.tree("1"));
        PushValidator.validatePaidOrder(seed);

        line.set("refund_status", Json.tree("\"2\""));

        assertThatThrownBy(() -> PushValidator.validatePaidOrder(seed))
                .isInstanceOfSatisfying(InvalidPushException.class, e -> {
                    assertThat(e.field()).isEqualTo("detail[0].id");
                    assertThat(e.reason()).contains("refunded line");
                });
        line.set("id", Json.tree("496877"));
        PushValidator.validatePaidOrder(seed);
    }

    @Test
    void aMarkUpIsANegativeMemberDiscountOrBackPriceOfTheOrderOrALineAndIsAccepted() {
        // MALL-FIELDS.md: member_discount_price and back_price are "positive = discount, negative = mark-up"
        seed.set("member_discount_price", Json.tree("\"-2.00\""));
        seed.set("back_price", Json.tree("-1.5"));
        ObjectNode line = (ObjectNode) seed.get("detail").get(0);
        line.set("member_discount_price", Json.tree("\"-2.00\""));
        line.set("back_price", Json.tree("\"-0.50\""));

        PushValidator.validatePaidOrder(seed);
        assertThat(PushValidator.amount(seed, "back_price", "back_price", false)).contains(new BigDecimal("-1.5"));
        assertThat(PushValidator.amount(line, "back_price", "detail[0].back_price", false))
                .contains(new BigDecimal("-0.50"));
    }

    @Test
    void amountsAreExactWhetherSentAsStringsOrNumbers() {
        seed.set("total_price", Json.tree("3.10"));

        assertThat(PushValidator.amount(seed, "total_price", "total_price", true)).contains(new BigDecimal("3.10"));
        assertThat(PushValidator.amount(seed, "total_pay_price", "total_pay_price", true))
                .contains(new BigDecimal("3.00"));
    }

    @Test
    void mallIdMustBeAPositiveInteger() {
        for (String bad : new String[] {"0", "-222", "\"abc\"", "2.5", "null", "[222]"}) {
            seed.set("mall_id", Json.tree(bad));
            assertThatThrownBy(() -> PushValidator.mallId(seed)).as(bad)
                    .isInstanceOfSatisfying(InvalidPushException.class, e -> assertThat(e.field()).isEqualTo("mall_id"));
        }
        seed.set("mall_id", Json.tree("\"222\""));
        assertThat(PushValidator.mallId(seed)).isEqualTo(222L);
    }

    @Test
    void isPayIsZeroOrOne() {
        seed.set("is_pay", Json.tree("0"));
        assertThat(PushValidator.isPaid(seed)).isFalse();
        seed.set("is_pay", Json.tree("2"));
        assertThatThrownBy(() -> PushValidator.isPaid(seed)).isInstanceOf(InvalidPushException.class);
        seed.remove("is_pay");
        assertThatThrownBy(() -> PushValidator.isPaid(seed)).hasMessageContaining("is_pay: is required");
    }

    @Test
    void orderNumbersThatCannotBeKeysAreRefused() {
        for (String bad : new String[] {"\"\"", "\"a b\"", "\"x\\ny\"", "\"" + "9".repeat(65) + "\"", "{}"}) {
            seed.set("order_no", Json.tree(bad));
            assertThatThrownBy(() -> PushValidator.orderNo(seed)).as(bad)
                    .isInstanceOfSatisfying(InvalidPushException.class, e -> assertThat(e.field()).isEqualTo("order_no"));
        }
    }

    @Test
    void aMessageNeverEchoesTheValue() {
        seed.set("total_pay_price", Json.tree("\"138-1234-5678\""));

        assertThatThrownBy(() -> PushValidator.validatePaidOrder(seed))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("138-1234-5678"));
    }

}
