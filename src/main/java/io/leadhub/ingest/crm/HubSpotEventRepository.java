package io.leadhub.ingest.crm;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Claims on HubSpot event ids, in the idempotent repository's table (camel_messageprocessed), taken before a
 * contact is read: of deliveries of the same events arriving at once, one reads the contact and the others answer
 * at once. An insert-if-absent is the claim, so PostgreSQL decides between concurrent requests and instances. A
 * claim is released when the read fails (HubSpot then retries), and one older than the claim timeout (its
 * instance died mid-fetch) may be taken over; events already processed are never claimed again.
 */
@Component
public class HubSpotEventRepository {

    static final String CLAIMS = "hubspot-webhook-claim";
    /** Where {@link HubSpotWebhook#markProcessed} records finished events (its JdbcMessageIdRepository). */
    public static final String PROCESSED = "hubspot-webhook";

    private static final String CLAIM = """
            INSERT INTO camel_messageprocessed (processorname, messageid, createdat)
            SELECT ?, e, ? FROM unnest(?::text[]) AS e
            WHERE NOT EXISTS (SELECT 1 FROM camel_messageprocessed p WHERE p.processorname = ? AND p.messageid = e)
            ON CONFLICT (processorname, messageid) DO UPDATE SET createdat = EXCLUDED.createdat
                WHERE camel_messageprocessed.createdat < ?
            RETURNING messageid
            """;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final WebhooksProperties.HubSpot config;

    public HubSpotEventRepository(JdbcTemplate jdbc, Clock clock, WebhooksProperties webhooks) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.config = webhooks.hubspot();
    }

    /** The event ids this delivery now holds (not processed, not held by a live claim of another delivery). */
    public Set<String> claim(List<String> eventIds) {
        var claimed = new HashSet<String>();
        if (eventIds.isEmpty()) {
            return claimed;
        }
        var now = clock.instant();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(CLAIM);
            statement.setString(1, CLAIMS);
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setArray(3, connection.createArrayOf("text", eventIds.toArray()));
            statement.setString(4, PROCESSED);
            statement.setTimestamp(5, Timestamp.from(now.minus(config.claimTimeout())));
            return statement;
        }, rs -> {
            claimed.add(rs.getString(1));
        });
        return claimed;
    }

    public void release(List<String> eventIds) {
        if (eventIds == null || eventIds.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            var statement = connection.prepareStatement(
                    "DELETE FROM camel_messageprocessed WHERE processorname = ? AND messageid = ANY(?::text[])");
            statement.setString(1, CLAIMS);
            statement.setArray(2, connection.createArrayOf("text", eventIds.toArray()));
            return statement;
        });
    }
}
