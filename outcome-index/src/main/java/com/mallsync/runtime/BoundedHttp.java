package com.mallsync.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP exchange with a hard deadline over the whole of it, body included, and a cap on the reply's size.
 *
 * <p>Why not {@code HttpRequest.timeout} alone: on Java 17 it covers only the wait for the response headers
 * (JDK-8208693), so a server that sends headers and then stalls holds the calling thread for ever. Here the call is
 * {@code sendAsync} with a body subscriber of our own; the caller waits at most {@code deadline}, and on expiry the
 * subscription is cancelled (the connection is dropped, not returned to the pool) and the exchange abandoned. The
 * subscriber also counts bytes and gives up past {@code maxBytes} (or at once when {@code Content-Length} says so).
 */
public final class BoundedHttp {

    /** What one exchange came to. */
    public sealed interface Outcome {
    }

    /** A whole reply within the deadline and the cap. */
    public record Answered(int status, String body) implements Outcome {
    }

    /** The reply was larger than the cap (it was not read further). */
    public record TooLarge(int status, long maxBytes) implements Outcome {
    }

    /**
     * The deadline passed. {@code headersSeen}: the server had answered with headers and stalled in the body (it had
     * the whole request); otherwise no headers came at all.
     */
    public record TimedOut(boolean headersSeen, Duration after) implements Outcome {
    }

    /** No connection within the connect timeout. */
    public record ConnectFailed(String reason) implements Outcome {
    }

    /** The connection failed some other way (refused, reset, closed without a reply). */
    public record Failed(IOException error) implements Outcome {
    }

    private BoundedHttp() {
    }

    public static Outcome send(HttpClient http, HttpRequest request, Duration deadline, long maxBytes)
            throws InterruptedException {
        AtomicReference<CappedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request, info -> {
            CappedBody subscriber = new CappedBody(info.statusCode(), maxBytes,
                    info.headers().firstValueAsLong("Content-Length").orElse(-1));
            body.set(subscriber);
            return subscriber;
        });
        try {
            HttpResponse<String> response = call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Answered(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            abandon(call, body.get());
            return new TimedOut(body.get() != null, deadline);
        } catch (InterruptedException e) {
            abandon(call, body.get());
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TooLargeException t) {
                return new TooLarge(t.status, maxBytes);
            }
            if (cause instanceof HttpConnectTimeoutException c) {
                return new ConnectFailed(c.getMessage());
            }
            if (cause instanceof HttpTimeoutException) {
                return new TimedOut(body.get() != null, deadline);
            }
            if (cause instanceof IOException io) {
                return new Failed(io);
            }
            return new Failed(new IOException(cause));
        }
    }

    private static void abandon(CompletableFuture<?> call, CappedBody body) {
        if (body != null) {
            body.abandon();
        }
        call.cancel(true);
    }

    /** Thrown into the body's future when the reply is larger than the cap. */
    private static final class TooLargeException extends IOException {
        final int status;

        TooLargeException(int status, long maxBytes) {
            super("reply larger than " + maxBytes + " bytes", null);
            this.status = status;
        }
    }

    /** Collects the body up to the cap; the subscription is ours to cancel on the deadline. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<String> {

        private final int status;
        private final long maxBytes;
        private final long announced;
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;

        CappedBody(int status, long maxBytes, long announced) {
            this.status = status;
            this.maxBytes = maxBytes;
            this.announced = announced;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (announced > maxBytes || result.isDone()) {
                s.cancel();
                result.completeExceptionally(new TooLargeException(status, maxBytes));
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (bytes.size() + (long) item.remaining() > maxBytes) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLargeException(status, maxBytes));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toString(StandardCharsets.UTF_8));
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        void abandon() {
            result.completeExceptionally(new HttpTimeoutException("deadline passed"));
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
