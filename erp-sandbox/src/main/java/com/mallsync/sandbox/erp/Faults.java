package com.mallsync.sandbox.erp;

import java.util.List;

/**
 * What the sandbox does wrong on purpose, switchable at run time ({@code PUT /sandbox/faults}).
 *
 * @param latencyMs   every business call waits this long before it is handled
 * @param errorRate   share of calls answered with HTTP 500, nothing stored
 * @param timeoutRate share of calls that wait {@code timeoutMs}, then close the connection with no reply, nothing
 *                    stored (a request that timed out had no effect)
 * @param timeoutMs   how long a "timed out" call hangs
 * @param down        the business endpoint closes every connection with no reply (clients see a connection error)
 * @param failCode    the business {@code Code} returned for a {@code failRate} share of calls, nothing stored
 * @param failRate    share of calls answered {@code Code = failCode}
 * @param errorOrders order numbers ({@code OuterID}) that are always answered with HTTP 500: one sick order among
 *                    healthy ones
 * @param lostReplyRate share of calls that <em>create the order</em>, then wait {@code timeoutMs} and close the
 *                    connection with no reply: the ERP did it, the answer was lost (the case that makes a retry after
 *                    a timeout create the order twice)
 * @param duplicateCode not a fault but a deployment option, off ({@code null}) by default because the seed documents
 *                    no duplicate check: when set, a second order with the same UID and {@code OuterID} is refused
 *                    with this {@code Code} and nothing is created, as some ERP set-ups do
 * @param stallOrders order numbers ({@code OuterID}) that are <em>created</em>, then answered "stalled mid-body":
 *                    HTTP 200 headers and half the body, then nothing for {@code timeoutMs} (the ERP did it; a client
 *                    whose timeout covers only the headers hangs; one with a deadline finds the order in doubt)
 * @param hugeOrders  order numbers answered HTTP 200 with a 10 MB body, nothing created (a gateway's junk)
 */
public record Faults(long latencyMs, double errorRate, double timeoutRate, long timeoutMs, boolean down,
                     String failCode, double failRate, List<String> errorOrders, double lostReplyRate,
                     String duplicateCode, List<String> stallOrders, List<String> hugeOrders) {

    public static final Faults NONE = new Faults(0, 0.0, 0.0, 30_000, false, "1000", 0.0, List.of(), 0.0, null,
            List.of(), List.of());

    public Faults {
        failCode = failCode == null || failCode.isBlank() ? "1000" : failCode;
        errorOrders = errorOrders == null ? List.of() : List.copyOf(errorOrders);
        timeoutMs = timeoutMs <= 0 ? 30_000 : timeoutMs;
        duplicateCode = duplicateCode == null || duplicateCode.isBlank() ? null : duplicateCode;
        stallOrders = stallOrders == null ? List.of() : List.copyOf(stallOrders);
        hugeOrders = hugeOrders == null ? List.of() : List.copyOf(hugeOrders);
    }

    public Faults withStallOrders(List<String> orderNos) {
        return new Faults(latencyMs, errorRate, timeoutRate, timeoutMs, down, failCode, failRate, errorOrders,
                lostReplyRate, duplicateCode, orderNos, hugeOrders);
    }

    public Faults withHugeOrders(List<String> orderNos) {
        return new Faults(latencyMs, errorRate, timeoutRate, timeoutMs, down, failCode, failRate, errorOrders,
                lostReplyRate, duplicateCode, stallOrders, orderNos);
    }

    public Faults withLatencyMs(long value) {
        return new Faults(value, errorRate, timeoutRate, timeoutMs, down, failCode, failRate, errorOrders,
                lostReplyRate, duplicateCode, stallOrders, hugeOrders);
    }

    public Faults withErrorRate(double value) {
        return new Faults(latencyMs, value, timeoutRate, timeoutMs, down, failCode, failRate, errorOrders,
                lostReplyRate, duplicateCode, stallOrders, hugeOrders);
    }

    public Faults withTimeout(double rate, long ms) {
        return new Faults(latencyMs, errorRate, rate, ms, down, failCode, failRate, errorOrders,
                lostReplyRate, duplicateCode, stallOrders, hugeOrders);
    }

    public Faults withDown(boolean value) {
        return new Faults(latencyMs, errorRate, timeoutRate, timeoutMs, value, failCode, failRate, errorOrders,
                lostReplyRate, duplicateCode, stallOrders, hugeOrders);
    }

    public Faults withFail(String code, double rate) {
        return new Faults(latencyMs, errorRate, timeoutRate, timeoutMs, down, code, rate, errorOrders,
                lostReplyRate, duplicateCode, stallOrders, hugeOrders);
    }

    public Faults withErrorOrders(List<String> orderNos) {
        return new Faults(latencyMs, errorRate, timeoutRate, timeoutMs, down, failCode, failRate, orderNos,
                lostReplyRate, duplicateCode, stallOrders, hugeOrders);
    }

    public Faults withLostReplies(double rate, long ms) {
        return new Faults(latencyMs, errorRate, timeoutRate, ms, down, failCode, failRate, errorOrders, rate,
                duplicateCode, stallOrders, hugeOrders);
    }

    public Faults withDuplicateCode(String code) {
        return new Faults(latencyMs, errorRate, timeoutRate, timeoutMs, down, failCode, failRate, errorOrders,
                lostReplyRate, code, stallOrders, hugeOrders);
    }
}
