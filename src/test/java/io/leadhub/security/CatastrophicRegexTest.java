package io.leadhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.leadhub.SharedHubTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One workspace's scoring rule cannot stall another's leads: rule regexes run in linear time, so a pattern that
 * backtracks catastrophically in java.util.regex ({@code (.*a){25}$} against "aaaa...b") costs microseconds.
 */
class CatastrophicRegexTest extends SharedHubTest {

    @Autowired
    ProducerTemplate camel;

    private UUID enrichedLead(String workspace, String title) {
        var email = "regex-" + UUID.randomUUID().toString().substring(0, 8) + "@" + workspace + ".io";
        var id = jdbc.sql("""
                        INSERT INTO lead (workspace, lead_key, status, email, title, company_domain, first_source, received_at, updated_at)
                        VALUES (:ws, :key, 'enriched', :email, :title, :domain, 'api', now(), now()) RETURNING id""")
                .param("ws", workspace).param("key", "email:" + email).param("email", email).param("title", title)
                .param("domain", workspace + ".io").query(UUID.class).single();
        jdbc.sql("INSERT INTO lead_profile (lead_id, profile, enriched_at) VALUES (:id, CAST('{}' AS jsonb), now())")
                .param("id", id).update();
        return id;
    }

    private boolean scored(UUID id) {
        return leadCount("id = ? AND status IN ('scored', 'personalized')", id) == 1;
    }

    @Test
    void aCatastrophicRuleInOneWorkspaceDoesNotDelayAnotherWorkspacesLeads() throws Exception {
        var saved = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/scoring/rules?workspace=regex-x"))
                .header("Content-Type", "application/yaml").PUT(HttpRequest.BodyPublishers.ofString("""
                        rules:
                          - id: evil
                            field: title
                            regex: "(.*a){25}$"
                            points: 5
                        """)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(saved.statusCode()).isEqualTo(200);

        var x = enrichedLead("regex-x", "a".repeat(250) + "b");
        var y = enrichedLead("regex-y", "VP Operations");
        camel.sendBody("seda:leads-enriched", List.of(x.toString()));
        camel.sendBody("seda:leads-enriched", List.of(y.toString()));

        await().atMost(Duration.ofSeconds(5)).until(() -> scored(y));
        await().atMost(Duration.ofSeconds(5)).until(() -> scored(x));
        var breakdown = readJson(get("/api/leads/" + x + "/score")).path("breakdown");
        assertThat(breakdown.path("rulesWorkspace").asText()).isEqualTo("regex-x");
        assertThat(breakdown.path("fired").toString()).doesNotContain("\"rule\":\"evil\"");
    }
}
