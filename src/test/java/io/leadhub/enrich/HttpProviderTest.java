package io.leadhub.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

/** A provider added by configuration alone (type http), here shaped like People Data Labs' company enrichment. */
class HttpProviderTest extends SharedHubTest {

    private ProviderAnswer ask(String domain) {
        var request = new ProviderRequest("pdl", "company", "domain:" + domain, UUID.randomUUID(), Map.of("domain", domain));
        return askProvider(request);
    }

    @Test
    void mapsTheAnswerByJsonPointerAndTreats404AsAMiss() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v5/company/enrich")).withQueryParam("website", equalTo("acme-robotics.com"))
                .withQueryParam("pretty", equalTo("false")).withHeader("X-Api-Key", equalTo("pdl-test-key"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"status": 200, "name": "acme robotics", "display_name": "Acme Robotics", "size": "201-500",
                         "employee_count": 240, "id": "acme-robotics", "founded": 2016, "industry": "machinery",
                         "linkedin_url": "linkedin.com/company/acme-robotics", "website": "acme-robotics.com",
                         "likelihood": 6}""")));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v5/company/enrich")).withQueryParam("website", equalTo("unknown-co.io"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("""
                        {"status": 404, "error": {"type": "not_found", "message": "No records were found matching your request"}}""")));

        var hit = ask("acme-robotics.com");
        assertThat(hit.outcome()).isEqualTo("hit");
        assertThat(hit.fields()).containsEntry("company_name", "Acme Robotics").containsEntry("company_employees", 240)
                .containsEntry("company_industry", "machinery");

        var miss = ask("unknown-co.io");
        assertThat(miss.outcome()).isEqualTo("not_found");
        assertThat(ask("unknown-co.io").cached()).as("a miss is cached too").isTrue();
    }
}
