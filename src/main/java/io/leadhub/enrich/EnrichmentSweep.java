package io.leadhub.enrich;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import io.leadhub.pipeline.StageLeaseRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The in-process queue does not survive a crash, but the leads do, with status 'received': those left waiting
 * longer than leadhub.enrichment.sweep-age with no live lease (StageLeaseRepository) are handed to the stage again.
 */
@Component
public class EnrichmentSweep {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final EnrichmentProperties config;

    /**
     * Whether the stage runs: enabled, and at least one provider configured. With none, leads stay 'received'
     * (nothing was enriched, so nothing claims it) until providers are configured; then this sweep hands them on.
     */
    /** With no provider configured the stage still runs: leads go on to scoring with an empty profile that says why. */
    public boolean active() {
        return config.enabled();
    }

    public EnrichmentSweep(JdbcClient jdbc, Clock clock, EnrichmentProperties config) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.config = config;
    }

    /** Raw answers past leadhub.enrichment.audit-retention are dropped; the ledger rows (status, cost) stay. */
    public int expireAudit() {
        return jdbc.sql("UPDATE provider_call SET response = NULL WHERE response IS NOT NULL AND called_at < :before")
                .param("before", Timestamp.from(clock.instant().minus(config.auditRetention())))
                .update()
                + jdbc.sql("DELETE FROM provider_cache WHERE expires_at < :now").param("now", Timestamp.from(clock.instant())).update();
    }

    /**
     * Leads 'received' for longer than leadhub.enrichment.sweep-age that nobody has queued or at work (no live
     * lease): their hand-off was lost with an in-process queue, did not fit in a full one, or their worker died.
     * Leads waiting their turn in a queue or a topic hold a lease and are left alone, however long the backlog.
     */
    public List<String> waiting() {
        // a lead whose enrichment failed after its retries waits in the dead letters for a replay, not here
        return jdbc.sql("""
                        SELECT l.id::text FROM lead l WHERE l.status = 'received' AND l.updated_at < :before
                        AND %s
                        AND NOT EXISTS (SELECT 1 FROM dead_letter d WHERE d.stage = 'enrich' AND d.status = 'open'
                                        AND d.payload LIKE '%%' || l.id::text || '%%')
                        ORDER BY l.updated_at LIMIT 5000""".formatted(StageLeaseRepository.NO_LIVE_LEASE))
                .param("before", Timestamp.from(clock.instant().minus(config.sweepAge())))
                .param("leaseStage", "enrich")
                .query(String.class).list();
    }
}
