package io.leadhub.pipeline;

import java.time.Duration;
import java.util.Map;

/**
 * What the stage machinery (hand-offs, batch slots, sweeps, leases) is told of the stages, so that it needs none of
 * their packages: put together from each stage's own properties where the application is assembled
 * (io.leadhub.StagesConfiguration).
 *
 * @param kafka    leadhub.queue is kafka: stage topics hold the queued leads (else in-process seda queues)
 * @param sweepAge how long a lead may wait for its next stage with no live lease before a sweep hands it on again
 *                 (leadhub.enrichment.sweep-age)
 * @param stages   enrich, score and personalize
 */
public record StageSettings(boolean kafka, Duration sweepAge, Map<String, Stage> stages) {

    /**
     * @param enabled            off: nothing is handed to the stage, and its sweep finds nothing
     * @param maxBatchesInFlight batches of the stage at work at once; its queue waits beyond that
     * @param sedaIn             seda mode: the queue the stage's consumer reads
     * @param sedaOut            seda mode: the queue the stage's leads are handed to (the same queue, named by the
     *                           property of whoever hands them on)
     * @param kafkaBatch         Kafka mode: records the stage's consumer takes per poll, its batch
     * @param kafkaBatchMillis   Kafka mode: how long a poll waits to fill
     */
    public record Stage(boolean enabled, int maxBatchesInFlight, String sedaIn, String sedaOut, int kafkaBatch,
                        long kafkaBatchMillis) {
    }

    public Stage stage(String name) {
        var stage = stages.get(name);
        if (stage == null) {
            throw new IllegalArgumentException("no such stage: " + name);
        }
        return stage;
    }
}
