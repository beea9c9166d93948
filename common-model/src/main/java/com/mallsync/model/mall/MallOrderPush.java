package com.mallsync.model.mall;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One paid-order push from the mall, field names as the mall sends them (snake_case).
 *
 * @param other every field not typed here, kept as pushed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MallOrderPush(
        Long id,
        Long mallId,
        Long userId,
        Long mchId,
        String orderNo,
        BigDecimal totalPrice,
        BigDecimal totalPayPrice,
        BigDecimal expressOriginalPrice,
        BigDecimal expressPrice,
        BigDecimal totalGoodsPrice,
        BigDecimal totalGoodsOriginalPrice,
        BigDecimal memberDiscountPrice,
        Long useUserCouponId,
        BigDecimal couponDiscountPrice,
        Long useIntegralNum,
        BigDecimal integralDeductionPrice,
        String name,
        String mobile,
        String address,
        Long addressId,
        String remark,
        String words,
        String sellerRemark,
        Integer isPay,
        Integer payType,
        String payTime,
        Integer isConfirm,
        String confirmTime,
        Integer cancelStatus,
        String cancelTime,
        String createdAt,
        String updatedAt,
        Integer status,
        BigDecimal backPrice,
        String supportPayTypes,
        List<MallOrderLine> detail,
        MallUser user,
        String payOrderNo,
        String method,
        String appSign,
        MallParent parent,
        @JsonAnySetter Map<String, JsonNode> other) {

    public MallOrderPush {
        other = other == null ? new LinkedHashMap<>() : other;
    }

    @JsonAnyGetter
    @Override
    public Map<String, JsonNode> other() {
        return other;
    }

    /** The pay methods the order allowed, parsed from the JSON-inside-a-string {@code support_pay_types}. */
    public List<String> supportPayTypeList() {
        return EmbeddedJson.stringList(supportPayTypes);
    }

    /** A short form without buyer data, safe to log. */
    @Override
    public String toString() {
        return "MallOrderPush[mallId=" + mallId + ", orderNo=" + orderNo + ", lines="
                + (detail == null ? 0 : detail.size()) + "]";
    }
}
