package io.leadhub.enrich;

/** A provider call that failed after its retries, or could not be retried; the circuit breaker counts it. */
public class ProviderCallException extends RuntimeException {

    private final String outcome;
    private final Integer httpStatus;

    public ProviderCallException(String outcome, Integer httpStatus, String message) {
        super(message);
        this.outcome = outcome;
        this.httpStatus = httpStatus;
    }

    public String outcome() {
        return outcome;
    }

    public Integer httpStatus() {
        return httpStatus;
    }
}
