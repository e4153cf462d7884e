package io.leadhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import io.leadhub.ChunkedUpload;
import io.leadhub.SharedHubTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Body limits hold while the body is read, chunked or not, on every way in: the API (platform-http and MVC) and
 * each webhook. The shared hub runs with leadhub.api.max-body-bytes 65536 and leadhub.webhooks.max-body-bytes 131072.
 */
class BodyLimitsTest extends SharedHubTest {

    private static final long API_LIMIT = 65536;
    private static final long WEBHOOK_LIMIT = 131072;
    private static final String API_REASON = "body larger than 65536 bytes (leadhub.api.max-body-bytes)";
    private static final String WEBHOOK_REASON = "body larger than 131072 bytes (leadhub.webhooks.max-body-bytes)";
    private static final String PIPEDRIVE_AUTH = "Basic " + Base64.getEncoder().encodeToString("pipedrive:s3cret".getBytes());

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST, /api/leads, api",
            "POST, /%61pi/leads, api",
            "POST, /api/products, api",
            "PUT, /api/scoring/rules, api",
            "POST, /api/enrichments/estimate, api",
            "POST, /webhooks/hubspot, webhooks",
            "POST, /webhooks/pipedrive, webhooks",
            "POST, /webhooks/salesforce, webhooks",
            "POST, /webhooks/generic/plain, webhooks"})
    void aChunkedBodyOverTheLimitIsAnswered413AndNothingIsKept(String method, String path, String limit) throws Exception {
        boolean webhook = limit.equals("webhooks");
        var email = "too-big-" + UUID.randomUUID() + "@bodylimits-test.com";
        var id = "too-big-" + UUID.randomUUID();
        // valid JSON of each kind, padded past the limit: only its size is wrong with it
        var prefix = "{\"id\":\"" + id + "\",\"name\":\"Too big\",\"email\":\"" + email + "\",\"notes\":\"";
        var response = send(method, path, Map.of("Content-Type", "application/json", "Authorization", PIPEDRIVE_AUTH),
                generated(prefix, (webhook ? WEBHOOK_LIMIT : API_LIMIT) * 2, "\"}"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        if (!path.endsWith("salesforce")) {
            var body = readJson(response);
            assertThat(body.path("status").asInt()).isEqualTo(413);
            assertThat(body.path("error").asText()).isEqualTo(webhook ? WEBHOOK_REASON : API_REASON);
        } else {
            assertThat(response.body()).contains(WEBHOOK_REASON); // Salesforce is answered with a SOAP fault
        }
        assertThat(leadCount("email = ?", email)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM product WHERE id = ?").param(id).query(Long.class).single()).isZero();
        assertHealthyAndServing();
    }

    /** The case the review found: a 12 MB chunked webhook was accepted whole (2xx) because only Content-Length was checked. */
    @Test
    void aTwelveMegabyteChunkedWebhookIsRefusedWhileItIsRead() throws Exception {
        var email = "twelve-mb-" + UUID.randomUUID() + "@bodylimits-test.com";
        var answer = ChunkedUpload.post(port, "/webhooks/generic/plain", Map.of("Content-Type", "application/json"),
                "{\"email\":\"" + email + "\",\"notes\":\"", 12L * 1024 * 1024, "\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains(WEBHOOK_REASON);
        assertThat(leadCount("email = ?", email)).isZero();
        assertHealthyAndServing();
    }

    @Test
    void aChunkedBodyJustUnderTheLimitIsAccepted() throws Exception {
        var apiEmail = "just-under-" + UUID.randomUUID() + "@bodylimits-test.com";
        var api = send("POST", "/api/leads", Map.of("Content-Type", "application/json"),
                generated("{\"email\":\"" + apiEmail + "\",\"notes\":\"x\"", API_LIMIT - 16, "}", ' '));
        assertThat(api.statusCode()).as(api.body()).isEqualTo(202);
        assertThat(leadCount("email = ?", apiEmail)).isOne();

        var hookEmail = "just-under-" + UUID.randomUUID() + "@bodylimits-test.com";
        var hook = send("POST", "/webhooks/generic/plain", Map.of("Content-Type", "application/json"),
                generated("{\"email\":\"" + hookEmail + "\",\"notes\":\"x\"", WEBHOOK_LIMIT - 16, "}", ' '));
        assertThat(hook.statusCode()).as(hook.body()).isEqualTo(202);
        assertThat(leadCount("email = ?", hookEmail)).isOne();

        var product = send("POST", "/api/products", Map.of("Content-Type", "application/json"),
                generated("{\"name\":\"Just under\",\"icpDescription\":\"", API_LIMIT - 16, "\"}"));
        assertThat(product.statusCode()).as(product.body()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api/leads, api", "/api/products, api", "/webhooks/hubspot, webhooks", "/webhooks/generic/plain, webhooks"})
    void aContentLengthOverTheLimitIsAnswered413WithoutReading(String path, String limit) {
        boolean webhook = limit.equals("webhooks");
        var response = post(path, "application/json", "{\"notes\":\"" + "a".repeat((int) (webhook ? WEBHOOK_LIMIT : API_LIMIT)) + "\"}",
                Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(readJson(response).path("error").asText()).isEqualTo(webhook ? WEBHOOK_REASON : API_REASON);
        assertHealthyAndServing();
    }

    private void assertHealthyAndServing() {
        var liveness = get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(readJson(liveness).path("status").asText()).isEqualTo("UP");
        var email = "after-" + UUID.randomUUID() + "@bodylimits-test.com";
        var normal = postJson("/api/leads", "{\"email\":\"" + email + "\"}");
        assertThat(normal.statusCode()).as(normal.body()).isEqualTo(202);
        assertThat(leadCount("email = ?", email)).isOne();
    }

    /** A body sent chunked (no Content-Length), generated while it is sent. */
    private HttpResponse<String> send(String method, String path, Map<String, String> headers, java.util.function.Supplier<InputStream> body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofInputStream(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static java.util.function.Supplier<InputStream> generated(String prefix, long size, String suffix) {
        return generated(prefix, size, suffix, 'a');
    }

    /** A body of exactly size bytes, padded with fill (JSON whitespace keeps every field short: fields have limits too). */
    private static java.util.function.Supplier<InputStream> generated(String prefix, long size, String suffix, char fill) {
        return () -> {
            var start = prefix.getBytes(StandardCharsets.UTF_8);
            var end = suffix.getBytes(StandardCharsets.UTF_8);
            return new SequenceInputStream(java.util.Collections.enumeration(java.util.List.of(
                    new java.io.ByteArrayInputStream(start), filler(size - start.length - end.length, fill), new java.io.ByteArrayInputStream(end))));
        };
    }

    private static InputStream filler(long size) {
        return filler(size, 'a');
    }

    private static InputStream filler(long size, char fill) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? fill : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) fill);
                left -= n;
                return n;
            }
        };
    }
}
