package io.leadhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

/** Malformed or over-deep JSON is the client's error (400 with the reason) on every way in, never a 503. */
class HostileJsonTest extends SharedHubTest {

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static String deepLead(int depth) {
        return "{\"email\":\"deep@hostile-json.io\",\"extra\":" + nested(depth) + "}";
    }

    private static void assertRefused(HttpResponse<String> response, String... reasonParts) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"status\":400");
        for (var part : reasonParts) {
            assertThat(response.body()).contains(part);
        }
    }

    @Test
    void deeplyNestedJsonIsA400WithTheReasonOnTheApi() {
        assertRefused(postJson("/api/leads", nested(5000)), "nesting depth", "leadhub.json");
        assertRefused(postJson("/api/leads", deepLead(150)), "nesting depth");
        assertThat(leadCount("email = 'deep@hostile-json.io'")).isZero();
    }

    @Test
    void anOverlongNumberAndMalformedJsonAre400s() {
        assertRefused(postJson("/api/leads", "{\"email\":\"num@hostile-json.io\",\"n\":" + "9".repeat(500) + "}"), "Number value length");
        assertRefused(postJson("/api/leads", "{\"email\": \"broken@hostile-json.io\""), "not JSON");
    }

    @Test
    void deeplyNestedJsonIsA400OnEveryWebhook() {
        // 150 levels: under Jackson's default limit (1000), over the hub's (100)
        assertRefused(postJson("/webhooks/generic/plain", deepLead(150)), "nesting depth");
        var basic = "Basic " + Base64.getEncoder().encodeToString("pipedrive:s3cret".getBytes(StandardCharsets.UTF_8));
        assertRefused(post("/webhooks/pipedrive", "application/json", "{\"meta\":{},\"data\":" + nested(150) + "}",
                Map.of("Authorization", basic)), "nesting depth");
        var body = nested(150);
        assertRefused(post("/webhooks/hubspot", "application/json", body, hubSpotSigned(body, System.currentTimeMillis())), "nesting depth");
        assertThat(leadCount("email = 'deep@hostile-json.io'")).isZero();
    }

    @Test
    void aDeepLineOfAnNdjsonFileIsThatLinesRejectionAndTheOthersAreRead() throws IOException {
        var ndjson = "{\"email\":\"first@deep-ndjson.io\"}\n" + deepLead(150) + "\n{\"email\":\"third@deep-ndjson.io\"}\n";
        dropIntoInbox("deep.ndjson", ndjson.getBytes(StandardCharsets.UTF_8)).await(Duration.ofSeconds(30));
        assertThat(inboxFileStatus("deep.ndjson")).isEqualTo("done");
        assertThat(leadCount("email IN ('first@deep-ndjson.io', 'third@deep-ndjson.io')")).isEqualTo(2);
        var reason = jdbc.sql("SELECT r.reason FROM ingest_rejection r JOIN ingest_file f ON f.id = r.file_id WHERE f.name = 'deep.ndjson'")
                .query(String.class).single();
        assertThat(reason).startsWith("line 2: JSON over the hub's limits").contains("nesting depth");
    }
}
