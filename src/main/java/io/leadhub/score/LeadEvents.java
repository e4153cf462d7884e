package io.leadhub.score;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.config.RequestRejectedException;
import org.apache.camel.ProducerTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Activity on leads (POST /api/leads/{id}/events): each event checked against the workspace's configured types,
 * stored once (an idempotency key makes a re-sent event a no-op), and the lead re-scored in the background.
 */
@Component
public class LeadEvents {

    /** An event may be stamped a little ahead of our clock (clock skew), not more. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final ScoringRulesStore rules;
    private final ProducerTemplate camel;
    private final io.leadhub.pipeline.PipelineEndpoints endpoints;

    public LeadEvents(JdbcClient jdbc, ObjectMapper json, Clock clock, ScoringRulesStore rules, ProducerTemplate camel,
                      io.leadhub.pipeline.PipelineEndpoints endpoints) {
        this.endpoints = endpoints;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.rules = rules;
        this.camel = camel;
    }

    /** Stores the events (one object or a list); answers how many were new. Nothing is stored if one is invalid. */
    public Map<String, Object> record(UUID leadId, String workspace, JsonNode body) {
        var items = body.isArray() ? body : json.createArrayNode().add(body);
        var known = rules.current(workspace).rules().activity().keySet();
        var now = clock.instant();
        var events = new ArrayList<Object[]>();
        int index = 0;
        for (var item : items) {
            var where = items.size() > 1 ? "event " + index + ": " : "";
            index++;
            var type = item.path("type").asText("");
            if (!known.contains(type)) {
                throw new RequestRejectedException(400, where + "type '" + type + "' is not a configured activity type (known: " + known
                        + "; add it under 'activity' in the scoring rules)");
            }
            Instant at = now;
            if (item.hasNonNull("occurredAt")) {
                try {
                    at = Instant.parse(item.get("occurredAt").asText());
                } catch (DateTimeParseException e) {
                    throw new RequestRejectedException(400, where + "occurredAt '" + item.get("occurredAt").asText()
                            + "' is not an ISO-8601 instant like 2026-11-23T10:15:30Z");
                }
                if (at.isAfter(now.plus(FUTURE_TOLERANCE))) {
                    throw new RequestRejectedException(400, where + "occurredAt " + at + " is in the future");
                }
            }
            var properties = item.path("properties");
            String text;
            try {
                text = properties.isObject() ? json.writeValueAsString(properties) : "{}";
            } catch (JsonProcessingException e) {
                text = "{}";
            }
            var key = item.hasNonNull("idempotencyKey") ? item.get("idempotencyKey").asText() : null;
            events.add(new Object[]{type, at, text, key});
        }
        int stored = 0;
        for (var event : events) {
            stored += jdbc.sql("""
                            INSERT INTO lead_event (lead_id, type, occurred_at, recorded_at, properties, idempotency_key)
                            VALUES (:lead, :type, :at, :now, CAST(:props AS jsonb), :key)
                            ON CONFLICT (lead_id, idempotency_key) DO NOTHING""")
                    .param("lead", leadId).param("type", event[0]).param("at", Timestamp.from((Instant) event[1]))
                    .param("now", Timestamp.from(now)).param("props", event[2]).param("key", event[3])
                    .update();
        }
        if (stored > 0) {
            camel.sendBody(endpoints.scoreActivity(), List.of(leadId.toString()));
        }
        return Map.of("leadId", leadId, "received", events.size(), "stored", stored);
    }

    public List<Map<String, Object>> list(UUID leadId) {
        return jdbc.sql("SELECT id, type, occurred_at, properties::text FROM lead_event WHERE lead_id = :id ORDER BY occurred_at DESC, id DESC")
                .param("id", leadId)
                .query((rs, n) -> Map.<String, Object>of("id", rs.getLong(1), "type", rs.getString(2),
                        "occurredAt", rs.getTimestamp(3).toInstant(), "properties", readTree(rs.getString(4))))
                .list();
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }
}
