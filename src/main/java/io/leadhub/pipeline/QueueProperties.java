package io.leadhub.pipeline;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How leads are handed from stage to stage (leadhub.queue, leadhub.*-queue-uri).
 *
 * @param queue            seda (in-process queues, one instance) or kafka (topics shared by every instance of the
 *                         consumer group, see leadhub.kafka)
 * @param receivedQueueUri seda mode: the queue of received leads for enrichment, one lead id per message
 * @param enrichedQueueUri seda mode: the queue of enriched leads for scoring, a batch of lead ids per message
 */
@ConfigurationProperties("leadhub")
public record QueueProperties(
        @DefaultValue("seda") String queue,
        @DefaultValue("seda:leads-received?size=10000&blockWhenFull=true") String receivedQueueUri,
        @DefaultValue("seda:leads-enriched?size=10000&blockWhenFull=true") String enrichedQueueUri) {

    public QueueProperties {
        if (!List.of("seda", "kafka").contains(queue)) {
            throw new IllegalArgumentException("leadhub.queue is '" + queue
                    + "': use seda (in-process, one instance) or kafka (topics shared by instances)");
        }
    }

    public boolean kafka() {
        return "kafka".equals(queue);
    }
}
