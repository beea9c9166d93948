package com.mallsync.model.event;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mallsync.model.Masking;

/**
 * Province, city and district of a buyer's one-line address, where the address shows them, and the rest. Parsed
 * once, at ingest ({@link Buyer}), and used by both mappings, so one buyer gets the same province in the CRM
 * (RecvProvince/RecvCity/RecvCounty) and in the ERP (ProvinceID/CityID/DistrictID).
 *
 * <p>Two formats, both seen in the mall family: the address book's parts joined by spaces ("山东 泰安 泰山区 泰安",
 * the ERP seed's example: at least four parts, the first three are province, city, district, even without the
 * 省/市/区 suffixes), and one run-together string ("广东省深圳市南山区科技园1号", cut by the administrative suffixes
 * 省/自治区/特别行政区, 市/自治州/地区/盟, 区/县/旗/市; the four municipalities are province and city at once).
 * Anything not recognised is {@code null}, never guessed; {@link #rest} is then the whole address.
 *
 * @param province the province (or municipality), or {@code null}
 * @param city     the city, or {@code null}
 * @param district the district or county, or {@code null}
 * @param rest     what follows them (street and number); the whole address when nothing was recognised; never
 *                 {@code null}
 */
public record AddressParts(String province, String city, String district, String rest) {

    public static final AddressParts NONE = new AddressParts(null, null, null, "");

    private static final Set<String> MUNICIPALITIES = Set.of("北京市", "天津市", "上海市", "重庆市");
    private static final Pattern PROVINCE = Pattern.compile("^(.{2,8}?(?:省|自治区|特别行政区))");
    private static final Pattern CITY = Pattern.compile("^(.{2,10}?(?:自治州|地区|盟|市))");
    private static final Pattern DISTRICT = Pattern.compile("^(.{1,10}?(?:区|县|旗|市))");

    public AddressParts {
        rest = rest == null ? "" : rest;
    }

    /** Masks the street ({@link #rest}): logging a record never leaks it. */
    @Override
    public String toString() {
        return "AddressParts[" + province + ", " + city + ", " + district + ", rest=" + Masking.address(rest) + "]";
    }

    /** @param address the push's {@code address}, or {@code null} */
    public static AddressParts parse(String address) {
        if (address == null || address.isBlank()) {
            return NONE;
        }
        String text = address.strip();
        String[] parts = text.split("\\s+");
        if (parts.length >= 4) {
            return new AddressParts(parts[0], parts[1], parts[2],
                    String.join(" ", Arrays.copyOfRange(parts, 3, parts.length)));
        }
        return bySuffix(text);
    }

    private static AddressParts bySuffix(String text) {
        String rest = text;
        String province;
        String city;
        if (rest.length() >= 3 && MUNICIPALITIES.contains(rest.substring(0, 3))) {
            province = rest.substring(0, 3);
            city = province;
            rest = rest.substring(3).stripLeading();
        } else {
            Matcher p = PROVINCE.matcher(rest);
            if (!p.find()) {
                return new AddressParts(null, null, null, text);
            }
            province = p.group(1);
            rest = rest.substring(p.end()).stripLeading();
            Matcher c = CITY.matcher(rest);
            if (!c.find()) {
                return new AddressParts(province, null, null, rest);
            }
            city = c.group(1);
            rest = rest.substring(c.end()).stripLeading();
        }
        Matcher d = DISTRICT.matcher(rest);
        if (!d.find()) {
            return new AddressParts(province, city, null, rest);
        }
        return new AddressParts(province, city, d.group(1), rest.substring(d.end()).stripLeading());
    }
}
