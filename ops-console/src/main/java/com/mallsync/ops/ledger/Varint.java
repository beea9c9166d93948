package com.mallsync.ops.ledger;

import java.util.Arrays;

/**
 * Variable-length numbers in a {@code byte[]} (LEB128: 7 bits a byte, the high bit saying "more"; zigzag for signed
 * values, so a small negative number is short too) and the buffer a {@link PackedOrder} is written into. Pure.
 */
final class Varint {

    private Varint() {
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** The varint at {@code from}. */
    static long read(byte[] bytes, int from) {
        long v = 0;
        for (int i = from, shift = 0; ; i++, shift += 7) {
            byte b = bytes[i];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
    }


    /** How many bytes the varint at {@code from} takes. */
    static int length(byte[] bytes, int from) {
        int i = from;
        while (bytes[i] < 0) {
            i++;
        }
        return i - from + 1;
    }

    /** Reads a {@code byte[]} from a position on. */
    static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes, int at) {
            this.bytes = bytes;
            this.at = at;
        }

        int unsignedByte() {
            return bytes[at++] & 0xFF;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[at++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
        }

        long signed() {
            return unzigzag(varint());
        }

        /** 8 bytes, big-endian. */
        long fixed() {
            long v = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                v = (v << 8) | (bytes[at++] & 0xFF);
            }
            return v;
        }
    }

    /** A growable byte buffer. */
    static final class Bytes {
        private byte[] bytes;
        private int size;

        Bytes(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        void put(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = (byte) b;
        }

        void put(byte[] more) {
            for (byte b : more) {
                put(b);
            }
        }

        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                put((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            put((int) v);
        }

        /** {@code v} in 8 bytes, big-endian. */
        void fixed(long v) {
            for (int i = Long.BYTES - 1; i >= 0; i--) {
                put((int) (v >>> (8 * i)));
            }
        }

        void clear() {
            size = 0;
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
