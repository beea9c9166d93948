package com.mallsync.erpsync.mapping;

import java.util.Arrays;

/**
 * The mall sends the address as one string; the ERP wants province, city, district and the rest. When the string
 * has at least four space-separated parts ("山东 泰安 泰山区 泰安", the way the mall's address book joins them), the
 * first three are province, city and district; otherwise those stay empty and the whole string is the address.
 */
record AddressParts(String province, String city, String district, String rest) {

    static AddressParts split(String address) {
        String text = address == null ? "" : address.trim();
        String[] parts = text.split("\\s+");
        if (parts.length < 4) {
            return new AddressParts("", "", "", text);
        }
        return new AddressParts(parts[0], parts[1], parts[2],
                String.join(" ", Arrays.copyOfRange(parts, 3, parts.length)));
    }
}
