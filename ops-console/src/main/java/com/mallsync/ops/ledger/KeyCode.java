package com.mallsync.ops.ledger;

import java.util.Arrays;

/**
 * An order key as a {@link PackedOrder} holds it, from byte {@code at} of the packed order: a varint of
 * length × 4 + form, then the characters, two per byte when they are all digits and colons (the malls'
 * {@code mallId:orderNo} keys: {@code 222:} + 20 digits in 13 bytes), else one per byte when all Latin-1, else two
 * bytes each. One key has one code, so two keys are equal exactly when their codes are. Pure.
 */
final class KeyCode {

    private static final int DIGITS = 0;
    private static final int LATIN1 = 1;
    private static final int UTF16 = 2;

    private KeyCode() {
    }

    /** The code of {@code key}. */
    static byte[] of(String key) {
        int length = key.length();
        int form = DIGITS;
        for (int i = 0; i < length && form != UTF16; i++) {
            char c = key.charAt(i);
            if (c > 0xFF) {
                form = UTF16;
            } else if (form == DIGITS && !(c == ':' || (c >= '0' && c <= '9'))) {
                form = LATIN1;
            }
        }
        int bytes = form == DIGITS ? (length + 1) / 2 : form == LATIN1 ? length : 2 * length;
        Varint.Bytes out = new Varint.Bytes(5 + bytes);
        out.varint(((long) length << 2) | form);
        switch (form) {
            case DIGITS -> {
                for (int i = 0; i < length; i += 2) {
                    int high = nibble(key.charAt(i));
                    int low = i + 1 < length ? nibble(key.charAt(i + 1)) : 0;
                    out.put((high << 4) | low);
                }
            }
            case LATIN1 -> {
                for (int i = 0; i < length; i++) {
                    out.put(key.charAt(i));
                }
            }
            default -> {
                for (int i = 0; i < length; i++) {
                    out.put(key.charAt(i) >>> 8);
                    out.put(key.charAt(i));
                }
            }
        }
        return out.toArray();
    }

    private static int nibble(char c) {
        return c == ':' ? 10 : c - '0';
    }

    /** How many bytes the code at {@code at} of {@code bytes} takes. */
    static int length(byte[] bytes, int at) {
        long header = Varint.read(bytes, at);
        int length = (int) (header >>> 2);
        int chars = switch ((int) (header & 0b11)) {
            case DIGITS -> (length + 1) / 2;
            case LATIN1 -> length;
            default -> 2 * length;
        };
        return Varint.length(bytes, at) + chars;
    }

    /**
     * Whether the code at {@code at} of {@code bytes} is {@code code} (its first bytes say its length, so equal first
     * {@code code.length} bytes are the whole code).
     */
    static boolean equals(byte[] bytes, int at, byte[] code) {
        return bytes.length >= at + code.length && Arrays.equals(bytes, at, at + code.length, code, 0, code.length);
    }

    /** A well-mixed hash of the code at {@code at} of {@code bytes} (its high bits pick a slot, its low a segment). */
    static int hash(byte[] bytes, int at) {
        int h = 1;
        for (int i = at, end = at + length(bytes, at); i < end; i++) {
            h = 31 * h + bytes[i];
        }
        // MurmurHash3's finaliser: every input bit affects every output bit
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** The key whose code is at {@code at} of {@code bytes}. */
    static String key(byte[] bytes, int at) {
        long header = Varint.read(bytes, at);
        int from = at + Varint.length(bytes, at);
        int length = (int) (header >>> 2);
        int form = (int) (header & 0b11);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = charAt(bytes, from, form, i);
        }
        return new String(chars);
    }

    /**
     * Whether the key whose code is at {@code at} is {@code mallId:query}: exactly one colon, right before
     * {@code query} (the search by order number), read without building the key.
     */
    static boolean isNumberOf(byte[] bytes, int at, String query) {
        long header = Varint.read(bytes, at);
        int from = at + Varint.length(bytes, at);
        int length = (int) (header >>> 2);
        int form = (int) (header & 0b11);
        int colon = length - query.length() - 1;
        if (colon < 0 || charAt(bytes, from, form, colon) != ':') {
            return false;
        }
        for (int i = 0; i < query.length(); i++) {
            if (charAt(bytes, from, form, colon + 1 + i) != query.charAt(i)) {
                return false;
            }
        }
        for (int i = 0; i < colon; i++) {
            if (charAt(bytes, from, form, i) == ':') {
                return false;
            }
        }
        return true;
    }

    private static char charAt(byte[] bytes, int from, int form, int i) {
        return switch (form) {
            case DIGITS -> {
                int b = bytes[from + i / 2] & 0xFF;
                int n = (i & 1) == 0 ? b >>> 4 : b & 0xF;
                yield n == 10 ? ':' : (char) ('0' + n);
            }
            case LATIN1 -> (char) (bytes[from + i] & 0xFF);
            default -> (char) (((bytes[from + 2 * i] & 0xFF) << 8) | (bytes[from + 2 * i + 1] & 0xFF));
        };
    }
}
