package io.leadhub.enrich;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Which failures of a provider call the circuit breaker counts. Camel hands the breaker the route's exception
 * wrapped (a RuntimeCamelException around a ConnectException, a CamelExecutionException around an Error), so
 * the cause chain is read, not the outer type.
 * <ul>
 * <li>the provider's fault, counted: an answer we gave up on ({@link ProviderCallException}: 5xx after the
 * retries, 429 quota, 401), no connection ({@code ConnectException}, {@code HttpHostConnectException},
 * {@code NoRouteToHostException}, {@code UnknownHostException}), a timeout ({@code SocketTimeoutException},
 * {@code ConnectTimeoutException}, Camel's and the JDK's timeouts) and any other I/O failure on the way;</li>
 * <li>the hub's own refusal ({@link ProviderRefusedException}) and the hub's own faults (a bug or an Error
 * while reading the answer): ignored, neither a failure nor a success of the provider.</li>
 * </ul>
 */
public final class ProviderFailures {

    /** A cycle or a very deep chain of causes ends the walk. */
    private static final int MAX_DEPTH = 16;

    private ProviderFailures() {
    }

    /** The provider is down, slow or refusing: the breaker records a failure. */
    public static boolean isProviderFailure(Throwable error) {
        return providerCause(error) != null;
    }

    /** Not the provider's doing: the breaker neither counts it as a failure nor as a success. */
    public static boolean isIgnored(Throwable error) {
        return providerCause(error) == null;
    }

    /**
     * The outermost cause that says how the provider failed (the ConnectException under Camel's wrapper), or null
     * when the chain holds none, or the hub refused the call itself.
     */
    public static Throwable providerCause(Throwable error) {
        var t = error;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            if (t instanceof ProviderRefusedException) {
                return null;
            }
            if (t instanceof ProviderCallException || t instanceof IOException || t instanceof TimeoutException
                    || t instanceof org.apache.camel.ExchangeTimedOutException) {
                return t;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return null;
    }
}
