package com.mallsync.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.mallsync.model.Retention;

/**
 * The console's settings ({@code ops.*}). Kafka comes from {@code spring.kafka.bootstrap-servers}.
 *
 * @param services      name ({@code ingest}, {@code member-sync}, {@code erp-sync}) → where its actuator answers
 * @param overdueAfter  an order with no outcome for a target after this long is overdue (reconciliation)
 * @param stallAfter    committed offsets that have not moved for this long while there is lag: stuck
 * @param probeInterval how often lag, DLT sizes and the services are probed
 * @param probeTimeout  how long one HTTP probe of a service may take
 * @param problemsKept  how many latest REJECTED/FAILED (and in-doubt) outcomes the page lists
 * @param lagHistory    how far back the lag plot reaches (one point per probe, kept in a ring)
 * @param stories       how many recent orders the order search knows in detail
 * @param window        how far back the console reads the topics and remembers orders ({@code OPS_WINDOW}; default
 *                      60 days, {@link Retention#AFTER_SALE}): an order none of whose records is this recent is
 *                      forgotten (evicted each minute), so the order view and its counts cover the last 60 days
 * @param readerFetch   how much one fetch of the ledger reader may bring ({@code OPS_READER_FETCH_*}): bounded so
 *                      that catching up on millions of records never holds more than a few MiB of them at once
 */
@ConfigurationProperties("ops")
public record OpsProperties(
        @DefaultValue Services services,
        @DefaultValue("5m") Duration overdueAfter,
        @DefaultValue("60s") Duration stallAfter,
        @DefaultValue("5s") Duration probeInterval,
        @DefaultValue("2s") Duration probeTimeout,
        @DefaultValue("50") int problemsKept,
        @DefaultValue("6h") Duration lagHistory,
        @DefaultValue Stories stories,
        Duration window,
        @DefaultValue ReaderFetch readerFetch) {

    public OpsProperties {
        window = window == null ? Retention.AFTER_SALE : window;
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("ops.window must be positive, not " + window);
        }
    }

    /**
     * @param orders        recent orders whose topic records are kept for the order search
     * @param stepsPerOrder records kept per order (its first and the latest)
     */
    public record Stories(@DefaultValue("20000") int orders, @DefaultValue("16") int stepsPerOrder) {
    }

    /**
     * Named properties rather than a map, so that environment variables bind
     * ({@code OPS_SERVICES_MEMBERSYNC_URL}; a map key with a dash would not survive the env-var form).
     */
    /**
     * The ledger reader's consumer fetch limits (Kafka's {@code fetch.max.bytes}, {@code max.partition.fetch.bytes},
     * {@code max.poll.records}). Kafka's defaults (50 MiB per fetch) let one fetch of 5.6 KB order values take a
     * fifth of a 256 MB heap while the reader catches up.
     *
     * @param maxBytes          {@code fetch.max.bytes}
     * @param maxPartitionBytes {@code max.partition.fetch.bytes}
     * @param maxPollRecords    {@code max.poll.records}
     */
    public record ReaderFetch(@DefaultValue("4194304") int maxBytes, @DefaultValue("1048576") int maxPartitionBytes,
                              @DefaultValue("500") int maxPollRecords) {
    }

    public record Services(
            @DefaultValue Service ingest,
            @DefaultValue Service memberSync,
            @DefaultValue Service erpSync) {

        /** Service name → base URL. */
        public Map<String, String> urls() {
            Map<String, String> urls = new LinkedHashMap<>();
            urls.put("ingest", ingest.url());
            urls.put("member-sync", memberSync.url());
            urls.put("erp-sync", erpSync.url());
            return urls;
        }
    }

    /** @param url the service's base URL (its actuator lives under it) */
    public record Service(String url) {
    }

    public String urlOf(String service) {
        return services.urls().get(service);
    }
}
