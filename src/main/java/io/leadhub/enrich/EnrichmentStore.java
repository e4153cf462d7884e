package io.leadhub.enrich;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The "store" step of enrichment: each lead's profile, its status 'enriched' and the retries its error misses call
 * for, in one transaction per batch (the stage's: its lead.enriched events are announced in the same one, see
 * EnrichmentEvents). The body stays the batch's profiles.
 */
@Component
public class EnrichmentStore {

    private static final Logger log = LoggerFactory.getLogger(EnrichmentStore.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;
    private final ErrorRetries retries;

    public EnrichmentStore(JdbcClient jdbc, TransactionTemplate tx, ObjectMapper json, Clock clock, ErrorRetries retries) {
        this.retries = retries;
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    public void save(@Body Map<UUID, ProfileMerger.LeadProfile> profiles) {
        var now = Timestamp.from(clock.instant());
        tx.executeWithoutResult(status -> profiles.forEach((leadId, profile) -> {
            jdbc.sql("""
                            INSERT INTO lead_profile (lead_id, profile, signals_found, signals_missed, enriched_at)
                            VALUES (:id, CAST(:profile AS jsonb), CAST(:found AS jsonb), CAST(:missed AS jsonb), :now)
                            ON CONFLICT (lead_id) DO UPDATE SET profile = EXCLUDED.profile, signals_found = EXCLUDED.signals_found,
                                signals_missed = EXCLUDED.signals_missed, enriched_at = EXCLUDED.enriched_at""")
                    .param("id", leadId).param("profile", write(profile.fields()))
                    .param("found", write(profile.found())).param("missed", write(profile.missed()))
                    .param("now", now).update();
            jdbc.sql("""
                            UPDATE lead SET status = 'enriched', updated_at = :now
                            WHERE id = :id AND status IN ('received', 'enriched', 'scored', 'personalized')""")
                    .param("id", leadId).param("now", now).update();
            // a signal missed because of an error is asked again later (with the profile, so a crash keeps both or neither)
            retries.record(leadId, profile, now.toInstant());
        }));
        log.info("Enriched a batch of {} leads", profiles.size());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
