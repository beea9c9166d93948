package com.mallsync.system.check;

import java.util.List;
import java.util.Map;

import com.mallsync.model.event.SyncStatus;

/**
 * The judged run: the figures to print and every rule broken (none means the run passed).
 *
 * @param foreignOutcomes outcome records of orders this run did not send (printed; another run's leftovers)
 */
public record Verdict(long ordersSent, TargetVerdict crm, TargetVerdict erp, Map<String, Long> dltRecords,
                      long foreignOutcomes, Map<String, Long> logLinesWithFullMobile, List<String> violations) {

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
        out.append(String.format("%-52s %12s %12s%n", "check", "CRM 2030", "ERP"));
        row(out, "orders sent", ordersSent, ordersSent);
        row(out, "orders in the sandbox", crm.inSandbox(), erp.inSandbox());
        row(out, "orders missing in the sandbox (must be 0)", crm.missingInSandbox(), erp.missingInSandbox());
        row(out, "duplicate stored copies (must be 0)", crm.duplicatesStored(), erp.duplicatesStored());
        row(out, "sandbox doubleCreations (must be 0)", crm.doubleCreations(), erp.doubleCreations());
        row(out, "  stored twice, outcome not flagged in doubt", crm.doubledNotFlagged(), erp.doubledNotFlagged());
        row(out, "stored entries of other runs", crm.unknownStored(), erp.unknownStored());
        row(out, "orders with no terminal outcome (must be 0)", crm.withoutOutcome(), erp.withoutOutcome());
        row(out, "orders with exactly one SYNCED|DUPLICATE", crm.exactlyOneDelivered(), erp.exactlyOneDelivered());
        row(out, "orders with >1 terminal outcome (must be 0)", crm.severalOutcomes(), erp.severalOutcomes());
        row(out, "  of which one SYNCED, the rest DUPLICATE", crm.severalOneSynced(), erp.severalOneSynced());
        row(out, "orders REJECTED or FAILED (must be 0)", crm.notDelivered(), erp.notDelivered());
        row(out, "orders flagged in doubt (no reply to a call)", crm.inDoubt(), erp.inDoubt());
        for (SyncStatus status : SyncStatus.values()) {
            row(out, "  outcome records " + status, crm.outcomesByStatus().getOrDefault(status, 0L),
                    erp.outcomesByStatus().getOrDefault(status, 0L));
        }
        dltRecords.forEach((topic, n) -> out.append(String.format("%-52s %12d%n", "DLT records " + topic, n)));
        out.append(String.format("%-52s %12d%n", "outcome records of orders not sent in this run", foreignOutcomes));
        logLinesWithFullMobile.forEach((log, n) -> out.append(String.format("%-52s %12d%n",
                "log lines with a full mobile, " + log + " (must be 0)", n)));
        for (TargetVerdict target : java.util.List.of(crm, erp)) {
            target.examples().forEach(e -> out.append("  e.g. ").append(target.target()).append(' ').append(e)
                    .append('\n'));
        }
        out.append(passed() ? "PASS" : "FAIL:\n  " + String.join("\n  ", violations)).append('\n');
        return out.toString();
    }

    private static void row(StringBuilder out, String what, long crm, long erp) {
        out.append(String.format("%-52s %12d %12d%n", what, crm, erp));
    }
}
