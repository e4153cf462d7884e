package io.leadhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

class OperationsEndpointsTest extends SharedHubTest {

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
    void openApiDescribesRoutesAndControllers() {
        var doc = readJson(get("/v3/api-docs"));
        assertThat(doc.path("paths").has("/api/leads")).isTrue();
        assertThat(doc.path("paths").has("/webhooks/hubspot")).isTrue();
        assertThat(doc.path("paths").has("/api/leads/{id}")).isTrue();
        assertThat(doc.path("paths").has("/api/ingest/rejections")).isTrue();
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }
}
