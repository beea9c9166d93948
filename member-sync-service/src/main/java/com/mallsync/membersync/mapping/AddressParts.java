package com.mallsync.membersync.mapping;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Province, city and county cut from the head of a one-line Chinese address ("广东省深圳市南山区…"), where they can
 * be had. The mall sends one {@code address} string; anything not recognised is left {@code null}, never guessed.
 */
public record AddressParts(String province, String city, String county) {

    static final AddressParts NONE = new AddressParts(null, null, null);

    private static final Set<String> MUNICIPALITIES = Set.of("北京市", "天津市", "上海市", "重庆市");
    private static final Pattern PROVINCE = Pattern.compile("^(.{2,8}?(?:省|自治区|特别行政区))");
    private static final Pattern CITY = Pattern.compile("^(.{2,10}?(?:自治州|地区|盟|市))");
    private static final Pattern COUNTY = Pattern.compile("^(.{1,10}?(?:区|县|旗|市))");

    public static AddressParts parse(String address) {
        if (address == null || address.isBlank()) {
            return NONE;
        }
        String rest = address.strip();
        String province;
        String city;
        if (rest.length() >= 3 && MUNICIPALITIES.contains(rest.substring(0, 3))) {
            province = rest.substring(0, 3);
            city = province;
            rest = rest.substring(3).stripLeading();
        } else {
            Matcher p = PROVINCE.matcher(rest);
            if (!p.find()) {
                return NONE;
            }
            province = p.group(1);
            rest = rest.substring(p.end()).stripLeading();
            Matcher c = CITY.matcher(rest);
            if (!c.find()) {
                return new AddressParts(province, null, null);
            }
            city = c.group(1);
            rest = rest.substring(c.end()).stripLeading();
        }
        Matcher d = COUNTY.matcher(rest);
        return new AddressParts(province, city, d.find() ? d.group(1) : null);
    }
}
