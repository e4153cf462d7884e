package io.leadhub.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The circuit breaker counts what a provider outage really looks like: no server at all (connection refused),
 * a server too slow to answer (timeouts), and 5xx; once open, further leads are not attempted, and after
 * breaker-open-duration with the server back it half-opens and closes.
 */
class ProviderBreakerTest extends SharedHubTest {

    @Autowired
    Providers providers;

    private ProviderAnswer verify(String provider, String email) {
        var request = new ProviderRequest(provider, "email_verification", "email:" + email, UUID.randomUUID(), Map.of("email", email));
        return askProvider(request);
    }

    /** Calls that left the hub, as the cost ledger has them. */
    private long ledger(String provider) {
        return jdbc.sql("SELECT count(*) FROM provider_call WHERE provider = :p").param("p", provider).query(Long.class).single();
    }

    private String breakerShown(String provider) {
        for (var row : readJson(get("/api/providers"))) {
            if (provider.equals(row.path("id").asText())) {
                return row.path("breaker").asText();
            }
        }
        throw new AssertionError("no provider " + provider + " in GET /api/providers");
    }

    @Test
    void aProviderWhoseServerIsGoneOpensItsBreakerAndLaterLeadsAreNotAttempted() {
        var outcomes = new java.util.ArrayList<String>();
        for (int i = 0; i < 10; i++) {
            outcomes.add(verify("hunter-dead", "gone" + i + "@acme-robotics.com").outcome());
        }
        // breaker-minimum-calls (3) refused connections, then nothing more is attempted
        assertThat(outcomes.subList(0, 3)).allSatisfy(o -> assertThat(o).isEqualTo("error: HttpHostConnectException"));
        assertThat(outcomes.subList(3, 10)).containsOnly("circuit_open");
        assertThat(ledger("hunter-dead")).isEqualTo(3);
        assertThat(breakerShown("hunter-dead")).isEqualTo("OPEN");
        assertThat(readJson(get("/actuator/health")).path("components").path("enrichmentProviders").path("details")
                .path("hunter-dead").path("breaker").asText()).isEqualTo("OPEN");
        assertThat(get("/actuator/prometheus").body())
                .contains("leadhub_provider_breaker_open{application=\"leadhub\",provider=\"hunter-dead\"} 1.0");

        // the server comes back on its address: after breaker-open-duration one trial call, then closed again
        var back = new WireMockServer(WireMockConfiguration.options().port(DEAD_PORT));
        back.start();
        try {
            back.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(fixture("hunter/email-verifier-valid.json"))));
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                    .until(() -> verify("hunter-dead", "back" + UUID.randomUUID() + "@acme-robotics.com").isHit());
            // one trial call (breaker-half-open-calls) answered: closed
            assertThat(providers.require("hunter-dead").breaker().getState().name()).isEqualTo("CLOSED");
            assertThat(breakerShown("hunter-dead")).isEqualTo("CLOSED");
        } finally {
            back.stop();
        }
    }

    @Test
    void timeoutsOpenTheBreaker() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).withQueryParam("email", WireMock.matching("slow.*"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(1500).withBody(fixture("hunter/email-verifier-valid.json"))));
        for (int i = 0; i < 3; i++) {
            assertThat(verify("hunter-slow", "slow" + i + "@acme-robotics.com").outcome()).isEqualTo("error: SocketTimeoutException");
        }
        assertThat(verify("hunter-slow", "slow-later@acme-robotics.com").outcome()).isEqualTo("circuit_open");
        assertThat(breakerShown("hunter-slow")).isEqualTo("OPEN");
        VENDORS.verify(3, getRequestedFor(urlPathEqualTo("/v2/email-verifier")));
        assertThat(ledger("hunter-slow")).isEqualTo(3);
    }

    @Test
    void serverErrorsOpenTheBreakerAndTheCallThatOpenedItIsInTheLedger() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).withQueryParam("email", WireMock.matching("fivexx.*"))
                .willReturn(aResponse().withStatus(503).withBody("{\"errors\":[{\"id\":\"service_unavailable\",\"code\":503}]}")));
        var before = ledger("hunter-5xx");
        var outcomes = new java.util.ArrayList<String>();
        for (int i = 0; i < 6; i++) {
            outcomes.add(verify("hunter-5xx", "fivexx" + i + "@acme-robotics.com").outcome());
        }
        assertThat(outcomes).containsExactly("error: http 503", "error: http 503", "error: http 503",
                "circuit_open", "circuit_open", "circuit_open");
        // three leads, two attempts each (retry-attempts), then no more requests
        VENDORS.verify(6, getRequestedFor(urlPathEqualTo("/v2/email-verifier")).withQueryParam("email", WireMock.matching("fivexx.*")));
        assertThat(ledger("hunter-5xx") - before).isEqualTo(3);
    }
}
