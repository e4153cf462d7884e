package io.leadhub.enrich;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;

/**
 * The two things a provider package knows: how its vendor wants the question asked, and how to read the
 * answer. Everything else (cache, throttle, breaker, retry, cost) is the enrich-provider route's.
 * <p>
 * A client is the bean named &lt;type&gt;ProviderClient for providers of that type. Beside the common
 * {@link ProviderProperties}, a type with options of its own declares them as a record in its package
 * (&lt;Type&gt;ProviderOptions, each component documented) and binds it with {@link ProviderOptionsBinder} when the
 * client is made, so a wrong value stops the start naming the property; docs/configuration.md lists the record.
 */
public interface ProviderClient {

    /** Sets method, path, query, headers and body of the HTTP request on the exchange. */
    void request(ProviderRequest request, Exchange exchange);

    /**
     * How many questions one request of this vendor may carry (its bulk endpoint's limit); 1 when it has
     * none. leadhub.providers.&lt;id&gt;.max-batch can only lower it.
     */
    default int maxBatch(String providerId, ProviderProperties config) {
        return 1;
    }

    /** The provider's own options as this client bound them (see {@link ProviderOptionsBinder}); null for none. */
    default Object options(String providerId) {
        return null;
    }

    /**
     * Whether calls need an API key (else the provider is skipped with no_api_key). Keyless vendors implement
     * {@link KeylessProvider}; a client can also decide by configuration (a local LLM server needs none).
     */
    default boolean requiresKey(ProviderProperties config) {
        return !(this instanceof KeylessProvider);
    }

    /** The HTTP request for several questions at once (at most {@link #maxBatch}); one question by default. */
    default void request(List<ProviderRequest> requests, Exchange exchange) {
        requireSingle(requests);
        request(requests.get(0), exchange);
    }

    /** A 2xx answer to a (bulk) request read into fields per question, in the order of the questions. */
    default List<Map<String, Object>> answers(List<ProviderRequest> requests, int status, String body, Map<String, Object> headers) {
        requireSingle(requests);
        var fields = answer(requests.get(0), status, body, headers);
        return java.util.Collections.singletonList(fields);
    }

    private static void requireSingle(List<ProviderRequest> requests) {
        if (requests.size() != 1) {
            throw new IllegalArgumentException("this provider answers one question per request, got " + requests.size());
        }
    }

    /** A 2xx answer read into profile fields; an empty map means the vendor knows nothing (not_found). */
    Map<String, Object> answer(ProviderRequest request, int status, String body);

    /** As above, for clients that also read the response headers. */
    default Map<String, Object> answer(ProviderRequest request, int status, String body, Map<String, Object> headers) {
        return answer(request, status, body);
    }

    /** Statuses that mean "slow down, try again" for this vendor (beyond 429 and 5xx). */
    default boolean isRateLimit(int status) {
        return status == 429;
    }

    /** Statuses that mean the account cannot be served until some reset (a monthly quota): open the breaker. */
    default boolean isQuotaExhausted(int status) {
        return false;
    }

    /**
     * As above, for vendors that say it in the body (OpenAI answers 429 both for "slow down" and, with code
     * insufficient_quota, for "out of credit": only the first is worth retrying).
     */
    default boolean isQuotaExhausted(int status, String body) {
        return isQuotaExhausted(status);
    }

    /**
     * What one answered question cost: the configured price per call and per hit by default; vendors that bill
     * by usage (LLM tokens) compute it from the answer's fields.
     */
    default double cost(String providerId, ProviderProperties config, Map<String, Object> fields, boolean hit) {
        return config.costPerCall() + (hit ? config.costPerHit() : 0);
    }

    /**
     * How long to hold the next call after this answer, read from the vendor's rate-limit headers, so the hub
     * slows down before the limit instead of running into 429s. 0 for no pause.
     */
    default long pauseMillis(Map<String, Object> headers) {
        return 0;
    }

    /**
     * For a redirect answer: prepares the next request (after any checks) and returns true, or false when this
     * provider does not follow redirects.
     */
    default boolean followRedirect(ProviderRequest request, int status, Exchange exchange) {
        return false;
    }

    /**
     * For a 2xx answer that is not the result yet (an async run): prepares the follow-up request and returns
     * how long to wait before it, or -1 when this answer is final.
     */
    default long followUp(ProviderRequest request, String body, Exchange exchange) {
        return -1;
    }

    /** Statuses by which the vendor says it knows nothing (a miss, cached as such, not an error). */
    default boolean isNotFound(int status) {
        return status == 404;
    }

    /**
     * How this provider's HTTP client is built beyond the component's defaults (the website analyser pins the
     * addresses it checked and bounds each download); null for none.
     */
    default org.apache.camel.component.http.HttpClientConfigurer httpClientConfigurer(String providerId,
                                                                                    ProviderProperties config) {
        return null;
    }

    /** Statuses that mean "still working, ask again" (Hunter's 202). */
    default boolean isPending(int status) {
        return false;
    }
}
