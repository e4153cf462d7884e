package io.leadhub.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * leadhub.json.*: what the hub's one ObjectMapper reads at most, so that hostile JSON (10,000 nested arrays, a
 * 100 MB string, a number of a million digits) is refused by the parser with a reason instead of exhausting the
 * stack or the heap. Every way in (API, webhooks, files, Kafka input, polled sources) reads through this mapper.
 */
@Configuration(proxyBeanMethods = false)
@ConfigurationProperties(prefix = "leadhub.json")
public class JsonLimits {

    /** Arrays and objects inside each other; a lead is two or three levels deep. */
    private int maxNestingDepth = 100;
    /** Characters of one string value (the request body limits apply first). */
    private int maxStringLength = 1_000_000;
    /** Digits of one number. */
    private int maxNumberLength = 100;
    /** Characters of one property name. */
    private int maxNameLength = 1_000;

    @Bean
    Jackson2ObjectMapperBuilderCustomizer jsonReadLimits() {
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(constraints()));
    }

    public StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxStringLength)
                .maxNumberLength(maxNumberLength)
                .maxNameLength(maxNameLength)
                .build();
    }

    public int getMaxNestingDepth() { return maxNestingDepth; }
    public void setMaxNestingDepth(int maxNestingDepth) { this.maxNestingDepth = maxNestingDepth; }
    public int getMaxStringLength() { return maxStringLength; }
    public void setMaxStringLength(int maxStringLength) { this.maxStringLength = maxStringLength; }
    public int getMaxNumberLength() { return maxNumberLength; }
    public void setMaxNumberLength(int maxNumberLength) { this.maxNumberLength = maxNumberLength; }
    public int getMaxNameLength() { return maxNameLength; }
    public void setMaxNameLength(int maxNameLength) { this.maxNameLength = maxNameLength; }
}
