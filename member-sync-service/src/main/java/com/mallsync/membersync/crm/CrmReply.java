package com.mallsync.membersync.crm;

import java.util.Arrays;
import java.util.List;

/**
 * The 2030 reply envelope {@code {Status, StatusCode, Msg, Timestamp, Sign, Result}}; {@code Result} = rows affected.
 */
public record CrmReply(boolean status, int statusCode, String msg, int result) {

    /** StatusCode of a batch refused because Code(s) were already stored (see the README's Assumptions). */
    public static final int DUPLICATE = 409;
    /** Msg prefix of that reply; the duplicate Codes follow, comma separated. */
    public static final String DUPLICATE_MARK = "duplicate Code):";

    public boolean duplicate() {
        return !status && statusCode == DUPLICATE;
    }

    /** The Codes a duplicate reply names; empty when it names none that can be read. */
    public List<String> duplicateCodes() {
        if (!duplicate() || msg == null || !msg.contains(DUPLICATE_MARK)) {
            return List.of();
        }
        return Arrays.stream(msg.substring(msg.indexOf(DUPLICATE_MARK) + DUPLICATE_MARK.length()).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
