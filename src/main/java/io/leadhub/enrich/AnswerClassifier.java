package io.leadhub.enrich;

import java.io.IOException;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What an HTTP answer means for the call: read it (2xx, not found), follow it (a redirect, an async poll), retry
 * it after a wait (429, 5xx, the vendor's own rate-limit or pending statuses), or give up, which the circuit
 * breaker counts. And, when the breaker's protected call gave no answer, why: open breaker, the hub's refusal,
 * or the failure.
 */
@Component
public class AnswerClassifier {

    private static final Logger log = LoggerFactory.getLogger(AnswerClassifier.class);

    private final Providers providers;
    private final RetryWaits waits;

    public AnswerClassifier(Providers providers, RetryWaits waits) {
        this.providers = providers;
        this.waits = waits;
    }

    /**
     * Route step "classify": a 2xx ends the loop (unless the client polls for the result); 429, 5xx and the
     * vendor's own rate-limit or pending statuses are retried after Retry-After (bounded) or a jittered backoff;
     * anything else, or the last attempt, throws so the circuit breaker counts it.
     */
    public void classify(@ExchangeProperty("leadhubCall") ProviderCall call,
                         @ExchangeProperty("leadhubAttempt") Attempt attempt,
                         @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                         @Header("Retry-After") String retryAfter, Exchange exchange) {
        var id = call.provider();
        var provider = providers.require(id);
        var client = provider.client();
        var config = provider.config();
        var first = call.pending().get(0);
        int code = status == null ? 0 : status;
        if (code >= 200 && code < 300 && !client.isPending(code)) {
            var wait = client.followUp(first, exchange.getMessage().getBody(String.class), exchange);
            if (wait >= 0) {
                attempt.followUp(wait);
            }
            return;
        }
        if (client.isNotFound(code)) {
            return;
        }
        if (code >= 300 && code < 400 && client.followRedirect(first, code, exchange)) {
            attempt.redirected();
            return;
        }
        var body = exchange.getMessage().getBody(String.class);
        if (client.isQuotaExhausted(code, body)) {
            // open (not forced open): after breaker-open-duration one trial call tells whether the quota was reset
            provider.breaker().transitionToOpenState();
            providers.reportProblem(id, "quota or credit exhausted (" + code + "): " + abbreviate(body));
            log.warn("Provider {} says its quota is spent ({}): circuit opened for {}", id, code,
                    config.breakerOpenDuration());
            throw new ProviderCallException("rate_limited", code, id + " quota exhausted: " + abbreviate(body));
        }
        if (code == 401) {
            providers.reportProblem(id, "the API key was refused (401): check leadhub.providers." + id + ".api-key");
            log.error("Provider {} refused its API key (401): check leadhub.providers.{}.api-key", id, id);
            throw new ProviderCallException("misconfigured", code, id + " refused the API key (401)");
        }
        boolean retryable = code == 0 || code >= 500 || client.isRateLimit(code) || client.isPending(code);
        if (!retryable) {
            throw new ProviderCallException("error: http " + code, code, id + " answered " + code + ": " + abbreviate(body));
        }
        if (attempt.number() >= Math.max(1, config.retryAttempts())) {
            var outcome = client.isRateLimit(code) ? "rate_limited" : "error: http " + code;
            throw new ProviderCallException(outcome, code, id + " still answered " + code
                    + " after " + attempt.number() + " attempts");
        }
        var wait = waits.waitMillis(retryAfter, config.retryBackoff(), attempt.number());
        if (wait > config.retryMaxWait().toMillis()) {
            throw new ProviderCallException("rate_limited", code, id + " asked to wait " + wait
                    + " ms, more than leadhub.providers." + id + ".retry-max-wait");
        }
        attempt.retryAfter(wait);
    }

    /** Route step "fallback": why the breaker's protected call gave no answer: the breaker is open, or the call failed. */
    public void fallback(@ExchangeProperty("leadhubCall") ProviderCall call,
                         @ExchangeProperty("leadhubAttempt") Attempt attempt,
                         @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error) {
        var id = call.provider();
        var pending = call.pending();
        // the HTTP client carries the hub's own reasons inside its I/O errors (a refused address, a deadline)
        if (error instanceof IOException && causeOf(error, RuntimeException.class) instanceof RuntimeException reason
                && (reason instanceof ProviderRefusedException || reason instanceof ProviderCallException)) {
            error = reason;
        }
        // Camel marks every fallback as short-circuited; only a call the breaker did not permit was never made
        if (error instanceof ProviderRefusedException refused) {
            log.warn("Provider {} refused to fetch for {}: {}", id, pending.get(0).requestKey(), refused.getMessage());
            pending.forEach(r -> call.answer(r, ProviderAnswer.skipped(r, "error: " + refused.getMessage())));
            return;
        }
        // a call the breaker did not permit never ran, so it left no exception; a call that ran and failed (even
        // the one whose failure just opened the breaker) was made and is answered and recorded as an error
        if (error == null || error instanceof CallNotPermittedException) {
            pending.forEach(r -> call.answer(r, ProviderAnswer.skipped(r, "circuit_open")));
            return;
        }
        var outcome = error instanceof ProviderCallException failure ? failure.outcome()
                : "error: " + explain(error);
        var status = error instanceof ProviderCallException failure ? failure.httpStatus() : null;
        var attempts = attempt == null ? 1 : Math.max(1, attempt.number());
        log.warn("Provider {} gave no answer for {} question(s) of {}: {}", id, pending.size(), pending.get(0).signal(),
                error.getMessage());
        var costPerCall = providers.require(id).config().costPerCall();
        for (var request : pending) {
            call.answer(request, new ProviderAnswer(id, request.signal(), request.requestKey(), outcome, Map.of(), false,
                    status, attempts, attempt == null ? 0 : attempt.elapsedMillis(), costPerCall, error.getMessage()));
        }
    }

    /** The failure's telling type: the connection or timeout error under Camel's wrapper, else the root cause. */
    private static String explain(Throwable error) {
        var cause = ProviderFailures.providerCause(error);
        if (cause == null) {
            cause = error;
            for (int depth = 0; cause.getCause() != null && cause.getCause() != cause && depth < 16; depth++) {
                cause = cause.getCause();
            }
        }
        return cause.getClass().getSimpleName();
    }

    private static Throwable causeOf(Throwable error, Class<?> type) {
        for (var cause = error.getCause(); cause != null && cause != error; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return cause;
            }
        }
        return null;
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
