package io.leadhub.enrich;

import io.leadhub.config.CamelThreadPools;
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
    CamelContextConfiguration enrichCallsPool(EnrichmentProperties enrichment) {
        return CamelThreadPools.profile("enrichCalls", () -> enrichment.concurrency());
    }
}
