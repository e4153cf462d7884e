package io.leadhub.enrich;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The steps of the enrich-provider route that are the same for every provider: answer from the cache or skip
 * (no key, disabled, budget), ask the provider's client to build the request, classify the HTTP answer
 * (retry honouring Retry-After, give up, or read it), explain a fallback, and remember the answer (cache,
 * cost ledger and audit).
 */
@Component
public class ProviderCalls {

    private static final Logger log = LoggerFactory.getLogger(ProviderCalls.class);
    private static final int RAW_LIMIT = 65_536;

    private final Providers providers;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    /**
     * Questions being asked right now, so that a second asker of the same question (another signal answered by
     * the same call, another batch) waits for that answer instead of paying for it again.
     */
    private final java.util.concurrent.ConcurrentMap<String, java.util.concurrent.CompletableFuture<ProviderAnswer>> inFlight =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final org.springframework.transaction.support.TransactionTemplate tx;

    public ProviderCalls(Providers providers, JdbcClient jdbc, ObjectMapper json, Clock clock, MeterRegistry meters,
                         org.springframework.transaction.support.TransactionTemplate tx) {
        this.tx = tx;
        this.providers = providers;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    /** The route's input (one question, or a list of them to one provider) as a call to work through. */
    public ProviderCall open(@Body Object body) {
        if (body instanceof ProviderCall call) {
            return call;
        }
        if (body instanceof ProviderRequest request) {
            return new ProviderCall(List.of(request));
        }
        if (body instanceof List<?> list && list.stream().allMatch(ProviderRequest.class::isInstance)) {
            return new ProviderCall(list.stream().map(ProviderRequest.class::cast).toList());
        }
        throw new IllegalArgumentException("enrich-provider routes take a ProviderRequest or a list of them, not " + body);
    }

    /**
     * Answers what needs no call: a disabled or keyless provider, the cache, a spent budget or allowance. A
     * question someone else is asking right now is awaited (in remember, after this call's own work, so two
     * calls never wait on each other); the rest is claimed and left pending for the HTTP call.
     */
    public void lookup(@ExchangeProperty("leadhubCall") ProviderCall call) {
        var provider = providers.require(call.provider());
        var config = provider.config();
        for (var request : call.requests()) {
            if (!config.enabled()) {
                call.answer(request, ProviderAnswer.skipped(request, "disabled"));
            } else if (!provider.hasKey() && provider.client().requiresKey(config)) {
                call.answer(request, ProviderAnswer.skipped(request, "no_api_key"));
            } else {
                var cached = cachedAnswer(provider, request);
                if (cached != null) {
                    call.answer(request, asCached(request, cached));
                    continue;
                }
                var mine = new java.util.concurrent.CompletableFuture<ProviderAnswer>();
                var running = inFlight.putIfAbsent(inFlightKey(request), mine);
                if (running != null) {
                    call.await(request, running);
                    continue;
                }
                call.claim(request, mine);
                if (overBudget(provider, request)) {
                    call.answer(request, ProviderAnswer.skipped(request, "budget"));
                } else if (provider.pausedUntilMillis().get() - clock.millis() > config.retryMaxWait().toMillis()) {
                    // the vendor's allowance is spent for longer than we wait
                    call.answer(request, ProviderAnswer.skipped(request, "rate_limited"));
                }
            }
        }
    }

    private ProviderAnswer cachedAnswer(Providers.Provider provider, ProviderRequest request) {
        var cached = provider.cache().getIfPresent(request.requestKey());
        if (cached == null) {
            cached = jdbc.sql("""
                            SELECT outcome, fields::text FROM provider_cache
                            WHERE provider = :provider AND request_key = :key AND expires_at > :now""")
                    .param("provider", request.provider()).param("key", request.requestKey())
                    .param("now", Timestamp.from(clock.instant()))
                    .query((rs, n) -> new ProviderAnswer(request.provider(), request.signal(), request.requestKey(),
                            rs.getString(1), readFields(rs.getString(2)), true, null, 0, 0, 0, null))
                    .optional().orElse(null);
            if (cached != null) {
                provider.cache().put(request.requestKey(), cached);
            }
        }
        return cached;
    }

    /** Groups a signal's open questions for one provider into calls of at most its bulk limit. */
    public List<List<ProviderRequest>> openCalls(@ExchangeProperty("leadhubSignalRun") SignalRun run,
                                                 @ExchangeProperty("leadhubProvider") String provider) {
        return com.google.common.collect.Lists.partition(run.openRequests(provider), providers.require(provider).batchLimit());
    }

    /** Whether the question has an answer in the memory or database cache (for estimates). */
    public boolean cached(ProviderRequest request) {
        var provider = providers.require(request.provider());
        if (provider.cache().getIfPresent(request.requestKey()) != null) {
            return true;
        }
        return jdbc.sql("SELECT count(*) FROM provider_cache WHERE provider = :p AND request_key = :k AND expires_at > :now")
                .param("p", request.provider()).param("k", request.requestKey()).param("now", Timestamp.from(clock.instant()))
                .query(Long.class).single() > 0;
    }

    public Attempt firstAttempt(@ExchangeProperty("leadhubCall") ProviderCall call) {
        var pausedUntil = providers.require(call.provider()).pausedUntilMillis().get();
        return new Attempt(pausedUntil - clock.millis());
    }

    /** Builds the next attempt's HTTP request (one question or a bulk request) with the provider's own client. */
    public void prepare(@ExchangeProperty("leadhubCall") ProviderCall call,
                        @ExchangeProperty("leadhubAttempt") Attempt attempt, Exchange exchange) {
        attempt.start();
        var message = exchange.getMessage();
        message.removeHeaders("*", "leadhub*");
        message.setBody(null);
        providers.require(call.provider()).client().request(call.pending(), exchange);
    }

    /**
     * Reads the HTTP status: a 2xx ends the loop; 429, 5xx and the vendor's own rate-limit or pending statuses
     * are retried after Retry-After (bounded) or a jittered backoff; anything else, or the last attempt, throws
     * so the circuit breaker counts it.
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
        var pause = client.pauseMillis(exchange.getMessage().getHeaders());
        if (pause > 0) {
            provider.pausedUntilMillis().accumulateAndGet(clock.millis() + pause, Math::max);
        }
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
        var wait = retryAfterMillis(retryAfter);
        if (wait < 0) {
            long base = config.retryBackoff().toMillis() << (attempt.number() - 1);
            wait = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1); // jitter keeps instances apart
        }
        if (wait > config.retryMaxWait().toMillis()) {
            throw new ProviderCallException("rate_limited", code, id + " asked to wait " + wait
                    + " ms, more than leadhub.providers." + id + ".retry-max-wait");
        }
        attempt.retryAfter(wait);
    }

    /**
     * The client reads a 2xx answer: per question a hit with fields, or not_found. Vendors bill bulk calls per
     * record, so each question carries the per-call cost (and the per-hit cost when it hit).
     */
    public void answer(@ExchangeProperty("leadhubCall") ProviderCall call,
                       @ExchangeProperty("leadhubAttempt") Attempt attempt,
                       @Header(Exchange.HTTP_RESPONSE_CODE) Integer status, Exchange exchange) {
        var provider = providers.require(call.provider());
        var pending = call.pending();
        var body = exchange.getMessage().getBody(String.class);
        var fieldsPerRequest = status != null && status >= 300
                ? pending.stream().map(r -> Map.<String, Object>of()).toList()
                : provider.client().answers(pending, status == null ? 0 : status, body, exchange.getMessage().getHeaders());
        for (int i = 0; i < pending.size(); i++) {
            var request = pending.get(i);
            var fields = i < fieldsPerRequest.size() ? fieldsPerRequest.get(i) : null;
            var hit = fields != null && !fields.isEmpty();
            var cost = provider.client().cost(provider.id(), provider.config(), hit ? fields : Map.of(), hit);
            call.answer(request, new ProviderAnswer(request.provider(), request.signal(), request.requestKey(),
                    hit ? "hit" : "not_found", hit ? fields : Map.of(), false, status, attempt.number(),
                    attempt.elapsedMillis(), cost, body));
        }
    }

    /** Why the breaker's protected call gave no answer: the breaker is open, or the call failed. */
    public void fallback(@ExchangeProperty("leadhubCall") ProviderCall call,
                         @ExchangeProperty("leadhubAttempt") Attempt attempt,
                         @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error) {
        var id = call.provider();
        var pending = call.pending();
        // the HTTP client carries the hub's own reasons inside its I/O errors (a refused address, a deadline)
        if (error instanceof java.io.IOException && causeOf(error, RuntimeException.class) instanceof RuntimeException reason
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
        if (error == null || error instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException) {
            pending.forEach(r -> call.answer(r, ProviderAnswer.skipped(r, "circuit_open")));
            return;
        }
        var outcome = error instanceof ProviderCallException failure ? failure.outcome()
                : "error: " + explain(error);
        var status = error instanceof ProviderCallException failure ? failure.httpStatus() : null;
        var attempts = attempt == null ? 1 : Math.max(1, attempt.number());
        log.warn("Provider {} gave no answer for {} question(s) of {}: {}", id, pending.size(), pending.get(0).signal(),
                error == null ? outcome : error.getMessage());
        var costPerCall = providers.require(id).config().costPerCall();
        for (var request : pending) {
            call.answer(request, new ProviderAnswer(id, request.signal(), request.requestKey(), outcome, Map.of(), false,
                    status, attempts, attempt == null ? 0 : attempt.elapsedMillis(), costPerCall,
                    error == null ? null : error.getMessage()));
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

    private void rememberAnswers(ProviderCall call, Providers.Provider provider, Instant now) {
        for (var request : call.requests()) {
            var answer = call.answerTo(request);
            if (answer == null) {
                continue; // awaited below
            }
            if (!answer.cached() && answer.cacheable()) {
                var ttl = answer.isHit() ? provider.config().cacheTtlHit() : provider.config().cacheTtlMiss();
                jdbc.sql("""
                                INSERT INTO provider_cache (provider, request_key, outcome, fields, fetched_at, expires_at)
                                VALUES (:provider, :key, :outcome, CAST(:fields AS jsonb), :now, :expires)
                                ON CONFLICT (provider, request_key) DO UPDATE SET outcome = EXCLUDED.outcome,
                                    fields = EXCLUDED.fields, fetched_at = EXCLUDED.fetched_at, expires_at = EXCLUDED.expires_at""")
                        .param("provider", request.provider()).param("key", request.requestKey())
                        .param("outcome", answer.outcome()).param("fields", writeFields(answer.fields()))
                        .param("now", Timestamp.from(now)).param("expires", Timestamp.from(now.plus(ttl)))
                        .update();
                provider.cache().put(request.requestKey(), answer);
            }
            count(answer);
            if (answer.called()) {
                if (answer.httpStatus() != null && answer.httpStatus() < 300) {
                    providers.clearProblem(request.provider());
                }
                audit(request, answer, now);
            }
        }
    }

    /**
     * Caches definite answers (hits and misses, each with its TTL), records every call that left the hub,
     * hands this call's answers to whoever waited for them, then takes the answers this call waited for.
     * The body becomes the answers, one per question in request order.
     */
    public List<ProviderAnswer> remember(@ExchangeProperty("leadhubCall") ProviderCall call) {
        var provider = providers.require(call.provider());
        var now = clock.instant();
        call.claimed().stream().filter(r -> call.answerTo(r) == null)
                .forEach(r -> call.answer(r, ProviderAnswer.skipped(r, "error: no answer")));
        try {
            // the cache row and the ledger row of an answer are written together: a crash keeps both or neither
            tx.executeWithoutResult(status -> rememberAnswers(call, provider, now));
        } finally {
            release(call); // also when storing failed, even with an Error: the question is free to be asked again
        }
        var config = provider.config();
        call.awaited().forEach((request, running) -> call.answer(request, awaitAnswer(request, running,
                config.timeout().toMillis() * (config.retryAttempts() + 1) + config.retryMaxWait().toMillis())));
        call.awaited().keySet().forEach(r -> count(call.answerTo(r)));
        return call.answers();
    }

    /**
     * Frees the questions this call claimed and hands their answers (or "error: no answer") to whoever waited.
     * Runs in every path: after remember, and from the route's doFinally when a step failed (an exception or an
     * Error wrapped in one) before the answers were remembered. Only this call's own claims are removed.
     */
    public void release(@ExchangeProperty("leadhubCall") ProviderCall call) {
        if (call == null) {
            return;
        }
        call.claims().forEach((request, mine) -> {
            inFlight.remove(inFlightKey(request), mine);
            var answer = call.answerTo(request);
            mine.complete(answer != null ? answer : ProviderAnswer.skipped(request, "error: no answer"));
        });
    }

    /** Another caller's answer to the same question, as this caller's: cached when definite, else its reason. */
    private static ProviderAnswer awaitAnswer(ProviderRequest request, java.util.concurrent.CompletableFuture<ProviderAnswer> running,
                                              long timeoutMillis) {
        try {
            var answer = running.get(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            return answer.cacheable() ? asCached(request, answer) : ProviderAnswer.skipped(request, answer.outcome());
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return ProviderAnswer.skipped(request, "error: the same question to " + request.provider() + " is still being asked");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProviderAnswer.skipped(request, "error: interrupted");
        }
    }

    private void audit(ProviderRequest request, ProviderAnswer answer, Instant now) {
        jdbc.sql("""
                        INSERT INTO provider_call (provider, lead_id, request_key, http_status, outcome, attempts,
                                                   latency_ms, cost, call_day, called_at, response, input_tokens, output_tokens)
                        VALUES (:provider, :lead, :key, :status, :outcome, :attempts, :latency, :cost, :day, :now, :raw,
                                :inputTokens, :outputTokens)""")
                .param("provider", request.provider()).param("lead", request.leadId())
                .param("key", request.requestKey()).param("status", answer.httpStatus())
                .param("outcome", answer.outcome()).param("attempts", answer.attempts())
                .param("latency", answer.latencyMs()).param("cost", BigDecimal.valueOf(answer.cost()))
                .param("day", java.sql.Date.valueOf(now.atZone(ZoneOffset.UTC).toLocalDate()))
                .param("now", Timestamp.from(now))
                .param("raw", answer.raw() == null || answer.raw().length() <= RAW_LIMIT ? answer.raw() : answer.raw().substring(0, RAW_LIMIT))
                .param("inputTokens", answer.fields().get("input_tokens") instanceof Number n ? n.intValue() : null)
                .param("outputTokens", answer.fields().get("output_tokens") instanceof Number n ? n.intValue() : null)
                .update();
    }

    private static String inFlightKey(ProviderRequest request) {
        return request.provider() + "\u0000" + request.requestKey();
    }

    private static Throwable causeOf(Throwable error, Class<?> type) {
        for (var cause = error.getCause(); cause != null && cause != error; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return cause;
            }
        }
        return null;
    }

    private static ProviderAnswer asCached(ProviderRequest request, ProviderAnswer answer) {
        return new ProviderAnswer(request.provider(), request.signal(), request.requestKey(), answer.outcome(),
                answer.fields(), true, null, 0, 0, 0, null);
    }

    /** Per provider: calls by outcome, latency, cache answers and spend, for Prometheus. */
    private void count(ProviderAnswer answer) {
        var outcome = answer.outcome().startsWith("error") ? "error" : answer.outcome();
        if (answer.cached()) {
            Counter.builder("leadhub.provider.cache.hits").tag("provider", answer.provider()).register(meters).increment();
            return;
        }
        Counter.builder("leadhub.provider.calls").tag("provider", answer.provider()).tag("outcome", outcome)
                .register(meters).increment();
        if (answer.called()) {
            Timer.builder("leadhub.provider.latency").tag("provider", answer.provider()).publishPercentileHistogram()
                    .register(meters).record(java.time.Duration.ofMillis(answer.latencyMs()));
            Counter.builder("leadhub.provider.spend").tag("provider", answer.provider()).register(meters).increment(answer.cost());
        }
    }

    private boolean overBudget(Providers.Provider provider, ProviderRequest request) {
        var config = provider.config();
        var next = config.costPerCall() + config.costPerHit();
        if (config.dailyCap() > 0) {
            var today = jdbc.sql("SELECT coalesce(sum(cost), 0) FROM provider_call WHERE provider = :p AND call_day = :day")
                    .param("p", provider.id())
                    .param("day", java.sql.Date.valueOf(clock.instant().atZone(ZoneOffset.UTC).toLocalDate()))
                    .query(BigDecimal.class).single().doubleValue();
            if (today + next > config.dailyCap()) {
                return true;
            }
        }
        if (config.perLeadCap() > 0 && request.leadId() != null) {
            var spent = jdbc.sql("SELECT coalesce(sum(cost), 0) FROM provider_call WHERE provider = :p AND lead_id = :lead")
                    .param("p", provider.id()).param("lead", request.leadId())
                    .query(BigDecimal.class).single().doubleValue();
            return spent + next > config.perLeadCap();
        }
        return false;
    }

    /** Retry-After in seconds or as an HTTP date; -1 when absent or unreadable. */
    long retryAfterMillis(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            return (long) (Double.parseDouble(value.strip()) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, at.toEpochMilli() - Instant.now(clock).toEpochMilli());
            } catch (DateTimeParseException notDate) {
                return -1;
            }
        }
    }

    private Map<String, Object> readFields(String text) {
        try {
            return json.readValue(text, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private String writeFields(Map<String, Object> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
