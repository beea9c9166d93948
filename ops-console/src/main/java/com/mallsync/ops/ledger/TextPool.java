package com.mallsync.ops.ledger;

import java.util.HashMap;
import java.util.Map;

/**
 * One copy of each short text the ledger keeps many times (an outcome's reason, an external ref's prefix): the
 * 1,000,000-order benchmark's outcomes carry a handful of distinct reasons, each kept once rather than once per
 * outcome. Bounded: once {@code capacity} texts are held, a new one is kept as it came (a console whose reasons all
 * differ pays what it did before, not more). Not thread-safe: used under the ledger's lock.
 */
final class TextPool {

    private final Map<String, String> texts = new HashMap<>();
    private final int capacity;

    TextPool(int capacity) {
        this.capacity = capacity;
    }

    /** The pooled copy of {@code text} ({@code null} stays {@code null}). */
    String of(String text) {
        if (text == null) {
            return null;
        }
        String held = texts.get(text);
        if (held != null) {
            return held;
        }
        if (texts.size() < capacity) {
            texts.put(text, text);
        }
        return text;
    }

    int size() {
        return texts.size();
    }
}
