package com.mallsync.sandbox.crm;

import java.util.List;

/**
 * Faults the sandbox's business endpoint plays at run time ({@code PUT /sandbox/faults}).
 *
 * @param latencyMs   response time of every business request (its own work included; the rest is waited out)
 * @param errorRate   share of requests answered HTTP 500 with nothing stored (0..1)
 * @param timeoutRate share of requests that wait {@code timeoutMs}, store nothing and close the connection (0..1)
 * @param timeoutMs   how long a "timed out" request hangs
 * @param down        the business endpoint closes every connection with no reply (clients see a connection error)
 * @param rejectCodes order Codes the CRM refuses for a business reason although they pass every documented rule
 *                    (to exercise a client's isolation of one refused order inside a batch)
 */
public record CrmFaults(long latencyMs, double errorRate, double timeoutRate, long timeoutMs, boolean down,
                        List<String> rejectCodes) {

    public static final CrmFaults NONE = new CrmFaults(0, 0.0, 0.0, 30_000, false, List.of());

    public CrmFaults {
        if (latencyMs < 0 || timeoutMs < 0) {
            throw new IllegalArgumentException("latencyMs and timeoutMs must not be negative");
        }
        if (errorRate < 0 || errorRate > 1 || timeoutRate < 0 || timeoutRate > 1) {
            throw new IllegalArgumentException("errorRate and timeoutRate must be within 0..1");
        }
        rejectCodes = rejectCodes == null ? List.of() : List.copyOf(rejectCodes);
    }

    public CrmFaults withLatencyMs(long value) {
        return new CrmFaults(value, errorRate, timeoutRate, timeoutMs, down, rejectCodes);
    }

    public CrmFaults withDown(boolean value) {
        return new CrmFaults(latencyMs, errorRate, timeoutRate, timeoutMs, value, rejectCodes);
    }

    public CrmFaults withErrorRate(double value) {
        return new CrmFaults(latencyMs, value, timeoutRate, timeoutMs, down, rejectCodes);
    }

    public CrmFaults withTimeout(double rate, long ms) {
        return new CrmFaults(latencyMs, errorRate, rate, ms, down, rejectCodes);
    }

    public CrmFaults withRejectCodes(List<String> value) {
        return new CrmFaults(latencyMs, errorRate, timeoutRate, timeoutMs, down, value);
    }
}
