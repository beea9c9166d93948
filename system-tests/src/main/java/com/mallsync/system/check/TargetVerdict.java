package com.mallsync.system.check;

import java.util.Map;

import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

/**
 * The figures of one target after a run.
 *
 * @param inSandbox           sent orders the sandbox stored at least once
 * @param missingInSandbox    sent orders the sandbox never stored (lost)
 * @param duplicatesStored    extra stored copies of sent orders, counted from the stored list (must be 0)
 * @param doubleCreations     the sandbox's own count of orders created more than once (must be 0)
 * @param unknownStored       stored entries that are none of the sent orders (another run's, or a mapping bug)
 * @param withoutOutcome      sent orders with no terminal outcome for this target (must be 0)
 * @param exactlyOneDelivered sent orders with exactly one terminal outcome, SYNCED or DUPLICATE
 * @param severalOutcomes     sent orders with more than one terminal outcome for this target (must be 0)
 * @param severalOneSynced    of those, orders with one SYNCED and only DUPLICATE besides (a redelivery answered as a
 *                            duplicate: nothing created twice, but more than one outcome)
 * @param notDelivered        sent orders with a REJECTED or FAILED outcome (must be 0 here: the input is valid)
 * @param inDoubt             sent orders whose outcome flags them in doubt (a call got no answer; the target may
 *                            hold them twice): not a failure, the figure an operator would check the ERP for
 * @param doubledNotFlagged   orders stored more than once whose outcome did not flag them (a silent double)
 * @param outcomesByStatus    outcome records of sent orders by status
 * @param examples            a few orders behind the non-zero "must be 0" counts, with what was seen of them
 */
public record TargetVerdict(SyncTarget target, long inSandbox, long missingInSandbox, long duplicatesStored,
                            long doubleCreations, long unknownStored, long withoutOutcome, long exactlyOneDelivered,
                            long severalOutcomes, long severalOneSynced, long notDelivered, long inDoubt,
                            long doubledNotFlagged, Map<SyncStatus, Long> outcomesByStatus,
                            java.util.List<String> examples) {

    public TargetVerdict {
        outcomesByStatus = Map.copyOf(outcomesByStatus);
        examples = java.util.List.copyOf(examples);
    }
}
