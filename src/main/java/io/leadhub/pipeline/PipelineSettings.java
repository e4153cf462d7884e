package io.leadhub.pipeline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the pipeline's plumbing that the routes read as placeholders (leadhub.pipeline.*, all in milliseconds
 * but the retry count; application.yaml lists the defaults). Bound here so that a value Camel could not read (say
 * "1s" where a number of milliseconds is expected) stops the start with the property's name.
 *
 * @param stageRetries     redeliveries of a stage's failed step before its work becomes a dead letter (stage-errors)
 * @param stageRetryDelay  ms between those redeliveries
 * @param kafkaPollTimeout Kafka mode: ms a scoring or personalization consumer waits for a poll to fill (enrichment:
 *                         leadhub.enrichment.batch-timeout)
 * @param sweepDelay       ms after the start before the first sweep (enrich-sweep, stage-sweep)
 * @param inboxPollDelay   ms between two listings of the inbox
 * @param webhookTimeout   ms to connect to an event webhook, and to wait for its answer
 */
@ConfigurationProperties("leadhub.pipeline")
public record PipelineSettings(
        @DefaultValue("2") int stageRetries,
        @DefaultValue("1000") long stageRetryDelay,
        @DefaultValue("500") long kafkaPollTimeout,
        @DefaultValue("10000") long sweepDelay,
        @DefaultValue("1000") long inboxPollDelay,
        @DefaultValue("10000") long webhookTimeout) {
}
