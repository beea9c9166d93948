package com.mallsync.ingest.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.mallsync.ingest.webhook.BodyDeadlineFilter;
import com.mallsync.model.Json;
import com.mallsync.model.event.OrderEvent;
import tools.jackson.databind.JsonNode;

/**
 * Writes each webhook push and its answer into the {@link PushJournal}, around the webhook without touching it:
 * the request is wrapped so the first {@code cacheLimit} bytes the webhook reads are kept, and the (small JSON)
 * reply is buffered and copied out. The order is named by the push's top-level {@code mall_id} and
 * {@code order_no} ({@link PushKeys}); a push that names none (not JSON, cut off before them) is not journaled.
 *
 * <p>Where the request can go async, the webhook's {@link BodyDeadlineFilter} reads the body without a thread and
 * the webhook answers in the ASYNC dispatch: this filter then lets the REQUEST pass through untouched (a wrapper
 * handed to {@code startAsync} would outlive this pass, and a filter that is not async-capable would switch the
 * non-blocking read off) and journals in the ASYNC dispatch, from the body the deadline filter kept. A push cut
 * off by the body deadline (408) is never dispatched, so it is not journaled.
 */
final class PushJournalFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(PushJournalFilter.class);

    private final PushJournal journal;
    private final String path;
    private final int cacheLimit;
    private final Clock clock;

    PushJournalFilter(PushJournal journal, String path, int cacheLimit, Clock clock) {
        this.journal = journal;
        this.path = path;
        this.cacheLimit = cacheLimit;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !path.equals(request.getRequestURI());
    }

    private static final String STARTED = PushJournalFilter.class.getName() + ".started";

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            answeredAsync(request, response, chain);
            return;
        }
        Instant at = clock.instant();
        long started = System.nanoTime();
        if (request.isAsyncSupported()) {
            request.setAttribute(STARTED, new Started(at, started));
            chain.doFilter(request, response);
            return;
        }
        ContentCachingRequestWrapper in = new ContentCachingRequestWrapper(request, cacheLimit);
        ContentCachingResponseWrapper out = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(in, out);
        } finally {
            try {
                journal(in.getContentAsByteArray(), out, at, (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.debug("push not journaled", e);
            }
            out.copyBodyToResponse();
        }
    }

    private record Started(Instant at, long nanos) {
    }

    private void answeredAsync(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Started started = request.getAttribute(STARTED) instanceof Started s ? s
                : new Started(clock.instant(), System.nanoTime());
        byte[] body = request.getAttribute(BodyDeadlineFilter.BODY) instanceof byte[] b ? b : new byte[0];
        ContentCachingResponseWrapper out = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, out);
        } finally {
            try {
                byte[] kept = body.length > cacheLimit ? Arrays.copyOf(body, cacheLimit) : body;
                journal(kept, out, started.at(), (System.nanoTime() - started.nanos()) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.debug("push not journaled", e);
            }
            out.copyBodyToResponse();
        }
    }

    private void journal(byte[] body, ContentCachingResponseWrapper out, Instant at, long millis) {
        String key = PushKeys.key(body);
        if (key == null) {
            return;
        }
        int code = -1;
        String msg = null;
        String eventId = null;
        List<String> events = new ArrayList<>();
        List<Long> refundedLines = new ArrayList<>();
        List<String> contradictions = new ArrayList<>();
        try {
            JsonNode reply = Json.tree(new String(out.getContentAsByteArray(), StandardCharsets.UTF_8));
            code = reply.path("code").asInt(-1);
            msg = reply.hasNonNull("msg") ? reply.get("msg").asString() : null;
            eventId = reply.hasNonNull("eventId") ? reply.get("eventId").asString() : null;
            // the names as the enum holds them (one shared string each), not one copy per push
            reply.path("events").forEach(e -> events.add(OrderEvent.valueOf(e.asString()).name()));
            reply.path("refundedLines").forEach(l -> refundedLines.add(l.asLong()));
            reply.path("contradictions").forEach(c -> contradictions.add(c.asString()));
        } catch (RuntimeException e) {
            msg = "(reply not JSON)";
        }
        journal.record(key, new PushJournal.Push(at, out.getStatus(), code, msg, eventId, millis, events,
                refundedLines, contradictions));
    }
}
