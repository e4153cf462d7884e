package io.leadhub.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.leadhub.RouteDone.any;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

class PolledSourceTest extends SharedHubTest {

    private static String contact(int id, String updatedAt) {
        return """
                {"id": %d, "updated_at": "%s", "contact": {"email": "c%d@polled-co.com", "name": "Contact %d"},
                 "company": {"name": "Polled Co"}}""".formatted(id, updatedAt, id, id);
    }

    private static String page(String... items) {
        return "{\"data\": [" + String.join(",", items) + "], \"meta\": {\"per_page\": 2}}";
    }

    private Optional<String> watermark() {
        return jdbc.sql("SELECT watermark FROM poll_watermark WHERE source_name = 'crm-export'")
                .query(String.class).optional();
    }

    /** Runs the source now (its schedule never fires in the tests) and waits until its route has finished the run. */
    private void poll(String source) {
        var polled = whenRouteDone("poll-source-" + source, any());
        assertThat(post("/api/sources/" + source + "/poll", "application/json", "", java.util.Map.of()).statusCode()).isEqualTo(202);
        polled.await(Duration.ofSeconds(30));
    }

    private long lastRunMillis() {
        return jdbc.sql("SELECT coalesce(extract(epoch FROM max(last_run_at)) * 1000, 0)::bigint FROM poll_watermark WHERE source_name = 'crm-export'")
                .query(Long.class).single();
    }

    @Test
    void pagesThroughThreePagesThenFetchesOnlyWhatIsNewer() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v1/contacts")).withQueryParam("page", equalTo("1"))
                .withQueryParam("updated_since", absent())
                .willReturn(okJson(page(contact(1, "2026-11-01T10:00:00Z"), contact(2, "2026-11-01T11:00:00Z")))));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v1/contacts")).withQueryParam("page", equalTo("2"))
                .withQueryParam("updated_since", absent())
                .willReturn(okJson(page(contact(3, "2026-11-02T10:00:00Z"), contact(4, "2026-11-02T11:00:00Z")))));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v1/contacts")).withQueryParam("page", equalTo("3"))
                .withQueryParam("updated_since", absent())
                .willReturn(okJson(page(contact(5, "2026-11-03T09:30:00Z")))));

        poll("crm-export");
        assertThat(watermark()).contains("2026-11-03T09:30:00Z");

        assertThat(leadCount("email LIKE '%@polled-co.com'")).isEqualTo(5);
        VENDORS.verify(3, getRequestedFor(urlPathEqualTo("/v1/contacts"))
                .withQueryParam("list", equalTo("all"))
                .withQueryParam("per_page", equalTo("2"))
                .withHeader("Authorization", equalTo("Bearer source-token")));

        // second run: the source is asked only for records updated since the watermark
        VENDORS.resetAll();
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v1/contacts")).withQueryParam("page", equalTo("1"))
                .withQueryParam("updated_since", equalTo("2026-11-03T09:30:00Z"))
                .willReturn(okJson(page(contact(5, "2026-11-03T09:30:00Z"), contact(6, "2026-11-04T08:00:00Z")))));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v1/contacts")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(page())));
        long before = lastRunMillis();
        poll("crm-export");
        assertThat(watermark()).contains("2026-11-04T08:00:00Z");

        assertThat(lastRunMillis()).isGreaterThanOrEqualTo(before);
        assertThat(leadCount("email LIKE '%@polled-co.com'")).isEqualTo(6);
        // contact 5 came again at the same version: no second source record for it
        assertThat(jdbc.sql("SELECT count(*) FROM source_record WHERE source = 'poll:crm-export'").query(Long.class).single())
                .isEqualTo(6);
        VENDORS.verify(0, getRequestedFor(urlPathEqualTo("/v1/contacts")).withQueryParam("updated_since", absent()));
        var sources = readJson(get("/api/sources"));
        assertThat(sources.findValuesAsText("name")).contains("crm-export", "hubspot-contacts");
    }

    @Test
    void hubSpotSourceSearchesByLastModifiedDateAfterTheWatermark() {
        VENDORS.stubFor(WireMock.post(urlPathEqualTo("/crm/v3/objects/contacts/search"))
                .withHeader("Authorization", equalTo("Bearer pat-test-token"))
                .withRequestBody(WireMock.matchingJsonPath("$.after", absent()))
                .willReturn(okJson(fixture("hubspot/search-page-1.json"))));
        VENDORS.stubFor(WireMock.post(urlPathEqualTo("/crm/v3/objects/contacts/search"))
                .withRequestBody(WireMock.matchingJsonPath("$.after", equalTo("2")))
                .willReturn(okJson(fixture("hubspot/search-page-2.json"))));

        poll("hubspot-contacts");
        assertThat(jdbc.sql("SELECT watermark FROM poll_watermark WHERE source_name = 'hubspot-contacts'").query(String.class)
                .optional()).contains("2026-11-03T10:00:00Z");
        assertThat(leadCount("email IN ('p1@northwind.io', 'p2@northwind.io', 'p3@contoso.com')")).isEqualTo(3);
        VENDORS.verify(2, WireMock.postRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/search"))
                .withRequestBody(WireMock.matchingJsonPath("$.sorts[0].propertyName", equalTo("lastmodifieddate")))
                .withRequestBody(WireMock.matchingJsonPath("$.filterGroups", WireMock.equalToJson("[]"))));

        VENDORS.resetAll();
        VENDORS.stubFor(WireMock.post(urlPathEqualTo("/crm/v3/objects/contacts/search"))
                .willReturn(okJson("{\"total\":0,\"results\":[]}")));
        poll("hubspot-contacts");
        var watermarkMillis = Long.toString(java.time.Instant.parse("2026-11-03T10:00:00Z").toEpochMilli());
        VENDORS.verify(1, WireMock.postRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/search"))
                .withRequestBody(WireMock.matchingJsonPath("$.filterGroups[0].filters[0].operator", equalTo("GT")))
                .withRequestBody(WireMock.matchingJsonPath("$.filterGroups[0].filters[0].value", equalTo(watermarkMillis))));
    }

    @Test
    void aFailingSourceKeepsItsWatermarkAndSaysWhy() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v1/contacts"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)
                        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"maintenance\"}")));
        var watermarkBefore = watermark();
        poll("crm-export");
        assertThat(jdbc.sql("SELECT coalesce(last_error, '') FROM poll_watermark WHERE source_name = 'crm-export'")
                .query(String.class).single()).contains("503");
        assertThat(watermark()).isEqualTo(watermarkBefore);
    }
}
