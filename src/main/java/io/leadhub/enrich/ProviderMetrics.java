package io.leadhub.enrich;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The provider meters, for Prometheus, each counted by the step where it happens: cache answers by the cache
 * lookup, calls by outcome with their latency and spend by the ledger, and an awaited answer by the step that
 * took it over.
 */
@Component
public class ProviderMetrics {

    private final MeterRegistry meters;

    public ProviderMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** An answer from the memory or database cache: no call, no cost. */
    void cacheHit(String provider) {
        Counter.builder("leadhub.provider.cache.hits").tag("provider", provider).register(meters).increment();
    }

    /** An answer not taken from a cache: a call by its outcome (skips included), and what a call that left the hub took and cost. */
    void answered(ProviderAnswer answer) {
        var outcome = answer.outcome().startsWith("error") ? "error" : answer.outcome();
        Counter.builder("leadhub.provider.calls").tag("provider", answer.provider()).tag("outcome", outcome)
                .register(meters).increment();
        if (answer.called()) {
            Timer.builder("leadhub.provider.latency").tag("provider", answer.provider()).publishPercentileHistogram()
                    .register(meters).record(Duration.ofMillis(answer.latencyMs()));
            Counter.builder("leadhub.provider.spend").tag("provider", answer.provider()).register(meters).increment(answer.cost());
        }
    }

    /** Either of the above, by whether the answer came from a cache. */
    void count(ProviderAnswer answer) {
        if (answer.cached()) {
            cacheHit(answer.provider());
        } else {
            answered(answer);
        }
    }
}
