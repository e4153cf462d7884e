package io.leadhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

class OperationsEndpointsTest extends SharedHubTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.apache.camel.ProducerTemplate camel;

    @Test
    void healthIncludesTheDatabase() {
        // Camel's own health checks settle a moment after start
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(readJson(get("/actuator/health")).path("status").asText()).isEqualTo("UP"));
        var health = readJson(get("/actuator/health"));
        assertThat(health.path("components").path("db").path("details").path("database").asText()).isEqualTo("PostgreSQL");
    }

    @Test
    void prometheusCountsLeadsPerSource() {
        postJson("/api/leads", "[{\"email\":\"metric@counted.io\"},{\"first_name\":\"nobody\"}]");
        var metrics = get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("leadhub_leads_accepted_total\\{[^}]*source=\"api\"[^}]*} [1-9]")
                .containsPattern("leadhub_leads_rejected_total\\{[^}]*source=\"api\"[^}]*} [1-9]");
    }

    @Test
    void prometheusShowsEachStagesInOutAndLag() {
        // the shared hub does not enrich, so a lead received an hour ago is waiting for enrichment
        jdbc.sql("""
                INSERT INTO lead (workspace, lead_key, status, email, first_source, received_at, updated_at)
                VALUES ('metrics-w', 'email:waiting@lagging.io', 'received', 'waiting@lagging.io', 'api',
                        now() - interval '1 hour', now() - interval '1 hour')""").update();
        var lead = jdbc.sql("""
                INSERT INTO lead (workspace, lead_key, status, email, title, first_source, received_at, updated_at)
                VALUES ('metrics-w', 'email:cto@staged.io', 'enriched', 'cto@staged.io', 'CTO', 'api', now(), now())
                RETURNING id::text""").query(String.class).single();
        jdbc.sql("INSERT INTO lead_profile (lead_id, profile, enriched_at) VALUES (:id::uuid, '{}'::jsonb, now())").param("id", lead).update();
        camel.sendBody("seda:leads-enriched", java.util.List.of(lead));
        // the lag is read at most every 15 s
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var metrics = get("/actuator/prometheus").body();
            assertThat(metrics).containsPattern("leadhub_stage_in_total\\{[^}]*stage=\"score\"[^}]*} [1-9]")
                    .containsPattern("leadhub_stage_out_total\\{[^}]*stage=\"score\"[^}]*} [1-9]")
                    .containsPattern("leadhub_stage_waiting\\{[^}]*stage=\"enrich\"[^}]*} [1-9]");
            var oldest = java.util.regex.Pattern.compile("leadhub_stage_oldest_waiting_seconds\\{[^}]*stage=\"enrich\"[^}]*} ([0-9.E]+)")
                    .matcher(metrics);
            assertThat(oldest.find()).isTrue();
            assertThat(Double.parseDouble(oldest.group(1))).isGreaterThanOrEqualTo(3600);
        });
    }

    @Test
    void openApiDescribesRoutesAndControllers() {
        var doc = readJson(get("/v3/api-docs"));
        assertThat(doc.path("paths").has("/api/leads")).isTrue();
        assertThat(doc.path("paths").has("/webhooks/hubspot")).isTrue();
        assertThat(doc.path("paths").has("/api/leads/{id}")).isTrue();
        assertThat(doc.path("paths").has("/api/ingest/rejections")).isTrue();
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }
}
