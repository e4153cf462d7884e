package io.leadhub.publish;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.leadhub.RouteDone;
import io.leadhub.SharedHubTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Events from the outbox to a signed webhook (with retries), and dead letters with their replay. */
class EventsAndDeadLettersTest extends SharedHubTest {

    @Autowired
    ProducerTemplate camel;

    private com.fasterxml.jackson.databind.JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private UUID enrichedLead(String workspace, String email) {
        var id = jdbc.sql("""
                        INSERT INTO lead (workspace, lead_key, status, email, title, company_name, first_source, received_at, updated_at)
                        VALUES (:ws, :key, 'enriched', :email, 'CTO', 'Events Co', 'api', now(), now()) RETURNING id""")
                .param("ws", workspace).param("key", "email:" + email).param("email", email).query(UUID.class).single();
        jdbc.sql("INSERT INTO lead_profile (lead_id, profile, enriched_at) VALUES (:id, '{}'::jsonb, now())").param("id", id).update();
        return id;
    }

    @Test
    void aScoredLeadIsAnnouncedToTheWebhookSignedAndRetriedUntilAccepted() {
        VENDORS.stubFor(WireMock.post(urlPathEqualTo("/hooks/crm")).inScenario("crm").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        VENDORS.stubFor(WireMock.post(urlPathEqualTo("/hooks/crm")).inScenario("crm").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));
        var lead = enrichedLead("events-w", "cto@events-co.com");
        camel.sendBody("seda:leads-enriched", List.of(lead.toString()));

        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(jdbc.sql("""
                        SELECT d.status FROM webhook_delivery d JOIN outbox_event e ON e.id = d.event_id
                        WHERE e.lead_id = :id AND e.type = 'lead.scored'""").param("id", lead).query(String.class).optional().orElse(null)));
        var posts = VENDORS.findAll(postRequestedFor(urlPathEqualTo("/hooks/crm")));
        assertThat(posts).hasSize(2);
        var delivered = posts.get(1);
        var body = delivered.getBodyAsString();
        var event = readTree(body);
        assertThat(event.path("type").asText()).isEqualTo("lead.scored");
        assertThat(event.path("leadId").asText()).isEqualTo(lead.toString());
        assertThat(event.path("data").path("tier").asText()).isEqualTo("cold");
        assertThat(delivered.getHeader("Leadhub-Event-Type")).isEqualTo("lead.scored");
        // the receiver checks t + "." + body against the shared secret (Stripe's scheme)
        var signature = delivered.getHeader("Leadhub-Signature");
        var timestamp = signature.replaceAll("t=(\\d+),v1=.*", "$1");
        assertThat(signature).endsWith("v1=" + WebhookDeliveries.sign("whsec-test", timestamp + "." + body));
        assertThat(posts.get(0).getHeader("Leadhub-Event-Id")).isEqualTo(delivered.getHeader("Leadhub-Event-Id"));
        var attempts = jdbc.sql("SELECT d.attempts FROM webhook_delivery d JOIN outbox_event e ON e.id = d.event_id WHERE e.lead_id = :id")
                .param("id", lead).query(Integer.class).single();
        assertThat(attempts).isEqualTo(2);
        // the lead.enriched-free stages emit exactly one scored event per change
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE lead_id = :id AND type = 'lead.scored'").param("id", lead)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void workAStageCannotFinishIsKeptAsADeadLetterAndReplayedOnce() {
        var given = whenRouteDone("score-queue", RouteDone.naming("not-a-lead-id"));
        camel.sendBody("seda:leads-enriched", List.of("not-a-lead-id"));
        // the stage's redeliveries are over and the work is kept as a dead letter
        given.await(Duration.ofSeconds(30));
        assertThat(readJson(get("/api/dead-letters?stage=score")).toString()).contains("not-a-lead-id");
        var letter = readJson(get("/api/dead-letters?stage=score")).get(0);
        assertThat(letter.path("error").asText()).contains("UUID");
        assertThat(letter.path("status").asText()).isEqualTo("open");
        assertThat(letter.path("attempts").asInt()).isEqualTo(1);
        var failedAgain = readJson(postJson("/api/dead-letters/" + letter.path("id").asLong() + "/replay", ""));
        assertThat(failedAgain.path("status").asText()).isEqualTo("open");
        assertThat(readJson(get("/api/dead-letters?stage=score")).get(0).path("attempts").asInt()).isEqualTo(2);

        // a letter whose work can now be done is replayed, once
        var lead = enrichedLead("events-dl", "cto@dead-letter-co.com");
        var id = jdbc.sql("""
                        INSERT INTO dead_letter (stage, lead_id, payload, error, attempts, first_at, last_at)
                        VALUES ('score', :lead, :payload, 'database was down', 3, now(), now()) RETURNING id""")
                .param("lead", lead).param("payload", "[\"" + lead + "\"]").query(Long.class).single();
        assertThat(readJson(postJson("/api/dead-letters/" + id + "/replay", "")).path("status").asText()).isEqualTo("replayed");
        assertThat(leadCount("id = ? AND status = 'scored'", lead)).isEqualTo(1);
        var scoredAt = jdbc.sql("SELECT scored_at FROM lead_score WHERE lead_id = :id").param("id", lead).query(java.sql.Timestamp.class).single();
        assertThat(readJson(postJson("/api/dead-letters/" + id + "/replay", "")).path("note").asText()).isEqualTo("already replayed");
        assertThat(jdbc.sql("SELECT scored_at FROM lead_score WHERE lead_id = :id").param("id", lead).query(java.sql.Timestamp.class).single())
                .isEqualTo(scoredAt);
    }
}
