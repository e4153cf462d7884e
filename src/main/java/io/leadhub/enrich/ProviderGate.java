package io.leadhub.enrich;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Whether a provider may be called, and when: not while it is disabled or lacks its API key, and not before the
 * pause its vendor asked for in its rate-limit headers (a pause longer than retry-max-wait is not waited out).
 */
@Component
public class ProviderGate {

    private final Providers providers;
    private final Clock clock;

    public ProviderGate(Providers providers, Clock clock) {
        this.providers = providers;
        this.clock = clock;
    }

    /** Route step "disabled or keyless": such a provider answers every question with the reason, uncalled. */
    public void admit(@ExchangeProperty("leadhubCall") ProviderCall call) {
        var provider = providers.require(call.provider());
        var config = provider.config();
        for (var request : call.requests()) {
            if (!config.enabled()) {
                call.answer(request, ProviderAnswer.skipped(request, "disabled"));
            } else if (!provider.hasKey() && provider.client().requiresKey(config)) {
                call.answer(request, ProviderAnswer.skipped(request, "no_api_key"));
            }
        }
    }

    /** Route step "allowance check": the vendor's allowance is spent for longer than we wait: rate_limited. */
    public void checkAllowance(@ExchangeProperty("leadhubCall") ProviderCall call) {
        var provider = providers.require(call.provider());
        for (var request : call.pending()) {
            if (provider.pausedUntilMillis().get() - clock.millis() > provider.config().retryMaxWait().toMillis()) {
                call.answer(request, ProviderAnswer.skipped(request, "rate_limited"));
            }
        }
    }

    /** The call's retry state, its first attempt held until the pause the vendor asked for is over. */
    public Attempt firstAttempt(@ExchangeProperty("leadhubCall") ProviderCall call) {
        var pausedUntil = providers.require(call.provider()).pausedUntilMillis().get();
        return new Attempt(pausedUntil - clock.millis());
    }

    /**
     * Route step "note the vendor's pause": a pause its rate-limit headers ask for (slow down before the limit)
     * holds this provider's next calls, whatever this answer was.
     */
    public void notePause(@ExchangeProperty("leadhubCall") ProviderCall call, Exchange exchange) {
        var provider = providers.require(call.provider());
        var pause = provider.client().pauseMillis(exchange.getMessage().getHeaders());
        if (pause > 0) {
            provider.pausedUntilMillis().accumulateAndGet(clock.millis() + pause, Math::max);
        }
    }
}
