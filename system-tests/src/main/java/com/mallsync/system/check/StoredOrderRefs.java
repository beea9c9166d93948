package com.mallsync.system.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds which of the sent orders a stored sandbox entry is. The sandboxes store what they were given (a 2030 order
 * with its {@code Code}; an ERP order with its XML), so the mall's order number appears in the entry's text; our
 * generated order numbers are 20 digits with a run prefix, so a match cannot be accidental.
 */
final class StoredOrderRefs {

    private static final Pattern DIGIT_RUN = Pattern.compile("\\d+");

    private StoredOrderRefs() {
    }

    /** The sent order numbers that occur in the entry, as whole digit runs (each at most once). */
    static List<String> sentOrdersIn(String storedEntry, Set<String> sentOrderNos) {
        List<String> found = new ArrayList<>();
        Matcher digits = DIGIT_RUN.matcher(storedEntry);
        while (digits.find()) {
            String run = digits.group();
            if (sentOrderNos.contains(run) && !found.contains(run)) {
                found.add(run);
            }
        }
        return found;
    }
}
