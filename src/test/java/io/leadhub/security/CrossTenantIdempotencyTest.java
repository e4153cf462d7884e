package io.leadhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Key on POST /api/leads belongs to the workspace that sent it: another tenant using the same key is
 * a new delivery, and the same key with another body is refused (422), never silently treated as a repeat.
 */
class CrossTenantIdempotencyTest extends SharedHubTest {

    private java.net.http.HttpResponse<String> postAs(String workspace, String key, String body) {
        return post("/api/leads?workspace=" + workspace, "application/json", body, Map.of("Idempotency-Key", key));
    }

    private long sourceRecords(String workspace, String email) {
        return jdbc.sql("SELECT count(*) FROM source_record s JOIN lead l ON l.id = s.lead_id WHERE l.workspace = ? AND l.email = ?")
                .param(workspace).param(email).query(Long.class).single();
    }

    @Test
    void twoWorkspacesUsingTheSameKeyBothGetTheirLeadStoredAndHandedOn() {
        var key = "shared-" + UUID.randomUUID();
        var a = "a-" + UUID.randomUUID().toString().substring(0, 8) + "@tenant-a.io";
        var b = "b-" + UUID.randomUUID().toString().substring(0, 8) + "@tenant-b.io";

        var first = postAs("idem-a", key, "{\"email\":\"" + a + "\"}");
        var second = postAs("idem-b", key, "{\"email\":\"" + b + "\"}");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(readJson(second).path("accepted").get(0).path("repeatDelivery").asBoolean()).isFalse();
        assertThat(sourceRecords("idem-a", a)).isEqualTo(1);
        assertThat(sourceRecords("idem-b", b)).isEqualTo(1);
        // a delivery that is not a repeat is an arrival, and arrivals are what ingest-records hands on
        assertThat(readJson(first).path("accepted").get(0).path("repeatDelivery").asBoolean()).isFalse();
        assertThat(readJson(second).path("accepted").get(0).path("newLead").asBoolean()).as("B's lead is its own").isTrue();
    }

    @Test
    void theSameKeyAndBodyAgainIsARepeatAndAnotherBodyIs422() {
        var key = "order-" + UUID.randomUUID();
        var email = "repeat-" + UUID.randomUUID().toString().substring(0, 8) + "@tenant-a.io";
        var body = "[{\"email\":\"" + email + "\",\"title\":\"CTO\"}]";

        assertThat(postAs("idem-a", key, body).statusCode()).isEqualTo(202);
        var again = postAs("idem-a", key, body);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(readJson(again).path("accepted").get(0).path("repeatDelivery").asBoolean()).isTrue();
        assertThat(sourceRecords("idem-a", email)).isEqualTo(1);

        var other = "other-" + UUID.randomUUID().toString().substring(0, 8) + "@tenant-a.io";
        var changed = postAs("idem-a", key, "[{\"email\":\"" + email + "\",\"title\":\"CEO\"},{\"email\":\"" + other + "\"}]");
        assertThat(changed.statusCode()).isEqualTo(422);
        assertThat(readJson(changed).path("status").asInt()).isEqualTo(422);
        assertThat(readJson(changed).path("error").asText()).contains("Idempotency-Key").contains("different body");
        // nothing of the refused request was kept
        assertThat(leadCount("email = ?", other)).isZero();
        assertThat(jdbc.sql("SELECT title FROM lead WHERE email = ?").param(email).query(String.class).single()).isEqualTo("CTO");
        assertThat(jdbc.sql("SELECT count(*) FROM source_record s JOIN lead l ON l.id = s.lead_id WHERE l.email = ? AND s.body_hash IS NOT NULL")
                .param(email).query(Long.class).single()).as("only the first request's source record").isEqualTo(1);
    }

    @Test
    void anOverlongKeyIs400WithAReason() {
        // over the hub's limit: refused by the hub, naming the key and the limit
        var response = postAs("idem-a", "k".repeat(1_000), "{\"email\":\"long-key@tenant-a.io\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(readJson(response).path("error").asText()).contains("Idempotency-Key").contains("255");
        // over the server's header limit: refused by the servlet container, still with a JSON reason
        var huge = postAs("idem-a", "k".repeat(10_000), "{\"email\":\"long-key@tenant-a.io\"}");
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(readJson(huge).path("error").asText()).contains("header").contains("server.max-http-request-header-size");
        assertThat(leadCount("email = 'long-key@tenant-a.io'")).isZero();
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }
}
