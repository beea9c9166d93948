package com.mallsync.system.check;

import java.util.List;
import java.util.Map;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncStatus;

/**
 * The judged run: the figures to print and every rule broken (none means the run passed).
 *
 * @param eventsSent      events the acknowledged pushes announced, all orders together
 * @param foreignOutcomes outcome records of orders this run did not send (printed; another run's leftovers)
 */
public record Verdict(long ordersSent, long eventsSent, TargetVerdict crm, TargetVerdict erp,
                      Map<String, Long> dltRecords, long foreignOutcomes, Map<String, Long> logLinesWithFullMobile,
                      List<String> violations) {

    public Verdict {
        dltRecords = Map.copyOf(dltRecords);
        logLinesWithFullMobile = Map.copyOf(logLinesWithFullMobile);
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return violations.isEmpty();
    }

    /** The figures as a fixed-width table, then PASS or the broken rules. */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-56s %12s %12s%n", "check", "CRM 2030", "ERP"));
        row(out, "orders sent (paid push acknowledged)", ordersSent, ordersSent);
        row(out, "events pushed (each owed one outcome per target)", crm.eventsExpected(), erp.eventsExpected());
        row(out, "events with exactly the outcome the rules require", crm.exactlyOneAsExpected(),
                erp.exactlyOneAsExpected());
        row(out, "events with no terminal outcome (must be 0)", crm.withoutOutcome(), erp.withoutOutcome());
        row(out, "events with >1 terminal outcome (must be 0)", crm.severalOutcomes(), erp.severalOutcomes());
        row(out, "  of which one SYNCED, the rest DUPLICATE", crm.severalOneSynced(), erp.severalOneSynced());
        row(out, "events with an outcome the rules forbid (must be 0)", crm.notAsExpected(), erp.notAsExpected());
        row(out, "  of which REJECTED or FAILED", crm.rejectedOrFailed(), erp.rejectedOrFailed());
        row(out, "outcomes of events not pushed (must be 0)", crm.strayOutcomes(), erp.strayOutcomes());
        row(out, "outcomes flagged in doubt (no reply to a call)", crm.inDoubt(), erp.inDoubt());
        row(out, "sales owed", crm.salesExpected(), erp.salesExpected());
        row(out, "  sales held", crm.salesStored(), erp.salesStored());
        row(out, "  sales missing (must be 0)", crm.salesMissing(), erp.salesMissing());
        row(out, "  sales beyond those owed (must be 0)", crm.salesExtra(), erp.salesExtra());
        row(out, "returns owed", crm.returnsExpected(), erp.returnsExpected());
        row(out, "  returns held", crm.returnsStored(), erp.returnsStored());
        row(out, "  returns missing (must be 0)", crm.returnsMissing(), erp.returnsMissing());
        row(out, "  returns beyond those owed (must be 0)", crm.returnsExtra(), erp.returnsExtra());
        row(out, "duplicate stored copies (must be 0)", crm.duplicatesStored(), erp.duplicatesStored());
        row(out, "sandbox doubleCreations (must be 0)", crm.doubleCreations(), erp.doubleCreations());
        row(out, "  held twice, outcome not flagged in doubt", crm.doubledNotFlagged(), erp.doubledNotFlagged());
        row(out, "stored entries of other runs", crm.unknownStored(), erp.unknownStored());
        for (OrderEvent event : OrderEvent.values()) {
            for (SyncStatus status : SyncStatus.values()) {
                long c = crm.outcomesByEvent().getOrDefault(event, Map.of()).getOrDefault(status, 0L);
                long e = erp.outcomesByEvent().getOrDefault(event, Map.of()).getOrDefault(status, 0L);
                if (c + e > 0) {
                    row(out, "  outcome records " + event + " " + status, c, e);
                }
            }
        }
        dltRecords.forEach((topic, n) -> out.append(String.format("%-56s %12d%n", "DLT records " + topic, n)));
        out.append(String.format("%-56s %12d%n", "outcome records of orders not sent in this run", foreignOutcomes));
        logLinesWithFullMobile.forEach((log, n) -> out.append(String.format("%-56s %12d%n",
                "log lines with a full mobile, " + log + " (must be 0)", n)));
        for (TargetVerdict target : List.of(crm, erp)) {
            target.examples().forEach(e -> out.append("  e.g. ").append(target.target()).append(' ').append(e)
                    .append('\n'));
        }
        out.append(passed() ? "PASS" : "FAIL:\n  " + String.join("\n  ", violations)).append('\n');
        return out.toString();
    }

    private static void row(StringBuilder out, String what, long crm, long erp) {
        out.append(String.format("%-56s %12d %12d%n", what, crm, erp));
    }
}
