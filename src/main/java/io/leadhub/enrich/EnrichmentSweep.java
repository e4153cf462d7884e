package io.leadhub.enrich;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import io.leadhub.config.LeadhubProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The in-process queue does not survive a crash, but the leads do, with status 'received': those left waiting
 * longer than leadhub.enrichment.sweep-age are handed to the stage again (enriching twice is harmless).
 */
@Component
public class EnrichmentSweep {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LeadhubProperties.Enrichment config;
    private final LeadhubProperties properties;
    private final CamelContext camel;

    /**
     * Whether the stage runs: enabled, and at least one provider configured. With none, leads stay 'received'
     * (nothing was enriched, so nothing claims it) until providers are configured; then this sweep hands them on.
     */
    /** With no provider configured the stage still runs: leads go on to scoring with an empty profile that says why. */
    public boolean active() {
        return config.isEnabled();
    }

    public EnrichmentSweep(JdbcClient jdbc, Clock clock, LeadhubProperties properties, CamelContext camel) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.config = properties.getEnrichment();
        this.properties = properties;
        this.camel = camel;
    }

    /** Raw answers past leadhub.enrichment.audit-retention are dropped; the ledger rows (status, cost) stay. */
    public int expireAudit() {
        return jdbc.sql("UPDATE provider_call SET response = NULL WHERE response IS NOT NULL AND called_at < :before")
                .param("before", Timestamp.from(clock.instant().minus(config.getAuditRetention())))
                .update()
                + jdbc.sql("DELETE FROM provider_cache WHERE expires_at < :now").param("now", Timestamp.from(clock.instant())).update();
    }

    public List<String> waiting() {
        // while the queue still holds work, old 'received' leads are simply waiting their turn, not lost
        if (camel.getEndpoint(properties.getReceivedQueueUri()) instanceof SedaEndpoint seda && seda.getCurrentQueueSize() > 0) {
            return List.of();
        }
        // a lead whose enrichment failed after its retries waits in the dead letters for a replay, not here
        return jdbc.sql("""
                        SELECT l.id::text FROM lead l WHERE l.status = 'received' AND l.updated_at < :before
                        AND NOT EXISTS (SELECT 1 FROM dead_letter d WHERE d.stage = 'enrich' AND d.status = 'open'
                                        AND d.payload LIKE '%' || l.id::text || '%')
                        ORDER BY l.updated_at LIMIT 5000""")
                .param("before", Timestamp.from(clock.instant().minus(config.getSweepAge())))
                .query(String.class).list();
    }
}
