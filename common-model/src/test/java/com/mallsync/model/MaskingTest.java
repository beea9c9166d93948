package com.mallsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void masksTheMiddleOfAMobile() {
        assertThat(Masking.mobile("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.mobile("+8613812345678")).isEqualTo("+86*******5678");
        assertThat(Masking.mobile("1234")).isEqualTo("****");
        assertThat(Masking.mobile(null)).isNull();
    }

    @Test
    void keepsOnlyTheHeadOfAnAddressOrName() {
        assertThat(Masking.address("山东省泰安市泰山区东岳大街1号")).isEqualTo("山东省泰安市***");
        assertThat(Masking.name("张三丰")).isEqualTo("张***");
        assertThat(Masking.name("张")).isEqualTo("*");
    }
}
