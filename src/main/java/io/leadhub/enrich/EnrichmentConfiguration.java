package io.leadhub.enrich;

import io.leadhub.config.LeadhubProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class EnrichmentConfiguration {

    /**
     * The thread pool of provider calls (a Camel thread pool profile named enrichCalls, used by the enrich-batch
     * route): enough threads to keep every provider at its rate while answers take their latency.
     */
    @Bean
    CamelContextConfiguration enrichCallsPool(LeadhubProperties properties) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                var threads = Math.max(1, properties.getEnrichment().getConcurrency());
                var profile = new ThreadPoolProfile("enrichCalls");
                profile.setPoolSize(threads);
                profile.setMaxPoolSize(threads);
                profile.setMaxQueueSize(10_000);
                camel.getExecutorServiceManager().registerThreadPoolProfile(profile);
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
            }
        };
    }
}
