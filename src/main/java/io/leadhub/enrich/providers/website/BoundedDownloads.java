package io.leadhub.enrich.providers.website;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.leadhub.enrich.ProviderCallException;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * Bounds each website download while it is read: the body ends at max-bytes (what was read is kept, the rest
 * is never fetched: the connection is dropped), and the connection is closed when the call's deadline passes,
 * whatever the site does (one byte every few seconds keeps an inactivity timeout quiet, not this one). The
 * remaining budget of the call comes in {@link #BUDGET_HEADER}, which is removed before the request leaves.
 */
final class BoundedDownloads implements ExecChainHandler {

    static final String BUDGET_HEADER = "Website-Call-Budget-Millis";

    private final long maxBytes;
    private final Duration deadline;
    private final ScheduledExecutorService timer;

    BoundedDownloads(long maxBytes, Duration deadline, ScheduledExecutorService timer) {
        this.maxBytes = maxBytes;
        this.deadline = deadline;
        this.timer = timer;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        long budget = deadline.toMillis();
        var header = request.getFirstHeader(BUDGET_HEADER);
        if (header != null) {
            request.removeHeaders(BUDGET_HEADER);
            try {
                budget = Math.min(budget, Long.parseLong(header.getValue()));
            } catch (NumberFormatException ignored) {
                // the configured deadline stands
            }
        }
        if (budget <= 0) {
            throw deadlinePassed(null);
        }
        var expired = new AtomicBoolean();
        var runtime = scope.execRuntime;
        ScheduledFuture<?> alarm = timer.schedule(() -> {
            expired.set(true);
            runtime.discardEndpoint(); // closes the socket: a read or connect in progress fails at once
        }, budget, TimeUnit.MILLISECONDS);
        ClassicHttpResponse response;
        try {
            response = chain.proceed(request, scope);
        } catch (IOException | HttpException | RuntimeException e) {
            alarm.cancel(false);
            if (expired.get()) {
                throw deadlinePassed(e);
            }
            throw e;
        }
        var entity = response.getEntity();
        if (entity == null) {
            alarm.cancel(false);
        } else {
            response.setEntity(new BoundedEntity(entity, new BoundedStream(entity, runtime, alarm, expired)));
        }
        return response;
    }

    private InterruptedIOException deadlinePassed(Throwable cause) {
        var failure = new InterruptedIOException("the call passed its deadline of " + deadline.toMillis() + " ms");
        failure.initCause(new ProviderCallException("error: deadline", null,
                "website call passed its deadline of " + deadline.toMillis() + " ms"
                        + (cause == null ? "" : " (" + cause.getMessage() + ")")));
        return failure;
    }

    private final class BoundedEntity extends HttpEntityWrapper {
        private final BoundedStream content;

        BoundedEntity(HttpEntity wrapped, BoundedStream content) {
            super(wrapped);
            this.content = content;
        }

        @Override
        public InputStream getContent() {
            return content;
        }

        @Override
        public long getContentLength() {
            var length = super.getContentLength();
            return length > maxBytes ? -1 : length;
        }

        @Override
        public boolean isRepeatable() {
            return false;
        }

        @Override
        public boolean isStreaming() {
            return true;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            content.transferTo(out);
        }

        @Override
        public void close() throws IOException {
            content.close();
        }
    }

    private final class BoundedStream extends InputStream {
        private final HttpEntity entity;
        private final ExecRuntime runtime;
        private final ScheduledFuture<?> alarm;
        private final AtomicBoolean expired;
        private InputStream in;
        private long remaining = maxBytes;
        private boolean ended;
        private boolean closed;

        BoundedStream(HttpEntity entity, ExecRuntime runtime, ScheduledFuture<?> alarm, AtomicBoolean expired) {
            this.entity = entity;
            this.runtime = runtime;
            this.alarm = alarm;
            this.expired = expired;
        }

        @Override
        public int read() throws IOException {
            var one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (closed || ended) {
                return -1;
            }
            if (remaining <= 0) {
                close(); // max-bytes reached: keep what was read, fetch nothing more
                return -1;
            }
            int n;
            try {
                if (in == null) {
                    in = entity.getContent();
                }
                n = in.read(buffer, offset, (int) Math.min(length, remaining));
            } catch (IOException e) {
                if (expired.get()) {
                    throw deadlinePassed(e);
                }
                throw e;
            }
            if (n < 0) {
                ended = true;
                alarm.cancel(false);
                return -1;
            }
            remaining -= n;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            alarm.cancel(false);
            if (!ended) {
                runtime.discardEndpoint(); // never drain the rest of a page we stopped reading
            }
            if (in != null) {
                try {
                    in.close();
                } catch (IOException afterDiscard) {
                    if (ended) {
                        throw afterDiscard;
                    }
                }
            }
        }
    }
}
