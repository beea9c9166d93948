package com.mallsync.sandbox.crm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** 2030's request signature: uppercase hex SHA1 of {@code AppId={AppId}&Timestamp={Timestamp}&Token={Token}}. */
final class Signature {

    private Signature() {
    }

    static String sign(String appId, String timestamp, String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(
                    ("AppId=" + appId + "&Timestamp=" + timestamp + "&Token=" + token).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
