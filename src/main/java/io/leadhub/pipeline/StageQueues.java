package io.leadhub.pipeline;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The steps of the stage-handoff and stage-queue route templates (routes/stage-queues.camel.yaml), the same for
 * every stage and either mode: hand leads to a stage's queue, take what its consumer received, and finish it.
 * Seda mode goes through {@link SedaHandoff}, Kafka mode through {@link KafkaHandoff}; which stage is which comes
 * from {@link StageQueue#all}.
 */
@Component
public class StageQueues {

    /** Kafka mode: the poll a consumer took, kept to be committed once its batch is done. */
    static final String KAFKA_RECORDS = "leadhubKafkaRecords";

    private final Map<String, StageQueue> stages = new LinkedHashMap<>();
    private final boolean kafka;
    private final SedaHandoff seda;
    private final KafkaHandoff topics;

    public StageQueues(StageSettings settings, KafkaQueueProperties kafka, PipelineEndpoints endpoints, SedaHandoff seda,
                       KafkaHandoff topics) {
        StageQueue.all(settings, kafka.topics(), endpoints).forEach(stage -> stages.put(stage.stage(), stage));
        this.kafka = settings.kafka();
        this.seda = seda;
        this.topics = topics;
    }

    public Collection<StageQueue> all() {
        return stages.values();
    }

    /**
     * The "hand off" step: the lead ids in the body (one, or a list) go to the stage's queue, each leased to the stage
     * as queued; the body stays. Who handed them on (header leadhubSource, property leadhubStage) decides in seda mode
     * whether the hand-off may wait while the queue is full.
     */
    public void handOff(Exchange exchange, String stage) {
        var queue = queue(stage);
        var body = exchange.getMessage().getBody();
        if (kafka) {
            topics.send(queue, body);
        } else {
            seda.send(queue, body, exchange.getMessage().getHeader("leadhubSource", String.class),
                    exchange.getProperty("leadhubStage", String.class));
        }
    }

    /**
     * The "take" step of a stage's consumer: the lead ids to work on. Kafka: the poll's, less those whose stage has
     * finished since their record was written (the poll is kept for {@link #done}); seda: the message's id or ids.
     */
    @SuppressWarnings("unchecked")
    public List<String> take(Exchange exchange) {
        var body = exchange.getMessage().getBody();
        if (!kafka) {
            return leadIds(body);
        }
        var poll = (List<Exchange>) body;
        exchange.setProperty(KAFKA_RECORDS, poll);
        return topics.pending(poll, exchange.getProperty("leadhubStage", String.class));
    }

    /** The "done" step of a stage's consumer: Kafka commits the poll's offsets (its batch is stored or a dead letter). */
    @SuppressWarnings("unchecked")
    public void done(Exchange exchange) {
        var poll = exchange.getProperty(KAFKA_RECORDS, List.class);
        if (poll != null) {
            topics.commit(poll);
        }
    }

    private StageQueue queue(String stage) {
        var queue = stages.get(stage);
        if (queue == null) {
            throw new IllegalArgumentException("no such stage: " + stage + " (known: " + stages.keySet() + ")");
        }
        return queue;
    }

    /** The lead ids of a body: one id, or a collection of them. */
    static List<String> leadIds(Object body) {
        if (body instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return body == null ? List.of() : List.of(String.valueOf(body));
    }
}
