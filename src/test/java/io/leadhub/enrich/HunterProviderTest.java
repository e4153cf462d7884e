package io.leadhub.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

/** The enrich-provider route, instantiated for Hunter, against a local server speaking Hunter's API. */
class HunterProviderTest extends SharedHubTest {

    private ProviderAnswer verify(String provider, String email) {
        var request = new ProviderRequest(provider, "email_verification", "email:" + email, UUID.randomUUID(), Map.of("email", email));
        return askProvider(request);
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder verifier(String email) {
        return WireMock.get(urlPathEqualTo("/v2/email-verifier")).withQueryParam("email", equalTo(email));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    private long calls(String provider, String email) {
        return jdbc.sql("SELECT count(*) FROM provider_call WHERE provider = :p AND request_key = :k")
                .param("p", provider).param("k", "email:" + email).query(Long.class).single();
    }

    @Test
    void aVerifiedAddressIsAHitAndTheSecondAskCostsNothing() {
        VENDORS.stubFor(verifier("jane.doe@acme-robotics.com").withHeader("X-API-KEY", equalTo("hunter-test-key"))
                .willReturn(json(200, fixture("hunter/email-verifier-valid.json"))));

        var answer = verify("hunter", "jane.doe@acme-robotics.com");
        assertThat(answer.outcome()).isEqualTo("hit");
        assertThat(answer.fields()).containsEntry("email_status", "valid");
        assertThat(answer.cost()).isEqualTo(0.01);

        var again = verify("hunter", "jane.doe@acme-robotics.com");
        assertThat(again.cached()).isTrue();
        assertThat(again.fields()).containsEntry("email_status", "valid");
        VENDORS.verify(1, getRequestedFor(urlPathEqualTo("/v2/email-verifier")));
        assertThat(calls("hunter", "jane.doe@acme-robotics.com")).isEqualTo(1);
    }

    @Test
    void rateLimited403IsRetriedAfterTheAskedDelay() {
        VENDORS.stubFor(verifier("slow@acme-robotics.com").inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(403, fixture("hunter/error-403-rate-limit.json")).withHeader("Retry-After", "1"))
                .willSetStateTo("free"));
        VENDORS.stubFor(verifier("slow@acme-robotics.com").inScenario("limit").whenScenarioStateIs("free")
                .willReturn(json(200, fixture("hunter/email-verifier-valid.json"))));

        long started = System.nanoTime();
        var answer = verify("hunter", "slow@acme-robotics.com");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(answer.outcome()).isEqualTo("hit");
        assertThat(answer.attempts()).isEqualTo(2);
        assertThat(tookMillis).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(1000);
        VENDORS.verify(2, getRequestedFor(urlPathEqualTo("/v2/email-verifier")));
    }

    @Test
    void aServerErrorBurstIsRetriedAndRecovers() {
        VENDORS.stubFor(verifier("burst@acme-robotics.com").inScenario("burst").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, "{\"errors\":[{\"id\":\"service_unavailable\",\"code\":503}]}")).willSetStateTo("second"));
        VENDORS.stubFor(verifier("burst@acme-robotics.com").inScenario("burst").whenScenarioStateIs("second")
                .willReturn(json(500, "{}")).willSetStateTo("up"));
        VENDORS.stubFor(verifier("burst@acme-robotics.com").inScenario("burst").whenScenarioStateIs("up")
                .willReturn(json(200, fixture("hunter/email-verifier-invalid.json").replace("bob@nonexistent-acme.com", "burst@acme-robotics.com"))));

