package io.leadhub.ingest.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

class HubSpotWebhookTest extends SharedHubTest {

    private java.net.http.HttpResponse<String> deliver(String fixture) {
        var body = fixture("hubspot/" + fixture);
        return post("/webhooks/hubspot", "application/json", body, hubSpotSigned(body, System.currentTimeMillis()));
    }

    private void stubContact(String id, String fixture) {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/crm/v3/objects/contacts/" + id))
                .withHeader("Authorization", equalTo("Bearer pat-test-token"))
                .willReturn(okJson(fixture("hubspot/" + fixture))));
    }

    private long leads(String email) {
        return leadCount("email = ?", email);
    }

    @Test
    void createdContactsAreFetchedOnceAndStoredAndARedeliveryFetchesNothing() {
        stubContact("1001", "contact-1001.json");
        stubContact("1002", "contact-1002.json");

        assertThat(deliver("contact-creation.json").statusCode()).isEqualTo(200);
        assertThat(leads("jane.doe@acme-robotics.com")).isEqualTo(1);
        assertThat(leads("j.mueller@beispiel-gmbh.de")).isEqualTo(1);
        var jane = jdbc.sql("SELECT title || '|' || phone || '|' || linkedin_url || '|' || company_domain || '|' || country FROM lead WHERE email = 'jane.doe@acme-robotics.com'")
                .query(String.class).single();
        assertThat(jane).isEqualTo("VP Engineering|+14155550132|https://www.linkedin.com/in/jane-doe-acme-robotics|acme-robotics.com|US");
        VENDORS.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/1001"))
                .withQueryParam("properties", WireMock.containing("hs_linkedin_url")));

        assertThat(deliver("contact-creation.json").statusCode()).isEqualTo(200);
        VENDORS.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/1001")));
        VENDORS.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/1002")));
        assertThat(leads("jane.doe@acme-robotics.com")).isEqualTo(1);

        // a later change of the same contact is a new event: the contact is read again, still one lead
        assertThat(deliver("contact-property-change.json").statusCode()).isEqualTo(200);
        VENDORS.verify(2, getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/1001")));
        assertThat(leads("jane.doe@acme-robotics.com")).isEqualTo(1);
    }

    @Test
    void badSignatureAndStaleTimestampAreRefusedWithoutFetching() {
        var body = fixture("hubspot/contact-deletion.json").replace("contact.deletion", "contact.creation");
        var forged = post("/webhooks/hubspot", "application/json", body,
                Map.of("X-HubSpot-Signature-v3", "bm90IGEgc2lnbmF0dXJl", "X-HubSpot-Request-Timestamp", Long.toString(System.currentTimeMillis())));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(readJson(forged).path("error").asText()).contains("X-HubSpot-Signature-v3 does not match");

        var stale = post("/webhooks/hubspot", "application/json", body, hubSpotSigned(body, System.currentTimeMillis() - 6 * 60_000));
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(readJson(stale).path("error").asText()).contains("stale HubSpot request");

        var unsigned = post("/webhooks/hubspot", "application/json", body, Map.of());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        VENDORS.verify(0, getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/1003")));
    }

    @Test
    void deletionsAreAcknowledgedWithoutAFetch() {
        assertThat(deliver("contact-deletion.json").statusCode()).isEqualTo(200);
        VENDORS.verify(0, getRequestedFor(WireMock.urlPathMatching("/crm/v3/objects/contacts/.*")));
    }

    @Test
    void aContactGoneBeforeTheFetchIsRejectedWithAReason() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/crm/v3/objects/contacts/1001"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(fixture("hubspot/contact-not-found.json"))));
        var body = fixture("hubspot/contact-property-change.json").replace("4211650517", "4211659999");
        assertThat(post("/webhooks/hubspot", "application/json", body, hubSpotSigned(body, System.currentTimeMillis())).statusCode())
                .isEqualTo(200);
        assertThat(jdbc.sql("SELECT reason FROM ingest_rejection WHERE source = 'hubspot' AND position = 'contact 1001'")
                .query(String.class).list()).anyMatch(r -> r.contains("HubSpot contact 1001 no longer exists"));
    }

    @Test
    void aRateLimitedFetchAsksHubSpotToRetryAndTheRetryIsAccepted() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/crm/v3/objects/contacts/1002"))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("Retry-After", "1").withBody(fixture("hubspot/rate-limit.json"))));
        var body = fixture("hubspot/contact-creation.json").replace("4211650401", "5211650401")
                .replace("4211650402", "5211650402").replace("\"objectId\":1001", "\"objectId\":1002");
        var limited = post("/webhooks/hubspot", "application/json", body, hubSpotSigned(body, System.currentTimeMillis()));
        assertThat(limited.statusCode()).isEqualTo(503);
        assertThat(readJson(limited).path("error").asText()).contains("hubspot API answered 429");

        VENDORS.resetAll();
        stubContact("1002", "contact-1002.json");
        var retried = post("/webhooks/hubspot", "application/json", body, hubSpotSigned(body, System.currentTimeMillis()));
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(leads("j.mueller@beispiel-gmbh.de")).isEqualTo(1);
        // both events were for contact 1002: one fetch served them
        VENDORS.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/1002")));
    }
}
