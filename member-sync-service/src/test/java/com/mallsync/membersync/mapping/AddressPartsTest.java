package com.mallsync.membersync.mapping;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AddressPartsTest {

    @Test
    void cutsProvinceCityAndCountyFromTheHeadOfAnAddress() {
        assertThat(AddressParts.parse("广东省深圳市南山区科技园1号")).isEqualTo(new AddressParts("广东省", "深圳市", "南山区"));
        assertThat(AddressParts.parse("广西壮族自治区 南宁市 青秀区 民族大道")).isEqualTo(new AddressParts("广西壮族自治区", "南宁市", "青秀区"));
        assertThat(AddressParts.parse("上海市浦东新区张江路1号")).isEqualTo(new AddressParts("上海市", "上海市", "浦东新区"));
    }

    @Test
    void leavesWhatItCannotRecogniseEmpty() {
        assertThat(AddressParts.parse("下单人地址")).isEqualTo(AddressParts.NONE);
        assertThat(AddressParts.parse(null)).isEqualTo(AddressParts.NONE);
        assertThat(AddressParts.parse("浙江省某某路")).isEqualTo(new AddressParts("浙江省", null, null));
    }
}
