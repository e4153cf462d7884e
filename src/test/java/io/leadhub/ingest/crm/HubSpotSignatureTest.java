package io.leadhub.ingest.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.config.BoundProperties;
import io.leadhub.config.RequestRejectedException;
import org.junit.jupiter.api.Test;

/** The v3 algorithm against the worked example in fixtures/hubspot/NOTES.md (computed outside the hub). */
class HubSpotSignatureTest {

    private static final String DOC_SIGNATURE = "XICSdgYeq8sCkQUoXMhCUxPE6ux4jxtkJWTJ4xbkPlM=";
    private static final String TIMESTAMP = "1793527186123";

    private static HubSpotWebhook webhook(long nowMillis) {
        var webhooks = BoundProperties.of(WebhooksProperties.class,
                "hubspot.client-secret", "leadhub-test-client-secret",
                "hubspot.public-base-url", "https://leadhub.example.com");
        var clock = Clock.fixed(Instant.ofEpochMilli(nowMillis), ZoneOffset.UTC);
        return new HubSpotWebhook(webhooks, BoundProperties.of(HubSpotProperties.class), new ObjectMapper(), clock, null, null);
    }

    private static String body() throws IOException {
        try (var in = HubSpotSignatureTest.class.getResourceAsStream("/fixtures/hubspot/contact-creation.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void acceptsTheDocumentedSignature() throws IOException {
        webhook(Long.parseLong(TIMESTAMP) + 2_000).verify(body(), "POST", "http://10.0.0.7:8080/webhooks/hubspot", null,
                DOC_SIGNATURE, TIMESTAMP);
    }

    @Test
    void refusesATamperedBodyAndAStaleTimestamp() throws IOException {
        var tampered = body().replace("1001", "1003");
        assertThatThrownBy(() -> webhook(Long.parseLong(TIMESTAMP) + 2_000).verify(tampered, "POST",
                "http://10.0.0.7:8080/webhooks/hubspot", null, DOC_SIGNATURE, TIMESTAMP))
                .isInstanceOf(RequestRejectedException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> webhook(Long.parseLong(TIMESTAMP) + 301_000).verify(body(), "POST",
                "http://10.0.0.7:8080/webhooks/hubspot", null, DOC_SIGNATURE, TIMESTAMP))
                .isInstanceOf(RequestRejectedException.class).hasMessageContaining("stale");
    }

    @Test
    void decodesTheCharactersHubSpotDecodesBeforeSigning() {
        assertThat(HubSpotWebhook.decodeReserved("https://h/webhooks/hubspot?tenant=acme%3Aeu&x=%2F"))
                .isEqualTo("https://h/webhooks/hubspot?tenant=acme:eu&x=/");
    }
}
