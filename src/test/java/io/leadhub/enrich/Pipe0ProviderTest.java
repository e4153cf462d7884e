package io.leadhub.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

/** pipe0's pipes API, sync and async (run, then check until completed), against its wire format. */
class Pipe0ProviderTest extends SharedHubTest {

    private ProviderAnswer ask(String provider, String domain) {
        var request = new ProviderRequest(provider, "company_overview", "domain:" + domain, UUID.randomUUID(),
                Map.of("domain", domain, "companyName", "Acme Robotics"));
        return askProvider(request);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void syncRunReadsTheCompletedFields() {
        VENDORS.stubFor(WireMock.post(urlPathEqualTo("/v1/pipes/run/sync")).withHeader("Authorization", equalTo("Bearer pipe0-test-key"))
                .willReturn(json(fixture("pipe0/run-sync-response.json"))));
        var answer = ask("pipe0", "acme-robotics.com");
        assertThat(answer.outcome()).isEqualTo("hit");
        assertThat(answer.fields()).containsKey("company_description").containsKey("company_industry")
                .doesNotContainKey("company_domain");
        VENDORS.verify(postRequestedFor(urlPathEqualTo("/v1/pipes/run/sync"))
                .withRequestBody(matchingJsonPath("$.pipes[0].pipe_id", equalTo("company:overview@3")))
                .withRequestBody(matchingJsonPath("$.input[0].company_domain", equalTo("acme-robotics.com"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void severalQuestionsGoInOneRunAsInputRecords() throws Exception {
        var run = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(fixture("pipe0/run-sync-response.json"));
        run.withArray("order").add("2");
        // record "2" knows nothing: no output field of it has a completed value
        ((com.fasterxml.jackson.databind.node.ObjectNode) run.path("records")).putObject("2").put("id", "2").putObject("fields");
        VENDORS.stubFor(WireMock.post(urlPathEqualTo("/v1/pipes/run/sync")).willReturn(json(run.toString())));

        var requests = java.util.List.of("acme-robotics.com", "nobody-knows.dev").stream()
                .map(d -> new ProviderRequest("pipe0", "company_overview", "domain:" + d + "#multi", UUID.randomUUID(), Map.of("domain", d)))
                .toList();
        var answers = askProvider("pipe0", requests);

        assertThat(answers).extracting(ProviderAnswer::outcome).containsExactly("hit", "not_found");
        VENDORS.verify(1, postRequestedFor(urlPathEqualTo("/v1/pipes/run/sync"))
                .withRequestBody(matchingJsonPath("$.input[0].id", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.input[1].id", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.input[1].company_domain", equalTo("nobody-knows.dev"))));
    }

    @Test
    void asyncRunIsPolledUntilCompleted() {
        VENDORS.stubFor(WireMock.post(urlPathEqualTo("/v1/pipes/run")).willReturn(json(fixture("pipe0/run-response.json"))));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v1/pipes/check/xgvxuqk2771d8t17n60vphu9")).inScenario("run")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(json(fixture("pipe0/check-pending.json"))).willSetStateTo("done"));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v1/pipes/check/xgvxuqk2771d8t17n60vphu9")).inScenario("run")
                .whenScenarioStateIs("done").willReturn(json(fixture("pipe0/check-completed.json"))));

        var answer = ask("pipe0-async", "acme-robotics.com");
        assertThat(answer.outcome()).isEqualTo("hit");
        assertThat(answer.fields().get("company_description").toString()).contains("autonomous mobile robots");
        VENDORS.verify(2, WireMock.getRequestedFor(urlPathEqualTo("/v1/pipes/check/xgvxuqk2771d8t17n60vphu9")));
    }
}
