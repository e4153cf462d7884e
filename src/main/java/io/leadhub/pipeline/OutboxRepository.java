package io.leadhub.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Events a stage emits (lead.enriched, lead.scored, lead.personalized), written into outbox_event by the stage's
 * announce step (EnrichmentEvents, ScoringEvents, PersonalizationEvents) inside the stage's transaction, so an event exists exactly when the
 * change it reports was committed. The relay (routes/publish-events.camel.yaml) passes them on.
 */
@Component
public class OutboxRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public OutboxRepository(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Adds an event about a lead; call it inside the stage's transaction. */
    public void add(UUID leadId, String type, Map<String, Object> data) {
        var payload = new LinkedHashMap<String, Object>();
        payload.put("type", type);
        payload.put("leadId", leadId);
        payload.put("data", data);
        payload.put("lead", "/api/leads/" + leadId);
        String text;
        try {
            text = json.writeValueAsString(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.sql("""
                        INSERT INTO outbox_event (workspace, lead_id, type, payload, created_at)
                        SELECT workspace, id, :type, CAST(:payload AS jsonb), :now FROM lead WHERE id = :id""")
                .param("type", type).param("payload", text).param("now", Timestamp.from(clock.instant())).param("id", leadId)
                .update();
    }
}
