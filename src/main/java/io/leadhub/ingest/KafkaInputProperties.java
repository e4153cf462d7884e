package io.leadhub.ingest;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A Kafka topic of raw leads in JSON, one lead or an array per message, mapped like the generic webhook
 * (leadhub.kafka-input.*).
 *
 * @param enabled   on: route ingest-kafka reads the topic
 * @param uri       the Camel Kafka endpoint read (topic, brokers, consumer group, offset reset)
 * @param workspace the workspace the leads belong to
 * @param mapping   lead field (email, firstName, companyName, ...) to JSON Pointer; empty: keys are read by their names
 */
@ConfigurationProperties("leadhub.kafka-input")
public record KafkaInputProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("kafka:leadhub.leads.input?brokers=localhost:9092&groupId=leadhub-ingest&autoOffsetReset=earliest") String uri,
        @DefaultValue("default") String workspace,
        @DefaultValue Map<String, String> mapping) {
}
