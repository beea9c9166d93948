package com.mallsync.model.mall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import com.mallsync.testsupport.Seeds;
import org.junit.jupiter.api.Test;

class SortedMd5SignatureTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signsTheSeedSampleAsAnIndependentImplementationDoes() {
        // Expected value computed outside Java (Python: json + hashlib) from the verbatim seed sample,
        // following ARCHITECTURE.md "Signature": strings and numbers only, app_sign left out, byte-order sort.
        assertThat(SortedMd5Signature.sign(utf8(Seeds.mallOrderPush()), "test-secret"))
                .isEqualTo("b8a9e2ae57d369e537d551618ea9b242");
    }

    @Test
    void canonicalFormTakesTopLevelStringsAndNumbersAsWrittenSortedByKey() {
        String body = "{\"b\":\"x\",\"a\":1.50,\"app_sign\":\"zz\",\"c\":{\"n\":1},\"d\":[1],\"e\":null,\"f\":true,\"A\":-2}";

        assertThat(SortedMd5Signature.canonical(utf8(body))).isEqualTo("A-2a1.50bx");
    }

    @Test
    void signatureDoesNotDependOnFieldOrderOrOnTheAppSignField() {
        String one = "{\"order_no\":\"1\",\"mall_id\":222,\"app_sign\":\"whatever\"}";
        String two = "{\"mall_id\":222,\"order_no\":\"1\"}";

        assertThat(SortedMd5Signature.sign(utf8(one), "s")).isEqualTo(SortedMd5Signature.sign(utf8(two), "s"));
    }

    @Test
    void aChangedAmountOrSecretChangesTheSignature() {
        String paid = "{\"mall_id\":222,\"total_pay_price\":\"3.00\"}";
        String tampered = "{\"mall_id\":222,\"total_pay_price\":\"0.01\"}";

        assertThat(SortedMd5Signature.sign(utf8(paid), "s")).isNotEqualTo(SortedMd5Signature.sign(utf8(tampered), "s"));
        assertThat(SortedMd5Signature.sign(utf8(paid), "s")).isNotEqualTo(SortedMd5Signature.sign(utf8(paid), "t"));
    }

    @Test
    void matchingIgnoresCaseAndRefusesMissingSignatures() {
        assertThat(SortedMd5Signature.matches("ABCDEF", "abcdef")).isTrue();
        assertThat(SortedMd5Signature.matches("abcdee", "abcdef")).isFalse();
        assertThat(SortedMd5Signature.matches(null, "abcdef")).isFalse();
        assertThat(SortedMd5Signature.matches("", "abcdef")).isFalse();
    }

    @Test
    void refusesBodiesThatAreNotOneObjectOrRepeatAKey() {
        assertThatThrownBy(() -> SortedMd5Signature.canonical(utf8("[1,2]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortedMd5Signature.canonical(utf8("{\"a\":1}{\"b\":2}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortedMd5Signature.canonical(utf8("{\"a\":1,\"a\":2}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortedMd5Signature.canonical(utf8("{\"a\":"))).isInstanceOf(IllegalArgumentException.class);
    }
}
