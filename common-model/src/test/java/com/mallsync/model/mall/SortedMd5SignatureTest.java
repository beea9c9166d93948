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
        // Expected value computed outside Java from the verbatim seed sample (Python 3):
        //   o = json.loads(seed); o.pop("app_sign")
        //   c = json.dumps(o, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        //   hashlib.md5(("test-secret" + c + "test-secret").encode()).hexdigest()
        assertThat(SortedMd5Signature.sign(utf8(Seeds.mallOrderPush()), "test-secret"))
                .isEqualTo("73693978b300a72426ee66a3d61689eb");
    }

    @Test
    void canonicalFormIsSortedCompactJsonOfEveryFieldButTheTopLevelSignature() {
        String body = "{\"b\":\"x\", \"a\":1.50,\"app_sign\":\"zz\",\"c\":{\"n\":1,\"app_sign\":\"kept\"},"
                + "\"d\":[1,\"2\",null],\"e\":null,\"f\":true,\"A\":-2}";

        assertThat(SortedMd5Signature.canonical(utf8(body)))
                .isEqualTo("{\"A\":-2,\"a\":1.50,\"b\":\"x\",\"c\":{\"app_sign\":\"kept\",\"n\":1},\"d\":[1,\"2\",null],"
                        + "\"e\":null,\"f\":true}");
    }

    @Test
    void stringsAreEscapedOneToOne() {
        String body = "{\"s\":\"q\\\" b\\\\ \\n\\t\\r\\b\\f \\u0001 \\u007f / 中 \\ud83d\\ude00 \\ud800x\"}";

        assertThat(SortedMd5Signature.canonical(utf8(body)))
                .isEqualTo("{\"s\":\"q\\\" b\\\\ \\n\\t\\r\\b\\f \\u0001 \u007f / 中 \uD83D\uDE00 \\ud800x\"}");
        assertThat(SortedMd5Signature.canonical(utf8("{\"s\":\"\\ud800\"}")))
                .isNotEqualTo(SortedMd5Signature.canonical(utf8("{\"s\":\"\\ud801\"}")));
    }

    @Test
    void signatureDoesNotDependOnFieldOrderWhitespaceOrTheAppSignField() {
        String one = "{\"order_no\":\"1\",\"mall_id\":222,\"app_sign\":\"whatever\",\"detail\":[{\"b\":1,\"a\":2}]}";
        String two = "{ \"mall_id\" : 222, \"detail\" : [ { \"a\" : 2, \"b\" : 1 } ], \"order_no\" : \"1\" }";

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
    void refusesBodiesThatAreNotOneObjectOrRepeatAKeyAtAnyLevel() {
        assertThatThrownBy(() -> SortedMd5Signature.canonical(utf8("[1,2]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortedMd5Signature.canonical(utf8("{\"a\":1}{\"b\":2}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortedMd5Signature.canonical(utf8("{\"a\":1,\"a\":2}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortedMd5Signature.canonical(utf8("{\"d\":[{\"a\":1,\"a\":2}]}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortedMd5Signature.canonical(utf8("{\"a\":"))).isInstanceOf(IllegalArgumentException.class);
    }
}
