package io.leadhub.enrich;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every provider has (leadhub.providers.&lt;id&gt;.*), whatever its type: where it is, what it answers, and the
 * call policy of the enrich-provider route (throttle, timeout, retry, breaker, cache, cost). Options of one type
 * (an http provider's URL template, an LLM's model, ...) are its client's own record, bound from the same keys by
 * {@link ProviderOptionsBinder}. Defaults follow the vendors' published limits where known; durations without a
 * unit are milliseconds.
 *
 * @param type                 which package under enrich/providers asks the vendor and reads its answers: hunter,
 *                             apollo, pipe0, http, website, openai, anthropic
 * @param enabled              off: the provider's questions are skipped (miss reason disabled)
 * @param baseUrl              the vendor's base URL (scheme, host, port and any path prefix)
 * @param apiKey               the vendor's key; put ${SOME_ENV_VAR} here, never the key itself. Without one the
 *                             provider is skipped (no_api_key) unless its type needs none
 * @param signals              the signals it answers (email_verification, company, person, techstack, funding,
 *                             company_overview, website, ...); none: it is only asked directly (the LLMs)
 * @param priority             lower runs first within a signal's waterfall, and wins a conflict between answers
 * @param confidence           how far an answer of this provider is trusted (0..1); agreement between providers
 *                             raises it
 * @param timeout              connect and response timeout of one HTTP request
 * @param rate                 requests allowed per period (the vendor's published rate)
 * @param period               the period of rate
 * @param retryAttempts        attempts of one request at most (5xx, timeouts, 429)
 * @param retryBackoff         wait before the second attempt, doubled for each further one (with jitter)
 * @param retryMaxWait         upper bound on a wait, a Retry-After the vendor asks for included; a longer wait gives
 *                             this call up (rate_limited)
 * @param breakerFailureRate   percentage of failed calls in the window that opens the circuit breaker
 * @param breakerMinimumCalls  calls in the window before the breaker may open; low, so that a provider called a few
 *                             times a minute can still trip
 * @param breakerWindow        calls the breaker's sliding window counts
 * @param breakerOpenDuration  how long an open breaker skips calls (circuit_open) before trial calls
 * @param breakerSlowCall      a call slower than this counts as failed for the breaker
 * @param breakerHalfOpenCalls trial calls let through after breaker-open-duration; their answers close or reopen the
 *                             breaker
 * @param breakerHalfOpenMaxWait a half-open breaker whose trial calls have not all answered within this opens again
 *                             and tries later (a trial whose end was never recorded would otherwise keep it half-open,
 *                             refusing every call, for good); empty: the longest a call may take with its retries,
 *                             retry-attempts x (timeout + retry-max-wait), and at least breaker-open-duration
 * @param cacheTtlHit          how long an answer is cached (memory and PostgreSQL)
 * @param cacheTtlMiss         how long a not_found is cached
 * @param costPerCall          price of one request, counted in the cost ledger
 * @param costPerHit           price of an answer that found something, on top of cost-per-call
 * @param dailyCap             spend allowed per day; 0 means no limit. Beyond it questions are skipped (budget)
 * @param perLeadCap           spend allowed per lead; 0 means no limit
 * @param maxBatch             questions per request for vendors with a bulk endpoint; 0 uses the vendor's limit
 *                             (Apollo 10, pipe0 sync 9, async 100); it can only lower it
 */
public record ProviderProperties(
        String type,
        @DefaultValue("true") boolean enabled,
        String baseUrl,
        String apiKey,
        @DefaultValue List<String> signals,
        @DefaultValue("100") int priority,
        @DefaultValue("0.8") double confidence,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("10") int rate,
        @DefaultValue("1s") Duration period,
        @DefaultValue("3") int retryAttempts,
        @DefaultValue("500ms") Duration retryBackoff,
        @DefaultValue("30s") Duration retryMaxWait,
        @DefaultValue("50") float breakerFailureRate,
        @DefaultValue("5") int breakerMinimumCalls,
        @DefaultValue("20") int breakerWindow,
        @DefaultValue("60s") Duration breakerOpenDuration,
        @DefaultValue("20s") Duration breakerSlowCall,
        @DefaultValue("1") int breakerHalfOpenCalls,
        Duration breakerHalfOpenMaxWait,
        @DefaultValue("30d") Duration cacheTtlHit,
        @DefaultValue("7d") Duration cacheTtlMiss,
        @DefaultValue("0") double costPerCall,
        @DefaultValue("0") double costPerHit,
        @DefaultValue("0") double dailyCap,
        @DefaultValue("0") double perLeadCap,
        @DefaultValue("0") int maxBatch) {

    /** breaker-half-open-max-wait in force: the configured one, else the longest call with its retries, at least breaker-open-duration. */
    public Duration effectiveBreakerHalfOpenMaxWait() {
        if (breakerHalfOpenMaxWait != null) {
            return breakerHalfOpenMaxWait;
        }
        var longestCall = timeout.plus(retryMaxWait).multipliedBy(Math.max(1, retryAttempts));
        return longestCall.compareTo(breakerOpenDuration) > 0 ? longestCall : breakerOpenDuration;
    }

    @Override
    public String toString() {
        // never the key
        return "ProviderProperties[type=" + type + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "none" : "***") + "]";
    }
}
