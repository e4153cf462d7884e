package io.leadhub.enrich;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ExchangeProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The provider answers the hub remembers, on two levels: each provider's memory cache (Caffeine) in front of
 * the provider_cache table. Only definite answers are kept (hit and not_found, each with its TTL per provider);
 * a failure of the moment is asked again.
 */
@Component
public class ProviderCache {

    private final Providers providers;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final ProviderMetrics metrics;

    public ProviderCache(Providers providers, JdbcClient jdbc, ObjectMapper json, Clock clock, ProviderMetrics metrics) {
        this.providers = providers;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Route step "cache lookup": answers each open question the memory or the database cache knows. */
    public void lookup(@ExchangeProperty("leadhubCall") ProviderCall call) {
        var provider = providers.require(call.provider());
        for (var request : call.unanswered()) {
            var cached = cachedAnswer(provider, request);
            if (cached != null) {
                call.answer(request, asCached(request, cached));
                metrics.cacheHit(request.provider());
            }
        }
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

    /**
     * Route step "cache store": keeps this call's new definite answers (hits and misses, each with its TTL) in
     * the table and in memory. Runs in the transaction that also writes the ledger.
     */
    public void store(@ExchangeProperty("leadhubCall") ProviderCall call) {
        var provider = providers.require(call.provider());
        var now = call.closedAt();
        for (var request : call.requests()) {
            var answer = call.answerTo(request);
            if (answer == null || answer.cached() || !answer.cacheable()) {
                continue; // awaited from another caller, from a cache already, or a failure of the moment
            }
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

    /** Another answer to the same question (a cached one, or another caller's) as this question's, from a cache. */
    static ProviderAnswer asCached(ProviderRequest request, ProviderAnswer answer) {
        return new ProviderAnswer(request.provider(), request.signal(), request.requestKey(), answer.outcome(),
                answer.fields(), true, null, 0, 0, 0, null);
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
}
