package com.mallsync.system.check;

import java.util.List;
import java.util.Map;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

/**
 * The figures of one target after a run, per event (an order's sale and each of its returns are separate events
 * with outcomes of their own) and per stored entry.
 *
 * @param eventsExpected       events the acknowledged pushes announced (each needs one terminal outcome here)
 * @param withoutOutcome       of those, events with no outcome here (must be 0)
 * @param exactlyOneAsExpected events with exactly one outcome, the one the lifecycle rules require (SYNCED or
 *                             DUPLICATE where something is sent, SKIPPED where by rule nothing is)
 * @param severalOutcomes      events with more than one outcome here (must be 0)
 * @param severalOneSynced     of those, one SYNCED and only DUPLICATE besides (nothing created twice, but more than
 *                             one outcome)
 * @param notAsExpected        events with an outcome the rules do not allow (REJECTED, FAILED, SKIPPED where
 *                             something is owed, SYNCED where nothing is) (must be 0)
 * @param rejectedOrFailed     events with a REJECTED or FAILED outcome (in {@code notAsExpected} too)
 * @param strayOutcomes        outcomes of sent orders answering no event that was pushed (must be 0)
 * @param inDoubt              events whose outcome flags them in doubt (a call got no answer; the target may hold
 *                             them twice): not a failure, the figure an operator would check the ERP for
 * @param salesExpected        sales the target must hold (ERP: every order; CRM: the orders uploaded at their trigger)
 * @param salesStored          distinct sales of sent orders it holds
 * @param salesMissing         sales owed and not held (lost; must be 0)
 * @param salesExtra           sales held beyond those owed (a second copy, or one the rules say not to send; must be 0)
 * @param returnsExpected      returns the target must hold (one per return event with something to send)
 * @param returnsStored        distinct returns of sent orders it holds
 * @param returnsMissing       returns owed and not held (must be 0)
 * @param returnsExtra         returns held beyond those owed (must be 0)
 * @param duplicatesStored     extra stored copies of one entry (same id twice) (must be 0)
 * @param doubleCreations      the sandbox's own count of entries created more than once (must be 0)
 * @param unknownStored        stored entries that are none of the sent orders' (another run's, or a mapping bug)
 * @param doubledNotFlagged    orders with something held twice whose outcomes here flagged none in doubt
 * @param outcomesByStatus     outcome records of sent orders by status
 * @param outcomesByEvent      outcome records of sent orders by event and status
 * @param examples             a few events or orders behind the non-zero "must be 0" counts, with what was seen
 */
public record TargetVerdict(SyncTarget target, long eventsExpected, long withoutOutcome, long exactlyOneAsExpected,
                            long severalOutcomes, long severalOneSynced, long notAsExpected, long rejectedOrFailed,
                            long strayOutcomes, long inDoubt, long salesExpected, long salesStored, long salesMissing,
                            long salesExtra, long returnsExpected, long returnsStored, long returnsMissing,
                            long returnsExtra, long duplicatesStored, long doubleCreations, long unknownStored,
                            long doubledNotFlagged, Map<SyncStatus, Long> outcomesByStatus,
                            Map<OrderEvent, Map<SyncStatus, Long>> outcomesByEvent, List<String> examples) {

    public TargetVerdict {
        outcomesByStatus = Map.copyOf(outcomesByStatus);
        outcomesByEvent = Map.copyOf(outcomesByEvent);
        examples = List.copyOf(examples);
    }
}
