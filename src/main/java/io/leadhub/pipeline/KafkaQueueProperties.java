package io.leadhub.pipeline;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka mode (leadhub.queue=kafka, leadhub.kafka.*): the hand-off between stages on topics shared by every instance.
 *
 * @param brokers           the bootstrap servers
 * @param groupId           the consumer group; instances with the same group share the partitions of each stage topic
 * @param topics            the stage topics
 * @param partitions        partitions of a stage topic the hub creates (an existing topic is left as it is): the most
 *                          instances x consumers that can share a stage
 * @param replicationFactor replication factor of the stage topics the hub creates
 * @param consumers         consumer threads per stage topic in each instance
 * @param sessionTimeout    milliseconds before a dead instance's partitions are handed to the others (Kafka's
 *                          default: 45 s)
 * @param maxPollRecords    leads a scoring or personalization consumer takes per poll (enrichment takes
 *                          leadhub.enrichment.batch-size)
 */
@ConfigurationProperties("leadhub.kafka")
public record KafkaQueueProperties(
        @DefaultValue("localhost:9092") String brokers,
        @DefaultValue("leadhub") String groupId,
        @DefaultValue Topics topics,
        @DefaultValue("12") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("1") int consumers,
        @DefaultValue("15000") int sessionTimeout,
        @DefaultValue("100") int maxPollRecords) {

    /**
     * @param received received leads, for enrichment
     * @param enriched enriched leads, for scoring
     * @param qualified hot and warm leads, for personalization
     */
    public record Topics(
            @DefaultValue("leadhub.leads.received") String received,
            @DefaultValue("leadhub.leads.enriched") String enriched,
            @DefaultValue("leadhub.leads.qualified") String qualified) {

        public List<String> all() {
            return List.of(received, enriched, qualified);
        }
    }
}
