package com.mallsync.membersync.mapping;

/** What becomes of the mall's freight ({@code express_price}), which has no 2030 field. */
public enum FreightMode {
    /** Left out: TotalMoney and PayAmount are the goods only (default). */
    EXCLUDE,
    /** Sent as an extra Dtls row with the shop's freight bar code, so TotalMoney and PayAmount include it. */
    LINE
}
