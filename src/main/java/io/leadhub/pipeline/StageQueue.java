package io.leadhub.pipeline;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One stage's queue, in either mode: how leads are handed to it (its hand-off endpoint) and where its consumer takes
 * them from and hands them on (its entry). Every value comes from configuration; {@link #all} is the one table of the
 * three stages, read by the templates' instances (StageRoutes) and by the hand-off and consumer steps (StageQueues).
 *
 * @param stage             the stage's name: its leases, slots, metrics and dead letters go by it
 * @param handoffName       the hand-off's name (received, enriched, qualified): its route id is handoff-&lt;name&gt;
 * @param handoff           the endpoint callers send lead ids to
 * @param entry             where the consumer hands the lead ids it took (the stage's route for queued work)
 * @param sedaIn            seda mode: the queue the consumer reads
 * @param sedaOut           seda mode: the queue the hand-off writes (the same queue, named by its own property)
 * @param oneLeadPerMessage seda mode: each lead a message of its own (the stage gathers them into batches); else one
 *                          message per hand-off
 * @param enabled           seda mode: whether the stage is on (off: nothing is queued or leased; its sweep finds the
 *                          leads once it is on)
 * @param topic             kafka mode: the stage's topic
 * @param maxPollRecords    kafka mode: records per poll, the batch
 * @param pollTimeoutMillis kafka mode: how long a poll waits to fill
 */
public record StageQueue(String stage, String handoffName, String handoff, String entry, String sedaIn, String sedaOut,
                         boolean oneLeadPerMessage, BooleanSupplier enabled, String topic, int maxPollRecords,
                         long pollTimeoutMillis) {

    /** The three stages, in pipeline order. */
    public static List<StageQueue> all(StageSettings stages, KafkaQueueProperties.Topics topics, PipelineEndpoints endpoints) {
        var enrich = stages.stage("enrich");
        var score = stages.stage("score");
        var personalize = stages.stage("personalize");
        return List.of(
                new StageQueue("enrich", "received", endpoints.handoffReceived(), endpoints.enrichLeads(),
                        enrich.sedaIn(), enrich.sedaOut(), true, enrich::enabled,
                        topics.received(), enrich.kafkaBatch(), enrich.kafkaBatchMillis()),
                new StageQueue("score", "enriched", endpoints.handoffEnriched(), endpoints.scoreEnriched(),
                        score.sedaIn(), score.sedaOut(), false,
                        score::enabled, topics.enriched(), score.kafkaBatch(), score.kafkaBatchMillis()),
                new StageQueue("personalize", "qualified", endpoints.handoffQualified(), endpoints.personalizeQualified(),
                        personalize.sedaIn(), personalize.sedaOut(), false,
                        personalize::enabled, topics.qualified(), personalize.kafkaBatch(), personalize.kafkaBatchMillis()));
    }

    /**
     * Kafka mode: the consumer of the stage's topic. A poll is the batch, and its offsets are committed by hand once
     * the batch is stored (the consumer thread waits for it), so a crash re-reads it; a new group starts at the
     * beginning of the topic.
     */
    public String kafkaConsumer(KafkaQueueProperties kafka) {
        return "kafka:" + topic + "?brokers=" + kafka.brokers() + "&groupId=" + kafka.groupId()
                + "&consumersCount=" + kafka.consumers() + "&sessionTimeoutMs=" + kafka.sessionTimeout()
                + "&batching=true&maxPollRecords=" + maxPollRecords + "&pollTimeoutMs=" + pollTimeoutMillis
                + "&autoCommitEnable=false&allowManualCommit=true&autoOffsetReset=earliest";
    }

    /** Kafka mode: the producer to the stage's topic; a send returns once every in-sync replica has the records. */
    public String kafkaProducer(KafkaQueueProperties kafka) {
        return "kafka:" + topic + "?brokers=" + kafka.brokers() + "&requestRequiredAcks=all";
    }
}
