package io.leadhub.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.leadhub.SharedHubTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Outbound HTTP carries only what the vendor needs: no internal leadhub* message header, no Camel header, and
 * none of the inbound client's headers (its API key, cookies, forwarding headers, idempotency key).
 */
class OutboundHeadersTest extends SharedHubTest {

    private static final Map<String, String> CALLER = Map.of("X-API-Key", "caller-secret-key", "Cookie", "session=caller",
            "X-Forwarded-For", "203.0.113.7", "Idempotency-Key", "caller-idem-1", "X-Leadhub-Workspace", "tenant-b");

    @Autowired
    ProducerTemplate camel;

    private static void assertOnlyVendorHeaders(LoggedRequest request) {
        for (var name : request.getAllHeaderKeys()) {
            assertThat(name).as("header %s sent to a third party", name)
                    .doesNotStartWith("leadhub").doesNotStartWithIgnoringCase("camel")
                    .isNotEqualToIgnoringCase("Cookie").isNotEqualToIgnoringCase("Idempotency-Key")
                    .isNotEqualToIgnoringCase("X-Leadhub-Workspace");
            assertThat(name.toLowerCase()).doesNotStartWith("x-forwarded-");
            assertThat(request.getHeader(name)).as("value of %s", name).doesNotContain("caller-secret-key");
        }
    }

    @Test
    void anEnrichmentCallSendsNoInternalOrCallerHeader() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/sites/headers.example/home"))
                .willReturn(WireMock.ok("<html><title>Headers</title></html>").withHeader("Content-Type", "text/html")));
        var request = new ProviderRequest("website", "website", "domain:headers.example:" + UUID.randomUUID(), UUID.randomUUID(),
                Map.of("domain", "headers.example"));
        var headers = new java.util.HashMap<String, Object>(CALLER);
        headers.putAll(Map.of("leadhubSource", "api", "leadhubWorkspace", "tenant-a", "leadhubObjectId", "42"));
        var answers = camel.requestBodyAndHeaders("direct:enrich-provider-website", request, headers, List.class);
        assertThat(((ProviderAnswer) answers.get(0)).outcome()).isEqualTo("hit");

        var sent = VENDORS.findAll(getRequestedFor(urlPathEqualTo("/sites/headers.example/home")));
        assertThat(sent).hasSize(1);
        assertOnlyVendorHeaders(sent.get(0));
        assertThat(sent.get(0).getHeader("User-Agent")).contains("leadhub-website-analyser");
        assertThat(sent.get(0).containsHeader("Website-Call-Budget-Millis")).isFalse();
    }

    @Test
    void aPolledSourcePageSendsItsOwnAuthorizationAndNothingInternal() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v1/contacts")).willReturn(okJson("{\"data\":[]}")));
        // only headers the hub's own API accepts from a loopback caller (a forwarded address would make it remote)
        var caller = Map.of("Cookie", "session=caller", "Idempotency-Key", "caller-idem-2");
        assertThat(post("/api/sources/crm-export/poll", "application/json", "", caller).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> !VENDORS.findAll(getRequestedFor(urlPathEqualTo("/v1/contacts"))).isEmpty());

        var sent = VENDORS.findAll(getRequestedFor(urlPathEqualTo("/v1/contacts"))).get(0);
        assertOnlyVendorHeaders(sent);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer source-token");
    }
}
