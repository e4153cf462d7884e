package io.leadhub.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.leadhub.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole enrichment stage, from POST /api/leads to status 'enriched', against the local vendor server.
 * Its own context (enrichment on, its own database), so its background calls stay out of the other tests.
 */
class EnrichmentStageTest extends HubTestSupport {

    @DynamicPropertySource
    static void enrichmentOn(DynamicPropertyRegistry registry) {
        var overrides = new java.util.HashMap<String, String>();
        overrides.put("leadhub.enrichment.enabled", "true");
        overrides.put("leadhub.enrichment.batch-size", "200");
        overrides.put("leadhub.enrichment.batch-timeout", "200");
        overrides.put("leadhub.api.max-records", "500");
        overrides.put("leadhub.enrichment.sweep-age", "3000");
        overrides.put("leadhub.enrichment.sweep-interval", "500");
        overrides.put("leadhub.embedded-postgres.data-dir", WORK.resolve("pg-enrichment").toString());
        overrides.put("leadhub.inbox.dir", WORK.resolve("inbox-enrichment").toString());
        overrides.put("leadhub.scheduler-name", "enrichment-test");
        for (var id : new String[]{"hunter-outage", "hunter-quota", "hunter-capped", "hunter-keyless"}) {
            overrides.put("leadhub.providers." + id + ".enabled", "false");
        }
        overrides.put("leadhub.providers.hunter.priority", "10");
        overrides.put("leadhub.providers.apollo.priority", "10");
        overrides.put("leadhub.providers.apollo.signals", "company,techstack,funding");
        // a second company source, asked only where the first knows nothing
        overrides.put("leadhub.providers.apollo-limited.priority", "20");
        overrides.put("leadhub.providers.apollo-limited.api-key", "apollo-backup-key");
        overrides.put("leadhub.providers.apollo-limited.signals", "company");
        // timeouts count against a provider's breaker: on a busy test machine the local server can take over a second
        for (var id : new String[]{"hunter", "apollo", "apollo-limited", "pdl", "pipe0", "pipe0-async", "website"}) {
            overrides.put("leadhub.providers." + id + ".timeout", "5000");
        }
        hubProperties(registry, overrides);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Leads at the status or past it: an enriched lead goes straight on to scoring. */
    private long status(String emailLike, String status) {
        var reached = "enriched".equals(status) ? new String[]{"enriched", "scored"} : new String[]{status};
        return jdbc.sql("SELECT count(*) FROM lead WHERE email LIKE :e AND status = ANY(:s)")
                .param("e", emailLike).param("s", reached).query(Long.class).single();
    }

    @Test
    void leadsEndEnrichedWithAnExplainedProfileAndCompaniesAreAskedOncePerDomain() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).willReturn(json(fixture("hunter/email-verifier-valid.json"))));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/api/v1/organizations/enrich"))
                .withHeader("x-api-key", equalTo("apollo-test-key")).willReturn(json(fixture("apollo/organizations-enrich.json"))));
        var organizations = readTree("{\"status\": \"success\"}");
        var list = ((com.fasterxml.jackson.databind.node.ObjectNode) organizations).putArray("organizations");
        for (int i = 9; i >= 0; i--) { // Apollo does not promise the order of the domains asked
            var org = (com.fasterxml.jackson.databind.node.ObjectNode) readTree(fixture("apollo/organizations-enrich.json")).path("organization");
            list.add(org.put("primary_domain", "stage" + i + ".com").put("website_url", "http://www.stage" + i + ".com"));
        }
        VENDORS.stubFor(WireMock.post(urlPathEqualTo("/api/v1/organizations/bulk_enrich"))
                .withHeader("x-api-key", equalTo("apollo-test-key")).willReturn(json(organizations.toString())));

        var leads = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            leads.append(i == 0 ? "" : ",").append("{\"email\":\"p").append(i).append("@stage").append(i % 10).append(".com\"}");
        }
        leads.append(",{\"email\":\"solo.founder@gmail.com\"}]");
        assertThat(postJson("/api/leads", leads.toString()).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> status("%@stage%.com", "enriched") == 100
                && status("solo.founder@gmail.com", "enriched") == 1);
        // ten domains, each asked once, in bulk requests of up to ten; how many requests depends on how many
        // batches the leads arrived in (timing), never more than one per domain
        assertThat(companyDomainsAsked()).hasSize(10).doesNotHaveDuplicates();
        assertThat(companyCalls()).isLessThanOrEqualTo(10);
        assertThat(VENDORS.findAll(WireMock.postRequestedFor(urlPathEqualTo("/api/v1/organizations/bulk_enrich")))).isNotEmpty();
        VENDORS.verify(101, getRequestedFor(urlPathEqualTo("/v2/email-verifier")));

        var profile = jdbc.sql("""
                        SELECT p.profile::text, p.signals_found::text, p.signals_missed::text FROM lead_profile p
                        JOIN lead l ON l.id = p.lead_id WHERE l.email = 'p3@stage3.com'""")
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}).single();
        var fields = readTree(profile[0]);
        assertThat(fields.path("company_name").path("value").asText()).isEqualTo("Acme Robotics");
        assertThat(fields.path("company_name").path("provider").asText()).isEqualTo("apollo");
        assertThat(fields.path("email_status").path("provider").asText()).isEqualTo("hunter");
        assertThat(fields.path("company_name").path("confidence").asDouble()).isPositive();
        assertThat(profile[1]).contains("company").contains("email_verification");
        // the backup company provider was never asked: the first answered
        VENDORS.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/organizations/enrich")).withHeader("x-api-key", equalTo("apollo-backup-key")));

        // a re-run of the same leads within the cache TTL makes no provider call at all
        var before = jdbc.sql("SELECT max(enriched_at) FROM lead_profile").query(java.sql.Timestamp.class).single();
        var rerun = postJson("/api/enrichments", "{\"status\": \"enriched\"}");
        assertThat(rerun.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT count(*) FROM lead_profile WHERE enriched_at > :before").param("before", before).query(Long.class).single() >= 101);
        assertThat(companyDomainsAsked()).hasSize(10);
        VENDORS.verify(101, getRequestedFor(urlPathEqualTo("/v2/email-verifier")));

        var soloMissed = jdbc.sql("SELECT p.signals_missed::text FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email = 'solo.founder@gmail.com'")
                .query(String.class).single();
        assertThat(soloMissed).contains("no_input: needs a company domain");
    }

    private static java.util.List<String> companyDomainsAsked() {
        var domains = new java.util.ArrayList<String>();
        VENDORS.findAll(WireMock.postRequestedFor(urlPathEqualTo("/api/v1/organizations/bulk_enrich")))
                .forEach(r -> domains.addAll(r.queryParameter("domains[]").values()));
        VENDORS.findAll(getRequestedFor(urlPathEqualTo("/api/v1/organizations/enrich")))
                .forEach(r -> domains.add(r.queryParameter("domain").firstValue()));
        return domains;
    }

    private static int companyCalls() {
        return VENDORS.findAll(WireMock.postRequestedFor(urlPathEqualTo("/api/v1/organizations/bulk_enrich"))).size()
                + VENDORS.findAll(getRequestedFor(urlPathEqualTo("/api/v1/organizations/enrich"))).size();
    }

    @Test
    void theWaterfallAsksTheNextProviderWhereTheFirstKnowsNothing() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).willReturn(json(fixture("hunter/email-verifier-valid.json"))));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/api/v1/organizations/enrich")).withHeader("x-api-key", equalTo("apollo-test-key"))
                .willReturn(json("{\"organization\": null}")));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/api/v1/organizations/enrich")).withHeader("x-api-key", equalTo("apollo-backup-key"))
                .willReturn(json(fixture("apollo/organizations-enrich.json"))));

        postJson("/api/leads", "{\"email\":\"cfo@obscure-startup.io\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> status("cfo@obscure-startup.io", "enriched") == 1);

        var found = jdbc.sql("SELECT p.signals_found::text || p.signals_missed::text FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email = 'cfo@obscure-startup.io'")
                .query(String.class).single();
        assertThat(found).contains("\"provider\": \"apollo-limited\"").contains("not_found");
        VENDORS.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/organizations/enrich")).withHeader("x-api-key", equalTo("apollo-backup-key")));
    }

    @Test
    void aLeadLeftReceivedByACrashIsPickedUpBySweep() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).willReturn(json(fixture("hunter/email-verifier-valid.json"))));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/api/v1/organizations/enrich")).willReturn(json(fixture("apollo/organizations-enrich.json"))));
        // stored before a crash, its hand-off lost with the in-process queue
        jdbc.sql("""
                INSERT INTO lead (workspace, lead_key, status, email, company_domain, first_source, received_at, updated_at)
                VALUES ('default', 'email:orphan@crashed-co.com', 'received', 'orphan@crashed-co.com', 'crashed-co.com', 'api',
                        now() - interval '1 hour', now() - interval '1 hour')""").update();
        await().atMost(Duration.ofSeconds(30)).until(() -> status("orphan@crashed-co.com", "enriched") == 1);
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