        var answer = verify("hunter", "burst@acme-robotics.com");
        assertThat(answer.attempts()).isEqualTo(3);
        assertThat(answer.outcome()).isEqualTo("hit");
        assertThat(answer.fields()).containsEntry("email_status", "invalid");
    }

    @Test
    void anOutageOpensTheBreakerThenLeadsGoOnWithTheReasonAndItClosesAgain() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier"))
                .willReturn(json(500, "{\"errors\":[{\"id\":\"internal_error\",\"code\":500}]}")));
        for (int i = 0; i < 3; i++) {
            assertThat(verify("hunter-outage", "down" + i + "@acme-robotics.com").outcome()).isEqualTo("error: http 500");
        }
        var whileOpen = verify("hunter-outage", "later@acme-robotics.com");
        assertThat(whileOpen.outcome()).isEqualTo("circuit_open");
        VENDORS.verify(9, getRequestedFor(urlPathEqualTo("/v2/email-verifier")));

        VENDORS.resetAll();
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).willReturn(json(200, fixture("hunter/email-verifier-valid.json"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> verify("hunter-outage", "back" + UUID.randomUUID() + "@acme-robotics.com").isHit());
    }

    @Test
    void quotaExhausted429IsNotRetriedAndOpensTheBreaker() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).willReturn(json(429, fixture("hunter/error-429-quota.json"))));
        var answer = verify("hunter-quota", "quota@acme-robotics.com");
        assertThat(answer.outcome()).isEqualTo("rate_limited");
        VENDORS.verify(1, getRequestedFor(urlPathEqualTo("/v2/email-verifier")));
        assertThat(verify("hunter-quota", "next@acme-robotics.com").outcome()).isEqualTo("circuit_open");
        VENDORS.verify(1, getRequestedFor(urlPathEqualTo("/v2/email-verifier")));
    }

    @Test
    void aProviderOverItsDailyCapIsSkippedWithReasonBudget() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).willReturn(json(200, fixture("hunter/email-verifier-valid.json"))));
        assertThat(verify("hunter-capped", "b1@acme-robotics.com").outcome()).isEqualTo("hit");
        assertThat(verify("hunter-capped", "b2@acme-robotics.com").outcome()).isEqualTo("hit");
        assertThat(verify("hunter-capped", "b3@acme-robotics.com").outcome()).isEqualTo("budget");
        VENDORS.verify(2, getRequestedFor(urlPathEqualTo("/v2/email-verifier")));
        assertThat(jdbc.sql("SELECT sum(cost) FROM provider_call WHERE provider = 'hunter-capped'").query(java.math.BigDecimal.class).single())
                .isEqualByComparingTo("0.02");
    }

    @Test
    void stillVerifying202IsAskedAgain() {
        VENDORS.stubFor(verifier("pending@acme-robotics.com").inScenario("pending").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(202, fixture("hunter/email-verifier-202.json"))).willSetStateTo("done"));
        VENDORS.stubFor(verifier("pending@acme-robotics.com").inScenario("pending").whenScenarioStateIs("done")
                .willReturn(json(200, fixture("hunter/email-verifier-valid.json"))));
        var answer = verify("hunter", "pending@acme-robotics.com");
        assertThat(answer.outcome()).isEqualTo("hit");
        assertThat(answer.attempts()).isEqualTo(2);
    }

    @Test
    void aRefusedKeyIsReportedAsMisconfiguredWithoutRetrying() {
        VENDORS.stubFor(verifier("key@acme-robotics.com").willReturn(json(401, fixture("hunter/error-401.json"))));
        assertThat(verify("hunter", "key@acme-robotics.com").outcome()).isEqualTo("misconfigured");
        VENDORS.verify(1, getRequestedFor(urlPathEqualTo("/v2/email-verifier")));
        var health = readJson(get("/actuator/health"));
        assertThat(health.path("components").path("enrichmentProviders").path("details").path("hunter").path("problem").asText())
                .contains("API key was refused");
        assertThat(get("/actuator/prometheus").body()).contains("leadhub_provider_calls_total{application=\"leadhub\",outcome=\"misconfigured\",provider=\"hunter\"}");
    }

    @Test
    void withoutAKeyTheProviderIsSkippedWithTheReason() {
        assertThat(verify("hunter-keyless", "nokey@acme-robotics.com").outcome()).isEqualTo("no_api_key");
        VENDORS.verify(0, getRequestedFor(urlPathEqualTo("/v2/email-verifier")));
    }
}
