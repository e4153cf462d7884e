package io.leadhub.enrich;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.stereotype.Component;

/** The configured providers with what each needs at run time: its client, its circuit breaker, its memory cache. */
@Component
public class Providers {

    /** A provider: its common properties, the options its client bound for it (null for none), and its run-time parts. */
    public record Provider(String id, ProviderProperties config, Object options, ProviderClient client, CircuitBreaker breaker,
                           Cache<String, ProviderAnswer> cache, AtomicLong pausedUntilMillis) {
        /** Questions per HTTP request: the vendor's bulk limit, lowered by max-batch when set. */
        public int batchLimit() {
            var vendor = Math.max(1, client.maxBatch(id, config));
            return config.maxBatch() > 0 ? Math.min(config.maxBatch(), vendor) : vendor;
        }

        public boolean hasKey() {
            return config.apiKey() != null && !config.apiKey().isBlank();
        }
    }

    private final Map<String, Provider> providers = new LinkedHashMap<>();
    /** The last configuration problem a provider reported (a refused key), shown in health and GET /api/providers. */
    private final Map<String, String> problems = new java.util.concurrent.ConcurrentHashMap<>();
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();

    public Providers(ProvidersProperties properties, Map<String, ProviderClient> clients, io.micrometer.core.instrument.MeterRegistry meters) {
        properties.providers().forEach((id, config) -> {
            var client = clients.get(config.type() + "ProviderClient");
            if (client == null) {
                throw new IllegalStateException("leadhub.providers." + id + ".type '" + config.type()
                        + "' is not a known provider type (known: " + clients.keySet() + ")");
            }
            var breaker = breakers.circuitBreaker(id, breakerConfig(config));
            var longest = config.cacheTtlHit().compareTo(config.cacheTtlMiss()) > 0 ? config.cacheTtlHit() : config.cacheTtlMiss();
            Cache<String, ProviderAnswer> cache = Caffeine.newBuilder()
                    .maximumSize(100_000)
                    .recordStats()
                    .expireAfterWrite(longest.isZero() ? Duration.ofSeconds(1) : longest)
                    .build();
            providers.put(id, new Provider(id, config, client.options(id), client, breaker, cache, new AtomicLong()));
            // 1 while the provider's breaker is open (calls skipped with circuit_open), for dashboards and alerts
            io.micrometer.core.instrument.Gauge.builder("leadhub.provider.breaker.open", breaker,
                            b -> b.getState() == CircuitBreaker.State.OPEN || b.getState() == CircuitBreaker.State.FORCED_OPEN ? 1 : 0)
                    .tag("provider", id).register(meters);
        });
    }

    /** The provider's circuit breaker, as configured under leadhub.providers.<id>.breaker-*. */
    static CircuitBreakerConfig breakerConfig(ProviderProperties config) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(config.breakerFailureRate())
                .minimumNumberOfCalls(config.breakerMinimumCalls())
                .slidingWindowSize(Math.max(config.breakerWindow(), config.breakerMinimumCalls()))
                .waitDurationInOpenState(config.breakerOpenDuration())
                .slowCallDurationThreshold(config.breakerSlowCall())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(Math.max(1, config.breakerHalfOpenCalls()))
                // a trial call whose end is never recorded must not hold the breaker half-open for good
                .maxWaitDurationInHalfOpenState(config.effectiveBreakerHalfOpenMaxWait())
                // connection errors, timeouts and given-up answers (5xx) arrive wrapped by Camel: read the causes
                .recordException(ProviderFailures::isProviderFailure)
                .ignoreException(ProviderFailures::isIgnored)
                .build();
    }

    public Optional<Provider> get(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    public Provider require(String id) {
        return get(id).orElseThrow(() -> new IllegalArgumentException("no provider " + id));
    }

    public Map<String, Provider> all() {
        return providers;
    }

    public void reportProblem(String id, String problem) {
        problems.put(id, problem);
    }

    public void clearProblem(String id) {
        problems.remove(id);
    }

    public Optional<String> problem(String id) {
        return Optional.ofNullable(problems.get(id));
    }
}
