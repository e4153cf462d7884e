package io.leadhub.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.leadhub.SharedHubTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The enrich-provider route for Apollo, against a local server speaking Apollo's API. */
class ApolloProviderTest extends SharedHubTest {

    @Autowired
    ProducerTemplate camel;

    private ProviderAnswer ask(String provider, String signal, String key, Map<String, String> params) {
        var request = new ProviderRequest(provider, signal, key, UUID.randomUUID(), params);
        return camel.requestBody("direct:enrich-provider-" + provider, request, ProviderAnswer.class);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    @Test
    void organizationEnrichmentAnswersCompanyTechstackAndFundingOncePerDomain() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/api/v1/organizations/enrich"))
                .withQueryParam("domain", equalTo("acme-robotics.com"))
                .withHeader("x-api-key", equalTo("apollo-test-key"))
                .willReturn(json(fixture("apollo/organizations-enrich.json"))));

        var company = ask("apollo", "company", "domain:acme-robotics.com", Map.of("domain", "acme-robotics.com"));
        assertThat(company.outcome()).isEqualTo("hit");
        assertThat(company.fields()).containsEntry("company_name", "Acme Robotics")
                .containsEntry("company_employees", 240).containsKey("technologies").containsKey("company_industry");
        assertThat(company.cost()).isEqualTo(1.0);

        // the same domain for another signal (or another lead) is answered from the cache
        var techstack = ask("apollo", "techstack", "domain:acme-robotics.com", Map.of("domain", "acme-robotics.com"));
        assertThat(techstack.cached()).isTrue();
        assertThat(techstack.fields()).containsKey("technologies");
        VENDORS.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/organizations/enrich")));
    }

    @Test
    void peopleMatchSendsDetailsAsQueryParameters() {
        VENDORS.stubFor(WireMock.post(urlPathEqualTo("/api/v1/people/match"))
                .withQueryParam("email", equalTo("jane.doe@acme-robotics.com"))
                .willReturn(json(fixture("apollo/people-match.json"))));
        var person = ask("apollo", "person", "email:jane.doe@acme-robotics.com",
                Map.of("email", "jane.doe@acme-robotics.com", "firstName", "Jane", "domain", "acme-robotics.com"));
        assertThat(person.outcome()).isEqualTo("hit");
        assertThat(person.fields()).containsKey("person_title").containsKey("person_seniority");
        VENDORS.verify(postRequestedFor(urlPathEqualTo("/api/v1/people/match"))
                .withQueryParam("first_name", equalTo("Jane")).withQueryParam("domain", equalTo("acme-robotics.com")));

        VENDORS.stubFor(WireMock.post(urlPathEqualTo("/api/v1/people/match"))
                .withQueryParam("email", equalTo("nobody@acme-robotics.com"))
                .willReturn(json("{\"person\": null}")));
        assertThat(ask("apollo", "person", "email:nobody@acme-robotics.com", Map.of("email", "nobody@acme-robotics.com")).outcome())
                .isEqualTo("not_found");
    }

    @Test
    void anInvalidKeyIsMisconfigured() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/api/v1/organizations/enrich")).withQueryParam("domain", equalTo("badkey.io"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "text/plain")
                        .withBody("Invalid API key. See https://docs.apollo.io/reference/authentication for how to authenticate.")));
        assertThat(ask("apollo", "company", "domain:badkey.io", Map.of("domain", "badkey.io")).outcome()).isEqualTo("misconfigured");
    }

    @Test
    void slowsDownBeforeTheMinuteLimitFromApollosHeaders() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/api/v1/organizations/enrich"))
                .willReturn(json(fixture("apollo/organizations-enrich.json"))
                        .withHeader("x-rate-limit-minute", "50").withHeader("x-minute-usage", "49")
                        .withHeader("x-minute-requests-left", "1")));
        ask("apollo-limited", "company", "domain:first.io", Map.of("domain", "first.io"));
        long started = System.nanoTime();
        var second = ask("apollo-limited", "company", "domain:second.io", Map.of("domain", "second.io"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(second.outcome()).isEqualTo("hit");
        assertThat(tookMillis).as("spread the last request over the minute: 60 s / 50").isGreaterThanOrEqualTo(1100);
    }
}
