package io.leadhub.publish;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * lead.enriched / lead.scored / lead.personalized events (leadhub.events.*): written to the outbox with each stage's
 * results, then relayed to an endpoint and to webhooks.
 *
 * @param relayInterval how often the outbox is relayed
 * @param uri           a Camel endpoint every event is sent to, keyed by lead (e.g.
 *                      kafka:leadhub.events?brokers=localhost:9092); empty: none
 * @param webhooks      outbound webhooks by name
 */
@ConfigurationProperties("leadhub.events")
public record EventsProperties(
        @DefaultValue("1s") Duration relayInterval,
        String uri,
        @DefaultValue Map<String, Webhook> webhooks) {

    /**
     * An outbound webhook: events POSTed to url, signed with HMAC-SHA256 over "timestamp.body" (Stripe's scheme).
     *
     * @param url         where the events are POSTed
     * @param secret      the signing key; receivers check Leadhub-Signature with it. Put ${SOME_ENV_VAR} here
     * @param types       event types sent; empty: all
     * @param workspace   only this workspace's events; empty: all
     * @param maxAttempts deliveries tried at most before the event is given up for this webhook
     * @param backoff     wait before the second attempt, doubled for each further one
     * @param timeout     timeout of one delivery
     */
    public record Webhook(
            String url,
            String secret,
            @DefaultValue List<String> types,
            String workspace,
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("10s") Duration backoff,
            @DefaultValue("10s") Duration timeout) {

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", secret=" + (secret == null || secret.isBlank() ? "none" : "***") + ", types=" + types + ", workspace=" + workspace + "]";
        }
    }
}
