package io.leadhub.pipeline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The leases (table stage_lease) by which a stage marks the leads it has queued or is working on
 * (leadhub.stages.*); the sweeps hand on only leads with no live lease. Durations without a unit are milliseconds.
 *
 * @param leaseTimeout       a lease not refreshed for this long was left by an instance that died; its lead is handed
 *                           on again
 * @param leaseHeartbeat     how often an instance refreshes its leases; at most a third of lease-timeout
 * @param queuedLeaseTimeout Kafka mode: how long a lead written to a stage topic counts as queued (nobody refreshes
 *                           it: the topic holds it)
 */
@ConfigurationProperties("leadhub.stages")
public record StageLeaseProperties(
        @DefaultValue("30s") Duration leaseTimeout,
        @DefaultValue("10s") Duration leaseHeartbeat,
        @DefaultValue("10m") Duration queuedLeaseTimeout) {
}
