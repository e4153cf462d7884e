package io.leadhub.pipeline;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Kafka mode's two ends of a stage hand-off. Out: one record per lead, keyed by lead id, so a lead's work stays on
 * one partition and in order (the id, not the lead key: the key holds the email, which must not travel as a
 * Kafka key). In: the lead ids of a polled batch, less those whose stage finished after the record was written —
 * a record read again after a crash or a rebalance finds its work done and is skipped, while a lead asked for
 * again later (re-enrichment, a new rescore) still runs.
 */
@Component
class KafkaHandoff {

    private static final Logger log = LoggerFactory.getLogger(KafkaHandoff.class);

    /** When each stage last finished a lead. */
    private static final Map<String, String> FINISHED = Map.of(
            "enrich", "SELECT lead_id, enriched_at FROM lead_profile WHERE lead_id = ANY(:ids)",
            "score", "SELECT lead_id, scored_at FROM lead_score WHERE lead_id = ANY(:ids)",
            "personalize", "SELECT lead_id, max(updated_at) FROM lead_product_enrichment WHERE lead_id = ANY(:ids) GROUP BY lead_id");

    private final JdbcClient jdbc;
    private final CamelContext camel;
    private final DeadLetters deadLetters;
    private final StageLeaseRepository leases;
    private final ProducerTemplate producer;
    private final KafkaQueueProperties kafka;

    public KafkaHandoff(JdbcClient jdbc, CamelContext camel, DeadLetters deadLetters, StageLeaseRepository leases, ProducerTemplate producer,
                        KafkaQueueProperties kafka) {
        this.jdbc = jdbc;
        this.camel = camel;
        this.deadLetters = deadLetters;
        this.leases = leases;
        this.producer = producer;
        this.kafka = kafka;
    }

    /**
     * Sends one record per lead id in the body to the stage's topic; the send returns once the broker has them
     * (acks=all), so a lead handed on is never only in memory. Then the leads are marked queued: after the send, so
     * a crash in between leaves no mark, only a lead the sweep sends again; the mark keeps the sweep from sending it
     * again while the topic's backlog waits.
     */
    void send(StageQueue queue, Object body) {
        var ids = StageQueues.leadIds(body);
        if (ids.isEmpty()) {
            return;
        }
        producer.sendBody(queue.kafkaProducer(kafka), records(ids));
        leases.claimQueued(queue.stage(), ids);
    }

    /** One Kafka record per lead id, keyed by the id. */
    private List<Message> records(List<String> ids) {
        var records = new ArrayList<Message>();
        for (var id : ids) {
            var record = new DefaultMessage(camel);
            record.setBody(id);
            record.setHeader(KafkaConstants.KEY, id);
            records.add(record);
        }
        return records;
    }

    /** The lead ids of a polled batch whose stage has not finished since their record was written. */
    List<String> pending(List<Exchange> batch, String stage) {
        var writtenAt = new LinkedHashMap<UUID, Instant>();
        for (var record : batch) {
            UUID id;
            try {
                id = UUID.fromString(record.getMessage().getBody(String.class).trim());
            } catch (RuntimeException e) {
                // kept where operators look, and the rest of the batch and the partition go on
                var where = record.getMessage().getHeader(KafkaConstants.TOPIC) + " partition "
                        + record.getMessage().getHeader(KafkaConstants.PARTITION) + " offset " + record.getMessage().getHeader(KafkaConstants.OFFSET);
                deadLetters.refuse(stage, String.valueOf(record.getMessage().getBody(String.class)),
                        "the record on " + where + " is not a lead id; the hub writes lead ids only, so it came from elsewhere");
                continue;
            }
            Long timestamp = record.getMessage().getHeader(KafkaConstants.TIMESTAMP, Long.class);
            var at = timestamp == null ? Instant.EPOCH : Instant.ofEpochMilli(timestamp);
            writtenAt.merge(id, at, (a, b) -> a.isAfter(b) ? a : b);
        }
        if (writtenAt.isEmpty()) {
            return List.of();
        }
        var finished = new HashMap<UUID, Instant>();
        jdbc.sql(FINISHED.get(stage)).param("ids", writtenAt.keySet().toArray(new UUID[0]))
                .query(rs -> {
                    finished.put(rs.getObject(1, UUID.class), rs.getObject(2, Timestamp.class).toInstant());
                });
        var pending = new ArrayList<String>();
        var skipped = new ArrayList<UUID>();
        writtenAt.forEach((id, at) -> {
            var done = finished.get(id);
            if (done == null || done.isBefore(at)) {
                pending.add(id.toString());
            } else {
                skipped.add(id);
            }
        });
        leases.dropQueued(stage, skipped);
        if (pending.size() < writtenAt.size()) {
            log.info("{} of {} lead(s) on the {} topic were already done since their record was written; skipped",
                    writtenAt.size() - pending.size(), writtenAt.size(), stage);
        }
        return pending;
    }

    /** Commits a finished batch: for each partition, the offset after its last record. */
    void commit(List<Exchange> batch) {
        var last = new LinkedHashMap<Object, Exchange>();
        for (var record : batch) {
            last.put(record.getMessage().getHeader(KafkaConstants.PARTITION), record);
        }
        last.values().forEach(record -> record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit());
    }

}
