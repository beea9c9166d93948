package com.mallsync.erpsync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.mallsync.erpsync.config.ErpSyncProperties;

/** Reply classification, from the seed's reply example ("返回示例"). */
class ErpClientTest {

    private final ErpSyncProperties.Erp erp = new ErpSyncProperties.Erp(null, null, null, null, null, null,
            List.of("9001"), List.of("3001"), null);

    @Test
    void theSeedsReplyIsAcceptedWithItsOuterTradeId() {
        ErpReply reply = ErpClient.classify(200, """
                {"Code":"0","Method":0,"Compressed":false,"Encrypted":false,"Message":{"OuterTradeID":"6359657698853654528"}}
                """, erp);
        assertThat(reply).isEqualTo(new ErpReply.Accepted("6359657698853654528"));
    }

    @Test
    void anotherCodeIsARefusalRetryableOnlyWhenConfigured() {
        assertThat(ErpClient.classify(200, "{\"Code\":\"2001\",\"Message\":\"bad goods\"}", erp))
                .isEqualTo(new ErpReply.Refused("2001", "bad goods", false));
        assertThat(ErpClient.classify(200, "{\"Code\":\"9001\",\"Message\":\"busy\"}", erp))
                .isEqualTo(new ErpReply.Refused("9001", "busy", true));
    }

    @Test
    void aConfiguredDuplicateCodeMeansTheErpHasTheOrderAlready() {
        assertThat(ErpClient.classify(200, "{\"Code\":\"3001\",\"Message\":\"外部订单号已存在\"}", erp))
                .isEqualTo(new ErpReply.AlreadyThere("3001", "外部订单号已存在"));
    }

    @Test
    void serverErrorsAndUnreadableRepliesAreUnavailableAndNotInDoubt() {
        assertThat(ErpClient.classify(503, "", erp)).isEqualTo(new ErpReply.Unavailable("HTTP 503", false));
        assertThat(ErpClient.classify(200, "<html>", erp)).isInstanceOf(ErpReply.Unavailable.class);
        assertThat(ErpClient.classify(401, "no", erp)).isInstanceOf(ErpReply.Refused.class);
    }
}
