package com.mallsync.model.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.mallsync.model.Json;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.OrderPaidMapping;
import com.mallsync.testsupport.Seeds;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** One parser for both targets: the ERP seed's spaced form and the run-together form give the same parts. */
class AddressPartsTest {

    @Test
    void cutsProvinceCityAndDistrictFromTheHeadOfARunTogetherAddress() {
        assertThat(AddressParts.parse("广东省深圳市南山区科技园1号"))
                .isEqualTo(new AddressParts("广东省", "深圳市", "南山区", "科技园1号"));
        assertThat(AddressParts.parse("上海市浦东新区张江路1号"))
                .isEqualTo(new AddressParts("上海市", "上海市", "浦东新区", "张江路1号"));
        assertThat(AddressParts.parse("内蒙古自治区呼伦贝尔市海拉尔区 胜利大街"))
                .isEqualTo(new AddressParts("内蒙古自治区", "呼伦贝尔市", "海拉尔区", "胜利大街"));
    }

    @Test
    void takesTheFirstThreeOfFourOrMoreSpacedPartsAsTheErpSeedShowsThem() {
        // ERP seed: ProvinceID="山东" CityID="泰安" DistrictID="泰山区" BuyerAddress="泰安"
        assertThat(AddressParts.parse("山东 泰安 泰山区 泰安")).isEqualTo(new AddressParts("山东", "泰安", "泰山区", "泰安"));
        assertThat(AddressParts.parse("广西壮族自治区 南宁市 青秀区 民族大道 1号"))
                .isEqualTo(new AddressParts("广西壮族自治区", "南宁市", "青秀区", "民族大道 1号"));
    }

    @Test
    void leavesWhatItCannotRecogniseNullAndKeepsTheWholeAddress() {
        // the push seed's "address": "下单人地址"
        assertThat(AddressParts.parse("下单人地址")).isEqualTo(new AddressParts(null, null, null, "下单人地址"));
        assertThat(AddressParts.parse(null)).isEqualTo(AddressParts.NONE);
        assertThat(AddressParts.parse("  ")).isEqualTo(AddressParts.NONE);
        assertThat(AddressParts.parse("浙江省某某路")).isEqualTo(new AddressParts("浙江省", null, null, "某某路"));
        assertThat(AddressParts.parse("山东 泰安 泰山区")).as("three spaced parts: by suffix only")
                .isEqualTo(new AddressParts(null, null, null, "山东 泰安 泰山区"));
    }

    @Test
    void ingestParsesItOnceIntoTheBuyerAndAnOlderRecordIsParsedWhenRead() {
        ObjectNode push = (ObjectNode) Json.mapper().readTree(Seeds.mallOrderPush());
        push.put("address", "广东省深圳市南山区科技园1号");
        String body = Json.mapper().writeValueAsString(push);
        OrderPaid paid = OrderPaidMapping.toOrderPaid(Json.read(body, MallOrderPush.class), body, Instant.now());
        assertThat(paid.buyer().parts()).isEqualTo(new AddressParts("广东省", "深圳市", "南山区", "科技园1号"));
        ObjectNode written = (ObjectNode) Json.mapper().readTree(Json.writeString(paid));
        ((ObjectNode) written.get("buyer")).remove("parts");
        OrderPaid older = Json.read(Json.mapper().writeValueAsString(written), OrderPaid.class);
        assertThat(older.buyer().parts()).isNull();
        assertThat(older.buyer().addressParts()).isEqualTo(paid.buyer().parts());
        assertThat(paid.buyer().parts().toString()).doesNotContain("科技园1号");
    }
}
