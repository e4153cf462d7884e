package io.leadhub.config;

/** A whole HTTP request refused (bad signature, too large, not JSON): the status and a reason the caller can act on. */
public class RequestRejectedException extends RuntimeException {

    private final int status;

    public RequestRejectedException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
