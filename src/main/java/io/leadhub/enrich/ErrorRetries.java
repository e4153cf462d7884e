package io.leadhub.enrich;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.leadhub.pipeline.StageLeaseRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Leads enriched during an outage are asked again. A stored profile whose missed signals name an error of the
 * moment (error: ..., circuit_open, rate_limited) gets a retry after leadhub.enrichment.error-retry-delay,
 * times error-retry-backoff per attempt, at most error-retry-max-attempts times; a profile without one clears
 * it. Definite misses (not_found, no_input) and what a person must fix (no_api_key, misconfigured, disabled,
 * budget) are not retried; the cache already holds what was found, so a retry asks only what failed. While the
 * breaker of the provider that failed is open, its leads wait (no attempt is used up on a provider known to be
 * down); while it is half-open, only a few are handed on, enough for its trial calls.
 */
@Component
public class ErrorRetries {

    private static final Logger log = LoggerFactory.getLogger(ErrorRetries.class);
    private static final int BATCH = 1000;
    /** Leads handed on per check while a provider's breaker is half-open: its trial calls, not a thousand misses. */
    private static final int TRIAL_BATCH = 50;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final EnrichmentProperties config;
    private final Providers providers;

    public ErrorRetries(JdbcClient jdbc, Clock clock, EnrichmentProperties config, Providers providers) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.config = config;
        this.providers = providers;
    }

    /** Whether a provider's reason for a miss is a failure of the moment, worth asking again. */
    static boolean isTransient(Object reason) {
        var text = String.valueOf(reason);
        return text.startsWith("error") || "circuit_open".equals(text) || "rate_limited".equals(text);
    }

    /** The first transient reason among the profile's missed signals, as "signal/provider: reason". */
    static Optional<String> transientMiss(ProfileMerger.LeadProfile profile) {
        for (var missed : profile.missed()) {
            if (missed.get("reasons") instanceof Map<?, ?> reasons) {
                for (var entry : reasons.entrySet()) {
                    if (isTransient(entry.getValue())) {
                        return Optional.of(missed.get("signal") + "/" + entry.getKey() + ": " + entry.getValue());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** After a lead's profile is stored (in the same transaction): schedule, push back, give up on or clear its retry. */
    public void record(UUID leadId, ProfileMerger.LeadProfile profile, Instant now) {
        var miss = transientMiss(profile);
        if (miss.isEmpty()) {
            jdbc.sql("DELETE FROM enrichment_retry WHERE lead_id = :id").param("id", leadId).update();
            return;
        }
        int attempts = jdbc.sql("SELECT attempts FROM enrichment_retry WHERE lead_id = :id FOR UPDATE")
                .param("id", leadId).query(Integer.class).optional().orElse(0) + 1;
        // attempts counts the runs that ended with such a miss: the first run, then each retry
        var next = attempts <= config.errorRetryMaxAttempts() ? now.plus(backoff(attempts)) : null;
        if (next == null) {
            log.warn("Lead {} still misses a signal after {} retries ({}); not asked again", leadId,
                    attempts - 1, abbreviate(miss.get()));
        }
        jdbc.sql("""
                        INSERT INTO enrichment_retry (lead_id, attempts, next_at, reason, updated_at)
                        VALUES (:id, :attempts, :next, :reason, :now)
                        ON CONFLICT (lead_id) DO UPDATE SET attempts = EXCLUDED.attempts, next_at = EXCLUDED.next_at,
                            reason = EXCLUDED.reason, updated_at = EXCLUDED.updated_at""")
                .param("id", leadId).param("attempts", attempts)
                .param("next", next == null ? null : Timestamp.from(next))
                .param("reason", abbreviate(miss.get())).param("now", Timestamp.from(now))
                .update();
    }

    /** The wait before retry number n (1 = the first): the delay, times the backoff for each earlier retry. */
    Duration backoff(int attempt) {
        var factor = Math.pow(Math.max(1.0, config.errorRetryBackoff()), attempt - 1);
        return Duration.ofMillis((long) Math.min(Long.MAX_VALUE / 2.0, config.errorRetryDelay().toMillis() * factor));
    }

    /**
     * The leads due for a retry, claimed: their next_at moves on by one delay, so another instance (or the next
     * check) does not take them too, and a retry lost on the way (or not queued: the queue was full) comes due
     * again. A lead the enrichment stage already has queued or at work (a live lease) is left for a later check.
     * The run that follows stores the lead's profile and sets its next retry, or clears it.
     */
    public List<String> due() {
        var now = clock.instant();
        var open = providersIn(CircuitBreaker.State.OPEN, CircuitBreaker.State.FORCED_OPEN);
        var trial = !providersIn(CircuitBreaker.State.HALF_OPEN).isEmpty();
        // the reason is "signal/provider: why" (transientMiss): the leads of a provider that is down wait
        var ids = jdbc.sql("""
                        UPDATE enrichment_retry SET next_at = :lease, updated_at = :now
                        WHERE lead_id IN (SELECT r.lead_id FROM enrichment_retry r JOIN lead l ON l.id = r.lead_id
                                          WHERE r.next_at <= :now AND l.status IN ('enriched', 'scored', 'personalized')
                                          AND %s
                                          AND split_part(split_part(r.reason, ':', 1), '/', 2) <> ALL(CAST(:open AS text[]))
                                          ORDER BY r.next_at LIMIT :limit FOR UPDATE OF r SKIP LOCKED)
                        RETURNING lead_id::text""".formatted(StageLeaseRepository.NO_LIVE_LEASE))
                .param("now", Timestamp.from(now)).param("lease", Timestamp.from(now.plus(config.errorRetryDelay())))
                .param("leaseStage", "enrich").param("limit", trial ? TRIAL_BATCH : BATCH)
                .param("open", open.toArray(String[]::new))
                .query(String.class).list();
        if (!ids.isEmpty()) {
            log.info("Asking again for {} lead(s) whose enrichment missed signals because of errors", ids.size());
        }
        return ids;
    }

    private List<String> providersIn(CircuitBreaker.State... states) {
        var wanted = java.util.EnumSet.copyOf(List.of(states));
        return providers.all().entrySet().stream().filter(p -> wanted.contains(p.getValue().breaker().getState()))
                .map(Map.Entry::getKey).toList();
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 497) + "..." : text;
    }
}
