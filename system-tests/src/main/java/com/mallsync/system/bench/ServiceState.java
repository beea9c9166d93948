package com.mallsync.system.bench;

/**
 * What one service showed when started on a filled topic set: measured, or it did not get there (exited, for
 * instance with an OutOfMemoryError, or not caught up in time). Figures in milliseconds and bytes; -1 when not read.
 */
public sealed interface ServiceState {

    /** The service's name as the stack shows it. */
    String service();

    /**
     * @param healthyMs   from the process start to {@code /actuator/health} UP
     * @param caughtUpMs  from the process start to its in-memory state caught up (its log line, or the console's
     *                    counts equal to what was written)
     * @param heapBytes   heap in use after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info})
     * @param peakRssBytes {@code VmHWM} at that moment
     * @param detail      what the service said it holds (its own count), for the record
     */
    record Measured(String service, long healthyMs, long caughtUpMs, long heapBytes, long peakRssBytes,
                    String detail) implements ServiceState {
    }

    /**
     * @param healthyMs    as above, -1 when it never was
     * @param afterMs      when it was given up on, from the process start
     * @param peakRssBytes the last {@code VmHWM} read, -1 when none
     * @param why          exited (with the log's OutOfMemoryError when there is one), or not caught up in time
     */
    record Failed(String service, long healthyMs, long afterMs, long peakRssBytes, String why)
            implements ServiceState {
    }
}
