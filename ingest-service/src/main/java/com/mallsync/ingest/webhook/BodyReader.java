package com.mallsync.ingest.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * Copies a request body as it arrives (non-blocking) and, once it is complete or proves too large, dispatches the
 * request to the controller. Exactly one of dispatch, timeout reply or error ending happens.
 */
final class BodyReader implements ReadListener, AsyncListener {

    private final AsyncContext async;
    private final ServletInputStream in;
    private final int limit;
    private final ByteArrayOutputStream body;
    private final Runnable onDeadline;
    private final Runnable onCut;
    private final byte[] chunk = new byte[8192];
    private final AtomicBoolean ended = new AtomicBoolean();

    BodyReader(AsyncContext async, ServletInputStream in, int limit, int expected, Runnable onDeadline,
            Runnable onCut) {
        this.async = async;
        this.in = in;
        this.limit = limit;
        this.body = new ByteArrayOutputStream(Math.max(expected, 256));
        this.onDeadline = onDeadline;
        this.onCut = onCut;
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!ended.get() && in.isReady()) {
            int n = in.read(chunk);
            if (n < 0) {
                return; // onAllDataRead follows
            }
            if (body.size() + n > limit) {
                if (ended.compareAndSet(false, true)) {
                    async.getRequest().setAttribute(BodyDeadlineFilter.TOO_LARGE, Boolean.TRUE);
                    async.dispatch();
                }
                return;
            }
            body.write(chunk, 0, n);
        }
    }

    @Override
    public void onAllDataRead() {
        if (ended.compareAndSet(false, true)) {
            async.getRequest().setAttribute(BodyDeadlineFilter.BODY, body.toByteArray());
            async.dispatch();
        }
    }

    /**
     * The client went away, or Tomcat's idle timeout ({@code server.tomcat.connection-timeout}) cut a silent one.
     * Tomcat closes the connection and then calls {@link #onError(AsyncEvent)}, which completes the cycle (completing
     * here, before Tomcat enters its error state, would leave that state to end in a 500 error dispatch).
     */
    @Override
    public void onError(Throwable t) {
        if (ended.compareAndSet(false, true)) {
            onCut.run();
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        if (ended.compareAndSet(false, true)) {
            onDeadline.run();
            async.complete();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        // nothing held
    }

    @Override
    public void onError(AsyncEvent event) {
        if (ended.compareAndSet(false, true)) {
            onCut.run();
        }
        try {
            async.complete(); // always: an error left without complete() or dispatch() becomes a 500 error page
        } catch (IllegalStateException alreadyOver) {
            // dispatched or completed before the error: nothing to end
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
