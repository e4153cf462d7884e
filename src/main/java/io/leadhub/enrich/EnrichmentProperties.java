package io.leadhub.enrich;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The enrichment stage (leadhub.enrichment.*): received leads in batches, each asked of the providers of its
 * signals. Durations without a unit are milliseconds.
 *
 * @param enabled                 off: received leads stay 'received' (the stage is skipped)
 * @param batchSize               leads enriched as one batch
 * @param batchTimeout            milliseconds a partial batch waits for more leads
 * @param sweepAge                how long a lead may wait as 'received' (or for any later stage) with no live lease
 *                                before a sweep hands it on again (after a crash)
 * @param sweepInterval           time between those checks
 * @param auditRetention          how long raw provider answers are kept in provider_call (the call rows and costs stay)
 * @param concurrency             provider calls in flight at once, across providers (each still held to its own rate)
 * @param maxBatchesInFlight      batches being enriched at once. Beyond it the received queue waits, and behind it
 *                                whoever fills the queue (the file reader; the API and the sweeps do not wait: what
 *                                does not fit stays stored for the sweep). A batch only starts when its provider calls
 *                                can be served, so each batch is stored as soon as its answers are in
 * @param onDemandTimeout         how long POST /api/leads/{id}/enrich waits for the profile before answering 202
 * @param errorRetryDelay         leads that missed a signal because of an error (provider down, timeout, rate limit,
 *                                open breaker; not not_found) are asked again after this
 * @param errorRetryBackoff       each further retry waits this many times longer than the one before
 * @param errorRetryMaxAttempts   retries per lead; after them its error misses stay as they are
 * @param errorRetryCheckInterval milliseconds between checks for leads due for a retry
 */
@ConfigurationProperties("leadhub.enrichment")
public record EnrichmentProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("50") int batchSize,
        @DefaultValue("500") long batchTimeout,
        @DefaultValue("2m") Duration sweepAge,
        @DefaultValue("1m") Duration sweepInterval,
        @DefaultValue("30d") Duration auditRetention,
        @DefaultValue("32") int concurrency,
        @DefaultValue("4") int maxBatchesInFlight,
        @DefaultValue("30s") Duration onDemandTimeout,
        @DefaultValue("15m") Duration errorRetryDelay,
        @DefaultValue("2") double errorRetryBackoff,
        @DefaultValue("5") int errorRetryMaxAttempts,
        @DefaultValue("60000") long errorRetryCheckInterval) {
}
