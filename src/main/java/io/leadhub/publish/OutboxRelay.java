package io.leadhub.publish;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The "relay" step of publish-events: events not relayed yet are sent to the events endpoint (if any) and
 * turned into webhook deliveries, then marked relayed, in one transaction per page. Rows are claimed with
 * SKIP LOCKED, so instances share the work; a crash before the commit relays the page again (at least once,
 * each event with its stable event id for the receiver to drop repeats).
 */
@Component
public class OutboxRelay {

    private record Pending(long id, UUID eventId, String workspace, UUID leadId, String type, String payload) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ProducerTemplate camel;
    private final EventsProperties config;
    private final MeterRegistry meters;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, Clock clock, ProducerTemplate camel, EventsProperties config,
                       MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.camel = camel;
        this.config = config;
        this.meters = meters;
    }

    /** Relays one page of events; answers how many. */
    public int relay() {
        var relayed = tx.execute(status -> {
            var pending = jdbc.sql("""
                            SELECT id, event_id, workspace, lead_id, type, payload::text FROM outbox_event
                            WHERE relayed_at IS NULL ORDER BY id LIMIT 200 FOR UPDATE SKIP LOCKED""")
                    .query((rs, n) -> new Pending(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6)))
                    .list();
            var now = Timestamp.from(clock.instant());
            for (var event : pending) {
                if (config.uri() != null && !config.uri().isBlank()) {
                    // keyed by lead, so one lead's events stay in order on one partition
                    camel.sendBodyAndHeaders(config.uri(), event.payload(), Map.of("kafka.KEY", event.leadId().toString(),
                            "leadhubEventId", event.eventId().toString(), "leadhubEventType", event.type()));
                }
                config.webhooks().forEach((name, hook) -> {
                    if ((hook.types().isEmpty() || hook.types().contains(event.type()))
                            && (hook.workspace() == null || hook.workspace().equals(event.workspace()))) {
                        jdbc.sql("""
                                        INSERT INTO webhook_delivery (event_id, webhook, status, next_attempt_at)
                                        VALUES (:event, :hook, 'pending', :now) ON CONFLICT (event_id, webhook) DO NOTHING""")
                                .param("event", event.id()).param("hook", name).param("now", now).update();
                    }
                });
                jdbc.sql("UPDATE outbox_event SET relayed_at = :now WHERE id = :id").param("now", now).param("id", event.id()).update();
                Counter.builder("leadhub.events.relayed").tag("type", event.type()).register(meters).increment();
            }
            return pending.size();
        });
        return relayed == null ? 0 : relayed;
    }

    public List<Map<String, Object>> recent(UUID leadId) {
        return jdbc.sql("SELECT event_id, type, payload::text, created_at, relayed_at FROM outbox_event WHERE lead_id = :id ORDER BY id")
                .param("id", leadId)
                .query((rs, n) -> {
                    var row = new java.util.LinkedHashMap<String, Object>();
                    row.put("eventId", rs.getObject(1));
                    row.put("type", rs.getString(2));
                    row.put("payload", rs.getString(3));
                    row.put("createdAt", rs.getTimestamp(4).toInstant());
                    var relayed = rs.getTimestamp(5);
                    row.put("relayedAt", relayed == null ? null : relayed.toInstant());
                    return (Map<String, Object>) row;
                })
                .list();
    }
}
