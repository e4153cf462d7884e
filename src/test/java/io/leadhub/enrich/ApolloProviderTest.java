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
import org.junit.jupiter.api.Test;

/** The enrich-provider route for Apollo, against a local server speaking Apollo's API. */
class ApolloProviderTest extends SharedHubTest {

    private ProviderAnswer ask(String provider, String signal, String key, Map<String, String> params) {
        var request = new ProviderRequest(provider, signal, key, UUID.randomUUID(), params);
        return askProvider(request);
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

    private java.util.List<ProviderAnswer> askAll(java.util.List<ProviderRequest> requests) {
        return askProvider("apollo", requests);
    }

    @Test
    void severalDomainsGoInOneBulkRequestAndComeBackByDomain() {
        VENDORS.stubFor(WireMock.post(urlPathEqualTo("/api/v1/organizations/bulk_enrich"))
                .withHeader("x-api-key", equalTo("apollo-test-key"))
                .willReturn(json(fixture("apollo/organizations-bulk-enrich.json"))));
        var domains = java.util.List.of("globex-logistics.com", "unknown-bulk.dev", "acme-robotics.com");
        var answers = askAll(domains.stream().map(d -> new ProviderRequest("apollo", "company", "domain:" + d + "#bulk",
                UUID.randomUUID(), Map.of("domain", d))).toList());

        assertThat(answers).extracting(ProviderAnswer::outcome).containsExactly("hit", "not_found", "hit");
        assertThat(answers.get(0).fields()).containsEntry("company_domain", "globex-logistics.com");
        assertThat(answers.get(2).fields()).containsEntry("company_name", "Acme Robotics");
        var calls = VENDORS.findAll(postRequestedFor(urlPathEqualTo("/api/v1/organizations/bulk_enrich")));
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).queryParameter("domains[]").values()).containsExactlyElementsOf(domains);
        VENDORS.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/organizations/enrich")));
        // billed per record, as Apollo does: one credit per organization found
        assertThat(answers).extracting(ProviderAnswer::cost).containsExactly(1.0, 0.0, 1.0);
    }

    @Test
    void severalPeopleGoInOneBulkMatchAlignedWithTheirDetails() {
        VENDORS.stubFor(WireMock.post(urlPathEqualTo("/api/v1/people/bulk_match"))
                .willReturn(json(fixture("apollo/people-bulk-match.json"))));
        var answers = askAll(java.util.List.of(
                new ProviderRequest("apollo", "person", "email:jane.doe@acme-robotics.com#bulk", UUID.randomUUID(),
                        Map.of("email", "jane.doe@acme-robotics.com", "firstName", "Jane")),
                new ProviderRequest("apollo", "person", "email:ghost@acme-robotics.com#bulk", UUID.randomUUID(),
                        Map.of("email", "ghost@acme-robotics.com"))));

        assertThat(answers).extracting(ProviderAnswer::outcome).containsExactly("hit", "not_found");
        assertThat(answers.get(0).fields()).containsEntry("person_email", "jane.doe@acme-robotics.com");
        VENDORS.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/people/bulk_match"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.details[0].email", equalTo("jane.doe@acme-robotics.com")))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.details[0].first_name", equalTo("Jane")))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.details[1].email", equalTo("ghost@acme-robotics.com"))));
        VENDORS.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/people/match")));
    }

    @Test
    void aBulkRequestAsksOnlyWhatTheCacheDoesNotKnow() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/api/v1/organizations/enrich"))
                .willReturn(json(fixture("apollo/organizations-enrich.json"))));
        VENDORS.stubFor(WireMock.post(urlPathEqualTo("/api/v1/organizations/bulk_enrich"))
                .willReturn(json(fixture("apollo/organizations-bulk-enrich.json"))));
        ask("apollo", "company", "domain:acme-robotics.com#partly-cached", Map.of("domain", "acme-robotics.com"));

        var answers = askAll(java.util.List.of(
                new ProviderRequest("apollo", "company", "domain:acme-robotics.com#partly-cached", UUID.randomUUID(), Map.of("domain", "acme-robotics.com")),
                new ProviderRequest("apollo", "company", "domain:globex-logistics.com#partly-cached", UUID.randomUUID(), Map.of("domain", "globex-logistics.com"))));
        assertThat(answers.get(0).cached()).isTrue();
        assertThat(answers.get(1).outcome()).isEqualTo("hit");
        // one question left: the single-record endpoint, not the bulk one
        VENDORS.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/organizations/bulk_enrich")));
        VENDORS.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/organizations/enrich")).withQueryParam("domain", equalTo("globex-logistics.com")));
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
