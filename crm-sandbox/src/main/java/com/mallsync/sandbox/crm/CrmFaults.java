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
 * @param errorCodes  order Codes that make the CRM fail transiently: any request whose batch holds one of them is
 *                    answered HTTP 500 with nothing of it stored (one sick order among healthy ones, like the ERP
 *                    sandbox's {@code errorOrders})
 * @param stallCodes  order Codes whose requests are answered "stalled mid-body": HTTP 200 headers and half the
 *                    body, then nothing for {@code timeoutMs}, nothing stored (a client whose timeout covers only the
 *                    headers hangs)
 * @param hugeCodes   order Codes whose requests are answered HTTP 200 with a 10 MB body, nothing stored
 */
public record CrmFaults(long latencyMs, double errorRate, double timeoutRate, long timeoutMs, boolean down,
                        List<String> rejectCodes, List<String> errorCodes, List<String> stallCodes,
                        List<String> hugeCodes) {

    /** No fault at all. */
    public static final CrmFaults NONE = new CrmFaults(0, 0.0, 0.0, 30_000, false, List.of(), List.of());

    /** The faults known before stalls and huge bodies. */
    public CrmFaults(long latencyMs, double errorRate, double timeoutRate, long timeoutMs, boolean down,
                     List<String> rejectCodes, List<String> errorCodes) {
        this(latencyMs, errorRate, timeoutRate, timeoutMs, down, rejectCodes, errorCodes, List.of(), List.of());
    }

    public CrmFaults {
        if (latencyMs < 0 || timeoutMs < 0) {
            throw new IllegalArgumentException("latencyMs and timeoutMs must not be negative");
        }
        if (errorRate < 0 || errorRate > 1 || timeoutRate < 0 || timeoutRate > 1) {
            throw new IllegalArgumentException("errorRate and timeoutRate must be within 0..1");
        }
        rejectCodes = rejectCodes == null ? List.of() : List.copyOf(rejectCodes);
        errorCodes = errorCodes == null ? List.of() : List.copyOf(errorCodes);
        stallCodes = stallCodes == null ? List.of() : List.copyOf(stallCodes);
        hugeCodes = hugeCodes == null ? List.of() : List.copyOf(hugeCodes);
    }

    /** These faults, with {@code value} as the Codes whose requests stall mid-body. */
    public CrmFaults withStallCodes(List<String> value) {
        return new CrmFaults(latencyMs, errorRate, timeoutRate, timeoutMs, down, rejectCodes, errorCodes, value,
                hugeCodes);
    }

    /** These faults, with {@code value} as the Codes whose requests get a 10 MB answer. */
    public CrmFaults withHugeCodes(List<String> value) {
        return new CrmFaults(latencyMs, errorRate, timeoutRate, timeoutMs, down, rejectCodes, errorCodes, stallCodes,
                value);
    }

    public CrmFaults withLatencyMs(long value) {
        return new CrmFaults(value, errorRate, timeoutRate, timeoutMs, down, rejectCodes, errorCodes, stallCodes, hugeCodes);
    }

    public CrmFaults withDown(boolean value) {
        return new CrmFaults(latencyMs, errorRate, timeoutRate, timeoutMs, value, rejectCodes, errorCodes, stallCodes, hugeCodes);
    }

    public CrmFaults withErrorRate(double value) {
        return new CrmFaults(latencyMs, value, timeoutRate, timeoutMs, down, rejectCodes, errorCodes, stallCodes, hugeCodes);
    }

    public CrmFaults withTimeout(double rate, long ms) {
        return new CrmFaults(latencyMs, errorRate, rate, ms, down, rejectCodes, errorCodes, stallCodes, hugeCodes);
    }

    public CrmFaults withRejectCodes(List<String> value) {
        return new CrmFaults(latencyMs, errorRate, timeoutRate, timeoutMs, down, value, errorCodes, stallCodes,
                hugeCodes);
    }

    /** These faults, with {@code value} as the Codes whose requests are answered HTTP 500. */
    public CrmFaults withErrorCodes(List<String> value) {
        return new CrmFaults(latencyMs, errorRate, timeoutRate, timeoutMs, down, rejectCodes, value, stallCodes,
                hugeCodes);
    }
}
