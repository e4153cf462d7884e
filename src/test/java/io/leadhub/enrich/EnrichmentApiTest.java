package io.leadhub.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

/** The enrichment API in the shared hub, where nothing is enriched unless asked. */
class EnrichmentApiTest extends SharedHubTest {

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void estimateCountsOneCallPerQuestionThenOnDemandEnrichmentAnswersWithTheProfile() {
        var posted = readJson(postJson("/api/leads", """
                [{"email":"a@estimate-co.com"},{"email":"b@estimate-co.com"},{"email":"c@other-estimate.com"}]"""));
        var ids = posted.path("accepted").findValuesAsText("leadId");
        var selection = "{\"leadIds\": [\"" + String.join("\",\"", ids) + "\"]}";

        var estimate = readJson(postJson("/api/enrichments/estimate", selection));
        assertThat(estimate.path("leads").asInt()).isEqualTo(3);
        // apollo: 2 domains (company, techstack and funding share one call) + 3 people; hunter: 3 emails
        assertThat(estimate.path("perProvider").path("apollo").path("calls").asLong()).isEqualTo(5);
        assertThat(estimate.path("perProvider").path("hunter").path("calls").asLong()).isEqualTo(3);
        assertThat(estimate.path("expectedCost").decimalValue()).isEqualByComparingTo("5.03");

        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).willReturn(json(fixture("hunter/email-verifier-valid.json"))));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/api/v1/organizations/enrich")).willReturn(json(fixture("apollo/organizations-enrich.json"))));
        VENDORS.stubFor(WireMock.post(urlPathEqualTo("/api/v1/people/match")).willReturn(json(fixture("apollo/people-match.json"))));

        var enriched = post("/api/leads/" + ids.get(0) + "/enrich", "application/json", "", Map.of());
        assertThat(enriched.statusCode()).isEqualTo(200);
        var profile = readJson(enriched);
        assertThat(profile.path("profile").path("company_name").path("provider").asText()).isEqualTo("apollo");
        assertThat(profile.path("calls").findValuesAsText("provider")).contains("hunter", "apollo");
        assertThat(readJson(get("/api/leads/" + ids.get(0))).path("status").asText()).isIn("enriched", "scored"); // scoring follows at once
        VENDORS.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/organizations/enrich")));

        // b shares a's company: the estimate now counts no company call for it
        var after = readJson(postJson("/api/enrichments/estimate", "{\"leadIds\": [\"" + ids.get(1) + "\"]}"));
        assertThat(after.path("perProvider").path("apollo").path("calls").asLong()).isEqualTo(1); // the person only

        var providers = readJson(get("/api/providers"));
        var hunter = java.util.stream.StreamSupport.stream(providers.spliterator(), false)
                .filter(p -> p.path("id").asText().equals("hunter")).findFirst().orElseThrow();
        assertThat(hunter.path("callsToday").asLong()).isPositive();
        assertThat(hunter.path("breaker").asText()).isEqualTo("CLOSED");
    }

    @Test
    void anUnknownLeadIs404() {
        assertThat(post("/api/leads/00000000-0000-0000-0000-000000000000/enrich", "application/json", "", Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(get("/api/leads/00000000-0000-0000-0000-000000000000/enrichment").statusCode()).isEqualTo(404);
    }
}
