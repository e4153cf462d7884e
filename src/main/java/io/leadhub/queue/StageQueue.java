package io.leadhub.queue;

import java.util.List;
import java.util.function.BooleanSupplier;

import io.leadhub.config.LeadhubProperties;

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
    public static List<StageQueue> all(LeadhubProperties properties, PipelineEndpoints endpoints, PipelineSettings settings) {
        var topics = properties.getKafka().getTopics();
        var enrichment = properties.getEnrichment();
        int poll = properties.getKafka().getMaxPollRecords();
        return List.of(
                new StageQueue("enrich", "received", endpoints.handoffReceived(), endpoints.enrichLeads(),
                        properties.getReceivedQueueUri(), properties.getReceivedQueueUri(), true, enrichment::isEnabled,
                        topics.getReceived(), enrichment.getBatchSize(), enrichment.getBatchTimeout()),
                new StageQueue("score", "enriched", endpoints.handoffEnriched(), endpoints.scoreEnriched(),
                        properties.getEnrichedQueueUri(), properties.getEnrichedQueueUri(), false,
                        properties.getScoring()::isEnabled, topics.getEnriched(), poll, settings.kafkaPollTimeout()),
                new StageQueue("personalize", "qualified", endpoints.handoffQualified(), endpoints.personalizeQualified(),
                        properties.getPersonalization().getQueueUri(), properties.getScoring().getHandoffUri(), false,
                        properties.getPersonalization()::isEnabled, topics.getQualified(), poll, settings.kafkaPollTimeout()));
    }

    /**
     * Kafka mode: the consumer of the stage's topic. A poll is the batch, and its offsets are committed by hand once
     * the batch is stored (the consumer thread waits for it), so a crash re-reads it; a new group starts at the
     * beginning of the topic.
     */
    public String kafkaConsumer(LeadhubProperties.Kafka kafka) {
        return "kafka:" + topic + "?brokers=" + kafka.getBrokers() + "&groupId=" + kafka.getGroupId()
                + "&consumersCount=" + kafka.getConsumers() + "&sessionTimeoutMs=" + kafka.getSessionTimeout()
                + "&batching=true&maxPollRecords=" + maxPollRecords + "&pollTimeoutMs=" + pollTimeoutMillis
                + "&autoCommitEnable=false&allowManualCommit=true&autoOffsetReset=earliest";
    }

    /** Kafka mode: the producer to the stage's topic; a send returns once every in-sync replica has the records. */
    public String kafkaProducer(LeadhubProperties.Kafka kafka) {
        return "kafka:" + topic + "?brokers=" + kafka.getBrokers() + "&requestRequiredAcks=all";
    }
}
