package io.leadhub.api;

import java.io.IOException;

import io.leadhub.config.BodyTooLargeException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;

/**
 * A request's input stream that counts what is read and throws once more than the limit has come in; the exception
 * is also kept as a request attribute, for readers that catch it and report something else.
 */
class LimitedInputStream extends ServletInputStream {

    private final ServletInputStream in;
    private final ServletRequest request;
    private final long limit;
    private final String property;
    private long count;
    private boolean exceeded;

    LimitedInputStream(ServletInputStream in, ServletRequest request, long limit, String property) {
        this.in = in;
        this.request = request;
        this.limit = limit;
        this.property = property;
    }

    @Override
    public int read() throws IOException {
        check(0);
        int b = in.read();
        if (b >= 0) {
            check(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        check(0);
        // never ask for more than one byte past the limit, so that a large read cannot buffer much beyond it
        int n = in.read(buffer, offset, (int) Math.min(length, Math.max(1, limit + 1 - count)));
        if (n > 0) {
            check(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        check(0);
        long skipped = in.skip(Math.min(n, Math.max(1, limit + 1 - count)));
        check(skipped);
        return skipped;
    }

    private void check(long read) {
        count += read;
        if (count > limit || exceeded) {
            var failure = new BodyTooLargeException(limit, property);
            if (!exceeded) {
                exceeded = true;
                request.setAttribute(BodyTooLargeException.ATTRIBUTE, failure);
            }
            throw failure;
        }
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    @Override
    public boolean isFinished() {
        return exceeded || in.isFinished();
    }

    @Override
    public boolean isReady() {
        return !exceeded && in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
    }
}
