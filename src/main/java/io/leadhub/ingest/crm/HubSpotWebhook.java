package io.leadhub.ingest.crm;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.config.RequestRejectedException;
import io.leadhub.ingest.JsonErrors;
import io.leadhub.ingest.Signatures;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.stereotype.Component;

/**
 * HubSpot webhook deliveries: checks the v3 signature, reads the event array and turns it into one contact
 * fetch per contact (a form fill fires a creation and several property changes for the same contact), skipping
 * events already processed.
 */
@Component
public class HubSpotWebhook {

    /** Events whose contact must be (re)read; deletions and association changes carry nothing for a lead. */
    private static final Set<String> CONTACT_CHANGES = Set.of(
            "contact.creation", "contact.propertyChange", "contact.restore", "contact.merge");

    private final WebhooksProperties.HubSpot config;
    private final String token;
    private final ObjectMapper json;
    private final Clock clock;
    private final JdbcMessageIdRepository processedEvents;
    private final HubSpotEventRepository claims;

    public HubSpotWebhook(WebhooksProperties webhooks, HubSpotProperties hubspot, ObjectMapper json, Clock clock,
                          JdbcMessageIdRepository hubspotProcessedEvents, HubSpotEventRepository claims) {
        this.config = webhooks.hubspot();
        this.token = hubspot.accessToken();
        this.json = json;
        this.clock = clock;
        this.processedEvents = hubspotProcessedEvents;
        this.claims = claims;
    }

    /** A contact to fetch, and the events that asked for it. */
    public record ContactChange(String objectId, List<String> eventIds) {
        public String deliveryRef() {
            return "event:" + eventIds.get(0);
        }
    }

    public void verify(@Body String body,
                       @Header("CamelHttpMethod") String method,
                       @Header("CamelHttpUrl") String url,
                       @Header("CamelHttpQuery") String query,
                       @Header("X-HubSpot-Signature-v3") String signature,
                       @Header("X-HubSpot-Request-Timestamp") String timestamp) {
        var secret = config.clientSecret();
        if (secret == null || secret.isBlank()) {
            return;
        }
        if (signature == null || timestamp == null) {
            throw new RequestRejectedException(401, "missing X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp header");
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new RequestRejectedException(401, "X-HubSpot-Request-Timestamp is not epoch milliseconds");
        }
        var age = clock.millis() - sentAt;
        if (age > config.maxAge().toMillis()) {
            throw new RequestRejectedException(401, "stale HubSpot request: timestamp is " + age / 1000
                    + " s old, the limit is " + config.maxAge().toSeconds() + " s");
        }
        if (-age > config.maxAge().toMillis()) {
            throw new RequestRejectedException(401, "HubSpot request timestamp is " + -age / 1000
                    + " s in the future, the limit is " + config.maxAge().toSeconds() + " s (leadhub.webhooks.hubspot.max-age)");
        }
        var uri = requestUri(url, query);
        var expected = Base64.getEncoder().encodeToString(
                Signatures.hmacSha256(secret, method + uri + (body == null ? "" : body) + timestamp.strip()));
        if (!Signatures.equalsConstantTime(expected, signature.strip())) {
            throw new RequestRejectedException(401, "X-HubSpot-Signature-v3 does not match the request "
                    + "(check leadhub.webhooks.hubspot.client-secret and public-base-url)");
        }
    }

    /**
     * Contacts to fetch, one per contact id, leaving out events that were processed before or that a concurrent
     * delivery of the same events has claimed: each changed contact is read once.
     */
    public List<ContactChange> contactChanges(@Body String body) {
        JsonNode events;
        try {
            events = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw JsonErrors.rejected("body", e);
        }
        if (events == null || !events.isArray()) {
            throw new RequestRejectedException(400, "expected a JSON array of HubSpot events");
        }
        var byContact = new LinkedHashMap<String, List<String>>();
        for (var event : events) {
            // HubSpot's older docs name the field eventType; deliveries say subscriptionType
            var type = event.path("subscriptionType").asText(event.path("eventType").asText());
            var objectId = event.path("objectId").asText(null);
            var eventId = event.path("eventId").asText(null);
            if (!CONTACT_CHANGES.contains(type) || objectId == null || eventId == null) {
                continue;
            }
            byContact.computeIfAbsent(objectId, id -> new ArrayList<>()).add(eventId);
        }
        if (!byContact.isEmpty() && (token == null || token.isBlank())) {
            throw new RequestRejectedException(503, "leadhub.hubspot.access-token (HUBSPOT_ACCESS_TOKEN) is not set: "
                    + "HubSpot events carry only contact ids, so contacts cannot be read");
        }
        var claimed = claims.claim(byContact.values().stream().flatMap(List::stream).distinct().toList());
        var changes = new ArrayList<ContactChange>();
        byContact.forEach((id, eventIds) -> {
            var mine = eventIds.stream().filter(claimed::contains).toList();
            if (!mine.isEmpty()) {
                changes.add(new ContactChange(id, mine));
            }
        });
        return changes;
    }

    /** Called once the contact's lead is stored: HubSpot's retries of these events are then ignored. */
    public void markProcessed(@Header("leadhubEventIds") List<String> eventIds) {
        eventIds.forEach(processedEvents::add);
    }

    /** The contact could not be read or stored: its events are let go, so HubSpot's retry reads it, and the failure goes on. */
    public void releaseAndRethrow(@Header("leadhubEventIds") List<String> eventIds, Exchange exchange) throws Exception {
        claims.release(eventIds);
        var failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure != null) {
            throw failure;
        }
    }

    private String requestUri(String url, String query) {
        var base = config.publicBaseUrl();
        String full;
        if (base != null && !base.isBlank()) {
            var path = java.net.URI.create(url).getRawPath();
            full = base.replaceAll("/+$", "") + path;
        } else {
            full = url;
        }
        return decodeReserved(query == null || query.isEmpty() ? full : full + "?" + query);
    }

    /** HubSpot signs the URI with these characters decoded (its request-validation docs list exactly these). */
    static String decodeReserved(String uri) {
        var out = uri;
        for (var pair : URI_DECODES) {
            out = out.replace(pair[0], pair[1]).replace(pair[0].toLowerCase(java.util.Locale.ROOT), pair[1]);
        }
        return out;
    }

    private static final String[][] URI_DECODES = {
            {"%3A", ":"}, {"%2F", "/"}, {"%3F", "?"}, {"%40", "@"}, {"%21", "!"}, {"%24", "$"},
            {"%27", "'"}, {"%28", "("}, {"%29", ")"}, {"%2A", "*"}, {"%2C", ","}, {"%3B", ";"}};
}
