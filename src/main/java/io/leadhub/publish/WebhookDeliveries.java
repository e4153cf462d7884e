package io.leadhub.publish;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The steps of deliver-webhooks: due deliveries are leased (so two instances never send the same one at once),
 * signed and POSTed; a 2xx marks one delivered, anything else is tried again after a doubling backoff until
 * max-attempts, then marked failed. Status and last error stay in webhook_delivery.
 */
@Component
public class WebhookDeliveries {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    /** One delivery to make now. */
    public record Delivery(long id, String webhook, int attempts, String eventId, String type, String payload) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final EventsProperties config;
    private final MeterRegistry meters;

    public WebhookDeliveries(JdbcClient jdbc, Clock clock, EventsProperties config, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.config = config;
        this.meters = meters;
    }

    public List<Delivery> due() {
        if (config.webhooks().isEmpty()) {
            return List.of();
        }
        var now = clock.instant();
        return jdbc.sql("""
                        UPDATE webhook_delivery d SET next_attempt_at = :lease FROM outbox_event e
                        WHERE e.id = d.event_id AND d.id IN (
                            SELECT id FROM webhook_delivery WHERE status = 'pending' AND next_attempt_at <= :now
                            ORDER BY next_attempt_at LIMIT 50 FOR UPDATE SKIP LOCKED)
                        RETURNING d.id, d.webhook, d.attempts, e.event_id::text, e.type, e.payload::text""")
                .param("lease", Timestamp.from(now.plus(LEASE))).param("now", Timestamp.from(now))
                .query((rs, n) -> new Delivery(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .list();
    }

    /** The signed POST: Leadhub-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, t + "." + body)&gt;. */
    public void prepare(@ExchangeProperty("leadhubDelivery") Delivery delivery, Exchange exchange) {
        var hook = config.webhooks().get(delivery.webhook());
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setBody(delivery.payload());
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_URI, hook.url());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Leadhub-Event-Id", delivery.eventId());
        message.setHeader("Leadhub-Event-Type", delivery.type());
        var timestamp = clock.instant().getEpochSecond();
        if (hook.secret() != null && !hook.secret().isBlank()) {
            message.setHeader("Leadhub-Signature", "t=" + timestamp + ",v1=" + sign(hook.secret(), timestamp + "." + delivery.payload()));
        }
    }

    public void record(@ExchangeProperty("leadhubDelivery") Delivery delivery, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                       Exchange exchange) {
        if (status != null && status >= 200 && status < 300) {
            jdbc.sql("UPDATE webhook_delivery SET status = 'delivered', attempts = attempts + 1, last_status = :s, last_error = NULL, delivered_at = :now WHERE id = :id")
                    .param("s", status).param("now", Timestamp.from(clock.instant())).param("id", delivery.id()).update();
            Counter.builder("leadhub.webhook.deliveries").tag("webhook", delivery.webhook()).tag("outcome", "delivered").register(meters).increment();
            return;
        }
        var body = exchange.getMessage().getBody(String.class);
        retryLater(delivery, status, "answered " + status + (body == null ? "" : ": " + (body.length() > 300 ? body.substring(0, 300) : body)));
    }

    public void failed(@ExchangeProperty("leadhubDelivery") Delivery delivery, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error) {
        retryLater(delivery, null, error == null ? "unknown error" : error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    private void retryLater(Delivery delivery, Integer status, String error) {
        var hook = config.webhooks().get(delivery.webhook());
        int attempts = delivery.attempts() + 1;
        var giveUp = attempts >= hook.maxAttempts();
        var wait = hook.backoff().multipliedBy(1L << Math.min(20, attempts - 1));
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        jdbc.sql("""
                        UPDATE webhook_delivery SET status = :st, attempts = :a, last_status = :s, last_error = :e, next_attempt_at = :next
                        WHERE id = :id""")
                .param("st", giveUp ? "failed" : "pending").param("a", attempts).param("s", status).param("e", error)
                .param("next", Timestamp.from(clock.instant().plus(wait))).param("id", delivery.id()).update();
        Counter.builder("leadhub.webhook.deliveries").tag("webhook", delivery.webhook()).tag("outcome", giveUp ? "failed" : "retry")
                .register(meters).increment();
        if (giveUp) {
            log.error("Webhook {} gave up on event {} after {} attempts: {}", delivery.webhook(), delivery.eventId(), attempts, error);
        }
    }

    static String sign(String secret, String text) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
