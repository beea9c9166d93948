package com.mallsync.model.event;

import com.mallsync.model.Masking;

/**
 * Who ordered and where it goes. {@link #toString()} masks the personal data, so logging a record never leaks it.
 *
 * @param userId     the mall's {@code user_id}
 * @param name       the consignee ({@code name})
 * @param mobile     the consignee's mobile ({@code mobile})
 * @param address    the delivery address as one string ({@code address})
 * @param addressId  {@code address_id}
 * @param nickname   the mall account's nickname ({@code user.nickname})
 * @param unionid    the WeChat union id ({@code user.unionid})
 * @param userMobile the mall account's mobile ({@code user.mobile})
 * @param parts      the address's province, city and district, parsed once at ingest ({@link AddressParts#parse});
 *                   {@code null} in records written before it was parsed ({@link #addressParts()} parses then)
 */
public record Buyer(
        Long userId,
        String name,
        String mobile,
        String address,
        Long addressId,
        String nickname,
        String unionid,
        String userMobile,
        AddressParts parts) {

    /** A buyer whose address is parsed here, once ({@link AddressParts#parse}). */
    public Buyer(Long userId, String name, String mobile, String address, Long addressId, String nickname,
                 String unionid, String userMobile) {
        this(userId, name, mobile, address, addressId, nickname, unionid, userMobile, AddressParts.parse(address));
    }

    /** The address's parts as ingest parsed them (or parsed now, for a record written before ingest did). */
    public AddressParts addressParts() {
        return parts != null ? parts : AddressParts.parse(address);
    }

    @Override
    public String toString() {
        return "Buyer[userId=" + userId + ", name=" + Masking.name(name) + ", mobile=" + Masking.mobile(mobile)
                + ", address=" + Masking.address(address) + ", userMobile=" + Masking.mobile(userMobile) + "]";
    }
}
