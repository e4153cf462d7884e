package io.leadhub.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the hub's one ObjectMapper reads at most (leadhub.json.*), so that hostile JSON (10,000 nested arrays, a
 * 100 MB string, a number of a million digits) is refused by the parser with a reason instead of exhausting the
 * stack or the heap. Every way in (API, webhooks, files, Kafka input, polled sources) reads through this mapper;
 * JSON over a limit is refused with 400 and the reason (a file line or Kafka message: a rejection).
 *
 * @param maxNestingDepth arrays and objects inside each other; a lead is two or three levels deep
 * @param maxStringLength characters of one string value (the request body limits apply first)
 * @param maxNumberLength digits of one number
 * @param maxNameLength   characters of one property name
 */
@ConfigurationProperties("leadhub.json")
public record JsonLimits(
        @DefaultValue("100") int maxNestingDepth,
        @DefaultValue("1000000") int maxStringLength,
        @DefaultValue("100") int maxNumberLength,
        @DefaultValue("1000") int maxNameLength) {

    public StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxStringLength)
                .maxNumberLength(maxNumberLength)
                .maxNameLength(maxNameLength)
                .build();
    }
}
