package com.mallsync.ingest.webhook;

import java.io.IOException;
import java.time.Duration;

import io.micrometer.core.instrument.Timer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads a webhook body without holding a request thread, within a deadline for the whole body.
 *
 * <p>Tomcat (NIO) parses request headers without a thread, but a blocking body read holds one until the last byte
 * arrives; with only Tomcat's idle timeout per read, a client sending a byte now and then keeps it for ever, and a
 * few hundred such clients take every thread. So the body is read with Servlet 3.1 non-blocking I/O
 * ({@link BodyReader}, a {@code ReadListener}): a container thread runs only while bytes are there to copy. The
 * async cycle's timeout is {@code ingest.request.body-deadline}: a body not complete by then is answered 408 and
 * the connection closed. A complete body is handed to the controller by an async dispatch (request attribute
 * {@link #BODY}); from there on the push is processed as before, on a request thread, bounded by the publish
 * timeout.
 *
 * <p>Written here rather than taken from a library: neither Tomcat nor Spring offers a deadline for a whole body.
 */
public final class BodyDeadlineFilter implements Filter {

    /** The request attribute holding the complete body (a {@code byte[]}) in the ASYNC dispatch. */
    public static final String BODY = BodyDeadlineFilter.class.getName() + ".body";
    static final String TOO_LARGE = BodyDeadlineFilter.class.getName() + ".tooLarge";

    private final int maxBody;
    private final Duration deadline;
    private final WebhookMetrics metrics;

    BodyDeadlineFilter(int maxBody, Duration deadline, WebhookMetrics metrics) {
        this.maxBody = maxBody;
        this.deadline = deadline;
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (request.getDispatcherType() != DispatcherType.REQUEST || !"POST".equals(request.getMethod())
                || !WebhookController.PATH.equals(request.getRequestURI()) || !request.isAsyncSupported()
                || request.getContentLengthLong() > maxBody) {
            // an announced oversize body is refused by the controller at once, without reading it
            chain.doFilter(req, res);
            return;
        }
        Timer.Sample sample = metrics.start();
        AsyncContext async = request.startAsync(request, res);
        async.setTimeout(deadline.toMillis());
        BodyReader reader = new BodyReader(async, request.getInputStream(), maxBody,
                (int) Math.min(Math.max(request.getContentLengthLong(), 0), maxBody),
                () -> timedOut((HttpServletResponse) res, sample),
                () -> metrics.record(sample, Outcome.bodyCut()));
        async.addListener(reader);
        request.getInputStream().setReadListener(reader);
    }

    private void timedOut(HttpServletResponse response, Timer.Sample sample) {
        Outcome outcome = Outcome.bodyDeadline("not received within " + deadline.toMillis() + " ms");
        metrics.record(sample, outcome);
        try {
            response.setStatus(outcome.status());
            response.setHeader("Connection", "close");
            response.setContentType("application/json");
            byte[] reply = WebhookController.reply(outcome);
            response.setContentLength(reply.length);
            response.getOutputStream().write(reply);
        } catch (IOException | IllegalStateException gone) {
            // the client is gone or the reply started already: nothing more to say
        }
    }
}
