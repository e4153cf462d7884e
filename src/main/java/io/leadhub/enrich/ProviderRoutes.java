package io.leadhub.enrich;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One enrich-provider route per configured provider, with its circuit breaker and its HTTP client configurer
 * bound for the route to use.
 */
@Component
public class ProviderRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProviderRoutes.class);

    private final Providers providers;

    public ProviderRoutes(Providers providers) {
        this.providers = providers;
    }

    /**
     * The route's static endpoint. A provider whose every request names its own URL (the website analyser, or
     * a base URL with a {domain} template) gets a placeholder that each request overrides.
     */
    private static String endpoint(String baseUrl) {
        return baseUrl == null || baseUrl.isBlank() || baseUrl.contains("{") ? "https://localhost" : baseUrl;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        providers.all().forEach((id, provider) -> {
            camelContext.getRegistry().bind("breaker-" + id, provider.breaker());
            // the provider's own HTTP client settings (the website analyser's guarded resolver), else none
            org.apache.camel.component.http.HttpClientConfigurer none = builder -> { };
            var configurer = provider.client().httpClientConfigurer(id, provider.config());
            camelContext.getRegistry().bind("http-client-" + id, org.apache.camel.component.http.HttpClientConfigurer.class,
                    (Object) (configurer != null ? configurer : none));
        });
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        providers.all().forEach((id, provider) -> {
            var config = provider.config();
            TemplatedRouteBuilder.builder(camelContext, "enrich-provider")
                    .routeId("enrich-provider-" + id)
                    .parameter("providerId", id)
                    .parameter("endpoint", endpoint(config.baseUrl()))
                    .parameter("rate", Integer.toString(config.rate()))
                    .parameter("periodMillis", Long.toString(config.period().toMillis()))
                    .parameter("timeoutMillis", Long.toString(config.timeout().toMillis()))
                    .add();
            log.info("Provider {} ({}): {} requests per {} ms, signals {}{}", id, config.type(), config.rate(),
                    config.period().toMillis(), config.signals(),
                    config.enabled() ? (provider.hasKey() ? "" : ", no API key") : ", disabled");
        });
    }
}
