package io.leadhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        long timestamp = System.currentTimeMillis();
        var signature = Base64.getEncoder().encodeToString(Signatures.hmacSha256(HUBSPOT_SECRET,
                "POST" + "http://localhost:" + port + "/webhooks/hubspot" + body + timestamp));
        assertRefused(post("/webhooks/hubspot", "application/json", body,
                Map.of("X-HubSpot-Signature-v3", signature, "X-HubSpot-Request-Timestamp", Long.toString(timestamp))), "nesting depth");
        assertThat(leadCount("email = 'deep@hostile-json.io'")).isZero();
    }

    @Test
    void aDeepLineOfAnNdjsonFileIsThatLinesRejectionAndTheOthersAreRead() throws IOException {
        var ndjson = "{\"email\":\"first@deep-ndjson.io\"}\n" + deepLead(150) + "\n{\"email\":\"third@deep-ndjson.io\"}\n";
        var staging = Files.createDirectories(WORK.resolve("staging")).resolve("deep.ndjson");
        Files.writeString(staging, ndjson, StandardCharsets.UTF_8);
        Files.move(staging, Files.createDirectories(WORK.resolve("inbox")).resolve("deep.ndjson"));

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM ingest_file WHERE name = 'deep.ndjson' AND status = 'done'")
                .query(Long.class).single() == 1);
        assertThat(leadCount("email IN ('first@deep-ndjson.io', 'third@deep-ndjson.io')")).isEqualTo(2);
        var reason = jdbc.sql("SELECT r.reason FROM ingest_rejection r JOIN ingest_file f ON f.id = r.file_id WHERE f.name = 'deep.ndjson'")
                .query(String.class).single();
        assertThat(reason).startsWith("line 2: JSON over the hub's limits").contains("nesting depth");
    }
}
