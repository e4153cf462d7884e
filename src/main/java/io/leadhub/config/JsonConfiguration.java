package io.leadhub.config;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The hub's one ObjectMapper reads within {@link JsonLimits}. */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer jsonReadLimits(JsonLimits limits) {
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(limits.constraints()));
    }
}
