package com.mallsync.model.mall;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import com.mallsync.model.Json;
import com.mallsync.testsupport.Seeds;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MallOrderPushTest {

    private final String seed = Seeds.mallOrderPush();

    @Test
    void theSeedSampleRoundTripsWithEveryFieldKept() {
        MallOrderPush push = Json.read(seed, MallOrderPush.class);

        JsonNode original = Json.tree(seed);
        JsonNode again = Json.tree(Json.writeString(push));

        assertThat(again).isEqualTo(original);
    }

    @Test
    void theSeedSampleReadsAsPushed() {
        MallOrderPush push = Json.read(seed, MallOrderPush.class);

        assertThat(push.mallId()).isEqualTo(222L);
        assertThat(push.orderNo()).isEqualTo("20250320165809904355");
        assertThat(push.totalPrice()).isEqualTo(new BigDecimal("3.00"));
        assertThat(push.expressPrice()).isEqualTo(new BigDecimal("2.00"));
        assertThat(push.payTime()).isEqualTo("2025-03-20 16:58:12");
        // "send_time": "0000-00-00 00:00:00" and "auto_cancel_time": null are kept as pushed
        assertThat(push.other().get("send_time").asString()).isEqualTo("0000-00-00 00:00:00");
        assertThat(push.other().get("auto_cancel_time").isNull()).isTrue();
        // JSON inside a string: "support_pay_types": "[\"balance\"]"
        assertThat(push.supportPayTypeList()).containsExactly("balance");
        MallOrderLine line = push.detail().get(0);
        assertThat(line.num()).isEqualTo(1);
        assertThat(line.attrList().get(0).attrName()).isEqualTo("黑色");
        // escaped slashes: "cover_pic": "http:\/\/ceshi.yihedes.com\/web\/..."
        assertThat(line.coverPic()).startsWith("http://ceshi.yihedes.com/web/uploads/mall222/");
        assertThat(line.goodsInfo().goodsAttr().picList()).startsWith("[{\"id\":\"221873\",\"pic_url\":\"http:\\/\\/");
        assertThat(line.formData()).isEqualTo("null");
        assertThat(push.user().unionid()).isEqualTo("oAf8A5zrWv1er5MBGyw6Pv8c5neA");
        assertThat(push.parent().nickname()).isEqualTo("上级分销商昵称");
    }

    @Test
    void unknownFieldsAreKeptInOrder() {
        MallOrderPush push = Json.read("{\"mall_id\":1,\"order_no\":\"x\",\"brand_new\":{\"a\":[1,2]}}", MallOrderPush.class);

        assertThat(push.other()).containsKey("brand_new");
        assertThat(Json.tree(Json.writeString(push)).get("brand_new").get("a").get(1).asInt()).isEqualTo(2);
    }
}
