package io.leadhub;

import java.util.Map;

import io.leadhub.enrich.EnrichmentProperties;
import io.leadhub.personalize.PersonalizationProperties;
import io.leadhub.pipeline.KafkaQueueProperties;
import io.leadhub.pipeline.PipelineSettings;
import io.leadhub.pipeline.QueueProperties;
import io.leadhub.pipeline.StageSettings.Stage;
import io.leadhub.pipeline.StageSettings;
import io.leadhub.score.ScoringProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the stages meet the stage machinery: the hand-offs, batch slots, sweeps and leases (queue/, store/Stage*)
 * learn what they need of each stage from the stage's own properties here, so that they import no stage package.
 */
@Configuration(proxyBeanMethods = false)
class StagesConfiguration {

    @Bean
    StageSettings stageSettings(QueueProperties queue, KafkaQueueProperties kafka, PipelineSettings pipeline,
                                EnrichmentProperties enrichment, ScoringProperties scoring, PersonalizationProperties personalization) {
        return new StageSettings(queue.kafka(), enrichment.sweepAge(), Map.of(
                // enrichment gathers its batches itself, in Kafka mode from its polls
                "enrich", new Stage(enrichment.enabled(), enrichment.maxBatchesInFlight(), queue.receivedQueueUri(),
                        queue.receivedQueueUri(), enrichment.batchSize(), enrichment.batchTimeout()),
                "score", new Stage(scoring.enabled(), scoring.maxBatchesInFlight(), queue.enrichedQueueUri(),
                        queue.enrichedQueueUri(), kafka.maxPollRecords(), pipeline.kafkaPollTimeout()),
                // scoring hands its hot and warm leads to personalization's queue
                "personalize", new Stage(personalization.enabled(), personalization.maxBatchesInFlight(), personalization.queueUri(),
                        scoring.handoffUri(), kafka.maxPollRecords(), pipeline.kafkaPollTimeout())));
    }
}
