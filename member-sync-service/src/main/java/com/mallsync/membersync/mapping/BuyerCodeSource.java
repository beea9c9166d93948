package com.mallsync.membersync.mapping;

/** Where BuyerCode comes from; a shop lists them in order of preference, the first non-empty wins. */
public enum BuyerCodeSource {
    /** {@code user.unionid}: the WeChat union id, which EZR member cards bind to */
    UNIONID,
    /** {@code user_id}: the mall's account id */
    USER_ID,
    /** {@code user.mobile}: the account's mobile */
    USER_MOBILE,
    /** {@code user.nickname} */
    NICKNAME
}
