package com.mallsync.stack;

import java.util.List;
import java.util.Optional;

/**
 * A mall of the local demo with its credentials at each system. These are demo values (never real secrets); the
 * stack passes them to the services as the contract configuration keys, and the load tool signs with them.
 * Mall 222 is the seed's; the two others exist so that the load tool exercises several malls and shops
 * (one 2030 ShopCode per batch).
 *
 * @param mallId   the mall's {@code mall_id}
 * @param appKey   the AppKey set in the mall's admin ({@code ingest.malls.<id>.app-key})
 * @param secret   the signing secret ({@code ingest.malls.<id>.secret})
 * @param shopCode the 2030 channel ({@code member-sync.shops.<id>.shop-code})
 * @param erpUid   the ERP user owning the mall's orders ({@code erp-sync.malls.<id>.uid})
 */
public record DemoMall(long mallId, String appKey, String secret, String shopCode, String erpUid) {

    /** Every demo mall; the seed's mall 222 first. */
    public static final List<DemoMall> ALL = List.of(of(222), of(305), of(318));

    private static DemoMall of(long id) {
        return new DemoMall(id, "demo-key-" + id, "demo-secret-" + id, "MALL" + id, "demo-uid-" + id);
    }

    public static Optional<DemoMall> byId(long mallId) {
        return ALL.stream().filter(m -> m.mallId == mallId).findFirst();
    }

    /** The credentials the demo uses at the CRM and the ERP (also demo values). */
    public static final String CRM_APP_ID = "demo-crm-app";
    public static final String CRM_TOKEN = "demo-crm-token";
    public static final String ERP_PLATFORM_ID = "YHDT-DEMO";
    public static final String ERP_USER_ACCESS_TOKEN = "demo-erp-token";
}
