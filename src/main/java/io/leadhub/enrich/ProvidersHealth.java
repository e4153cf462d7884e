package io.leadhub.enrich;

import java.util.LinkedHashMap;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * /actuator/health component "enrichmentProviders": each provider's breaker state and any configuration problem. The hub
 * stays UP while a provider is down (leads go on without it), but says which one and why.
 */
@Component("enrichmentProvidersHealthIndicator")
public class ProvidersHealth extends AbstractHealthIndicator {

    private final Providers providers;

    public ProvidersHealth(Providers providers) {
        this.providers = providers;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        providers.all().forEach((id, provider) -> {
            var detail = new LinkedHashMap<String, Object>();
            detail.put("enabled", provider.config().enabled());
            detail.put("apiKeyConfigured", provider.hasKey() || !provider.client().requiresKey(provider.config()));
            detail.put("breaker", provider.breaker().getState().name());
            providers.problem(id).ifPresent(problem -> detail.put("problem", problem));
            builder.withDetail(id, detail);
        });
    }
}
