package com.mallsync.ops.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One copy of each short text the ledger keeps many times (an outcome's reason, an external ref's prefix), named by
 * a small number: the 1,000,000-order benchmark's outcomes carry a handful of distinct reasons and ref prefixes, so an
 * {@link OrderEntry} keeps 16 bits per text instead of a reference (and no array of references at all). Bounded:
 * once {@value #CAPACITY} texts are held a new one gets no number and its entry keeps it itself (a console whose
 * reasons all differ pays what it did before, not more). Not thread-safe: used under the ledger's lock.
 */
final class TextPool {

    /** The number of no text ({@code null}). */
    static final int NONE = 0;
    /** Numbers fit 16 bits; 0xFFFF is left for "kept by the entry". */
    static final int CAPACITY = 0xFFFE;

    private final Map<String, Integer> numbers = new HashMap<>();
    private final List<String> texts = new ArrayList<>(List.of(""));
    private final int capacity;

    TextPool() {
        this(CAPACITY);
    }

    TextPool(int capacity) {
        this.capacity = Math.min(capacity, CAPACITY);
    }

    /** The number of {@code text}: {@link #NONE} for {@code null}, -1 when the pool is full and it is new. */
    int number(String text) {
        if (text == null) {
            return NONE;
        }
        Integer held = numbers.get(text);
        if (held != null) {
            return held;
        }
        if (numbers.size() >= capacity) {
            return -1;
        }
        int number = texts.size();
        texts.add(text);
        numbers.put(text, number);
        return number;
    }

    /** The text numbered {@code number} ({@code null} for {@link #NONE}). */
    String text(int number) {
        return number == NONE ? null : texts.get(number);
    }

    int size() {
        return numbers.size();
    }
}
