package com.mallsync.ingest;

import java.time.Duration;
import java.util.Map;

import com.mallsync.ingest.signature.MallCredentials;
import com.mallsync.ingest.signature.SignatureSchemeName;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the ingest service ({@code ingest.*}). Spring's relaxed binding gives each key an environment
 * form: {@code INGEST_MALLS_222_SECRET}, {@code INGEST_SIGNATURE_SCHEME}, {@code INGEST_PUBLISH_TIMEOUT}, ...
 *
 * @param signature how pushes are authenticated
 * @param malls     per-mall credentials ({@code mall_id} → AppKey + secret + optional scheme); a mall not listed
 *                  here is refused
 * @param maxBody   the largest body accepted; larger ones get 413 and are never parsed
 * @param publish   how long a push may wait for the broker's acknowledgement
 * @param dedupe    the ingest-side memory of recently accepted orders
 * @param request   how long a client may take to send its body
 * @param journal   the memory of recent pushes and their answers, for the ops console's order search
 * @param bench     the system benchmark's pass-through baseline (off by default)
 */
@ConfigurationProperties("ingest")
public record IngestProperties(
        @DefaultValue Signature signature,
        Map<Long, MallCredentials> malls,
        @DefaultValue("1MB") DataSize maxBody,
        @DefaultValue Publish publish,
        @DefaultValue Dedupe dedupe,
        @DefaultValue Request request,
        @DefaultValue Journal journal,
        @DefaultValue Bench bench) {

    public IngestProperties {
        malls = malls == null ? Map.of() : Map.copyOf(malls);
    }

    /**
     * @param scheme        the default scheme of malls without their own {@code ingest.malls.<id>.scheme}:
     *                      {@code sorted-md5} (default), {@code hmac-sha256}, or {@code none}
     * @param tolerance     {@code hmac-sha256}: how far a push's timestamp may be from this server's clock
     * @param allowUnsigned the second switch {@code none} needs; without it a {@code none} anywhere stops start-up
     */
    public record Signature(
            @DefaultValue("sorted-md5") SignatureSchemeName scheme,
            @DefaultValue("5m") Duration tolerance,
            @DefaultValue("false") boolean allowUnsigned) {
    }

    /**
     * @param timeout     the longest a push waits for the broker (metadata, send and acknowledgement together);
     *                    past it the mall gets 503 and may retry
     * @param lingerMs    the producer's {@code linger.ms}: a little batching across concurrent requests
     * @param eventSource the CloudEvents {@code ce_source} prefix; the mall id is appended
     */
    public record Publish(
            @DefaultValue("5s") Duration timeout,
            @DefaultValue("1") int lingerMs,
            @DefaultValue("/mall-order-sync/malls/") String eventSource) {
    }

    /**
     * @param bodyDeadline the whole body must have arrived this long after the headers, else 408 and the
     *                     connection is closed; it is read without holding a thread meanwhile
     */
    public record Request(@DefaultValue("10s") Duration bodyDeadline) {
    }

    /** @param capacity how many recently accepted order keys this instance remembers (oldest forgotten first) */
    public record Dedupe(@DefaultValue("100000") int capacity) {
    }

    /**
     * @param maxPushes pushes remembered over all orders (the orders pushed longest ago are forgotten first)
     * @param perOrder  pushes remembered per order (its first and the latest)
     * @param bodyKept  bytes of each body kept while the webhook reads it, to find {@code mall_id}/{@code order_no}
     */
    public record Journal(@DefaultValue("50000") int maxPushes, @DefaultValue("20") int perOrder,
                          @DefaultValue("65536") int bodyKept) {
    }

    /**
     * @param passThroughTopic when set, {@code POST /bench/pass-through} writes each body unchecked to this topic
     *                         with the webhook's producer: the benchmark's HTTP→Kafka floor. Never a topic of the
     *                         contract ({@code orders.*}, {@code erp-sync.*}, {@code member-sync.*}): start-up
     *                         refuses one.
     */
    public record Bench(String passThroughTopic) {
        public Bench {
            passThroughTopic = passThroughTopic == null || passThroughTopic.isBlank() ? null : passThroughTopic;
            if (passThroughTopic != null && (passThroughTopic.startsWith("orders.")
                    || passThroughTopic.startsWith("erp-sync.") || passThroughTopic.startsWith("member-sync."))) {
                throw new IllegalArgumentException("ingest.bench.pass-through-topic " + passThroughTopic
                        + " is a topic of the contract; the benchmark's pass-through writes only to a topic of its own");
            }
        }
    }
}
