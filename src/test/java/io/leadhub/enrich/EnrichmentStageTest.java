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
import io.leadhub.RouteDone;
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
        var overrides = ownHub("enrichment");
        overrides.put("leadhub.enrichment.enabled", "true");
        overrides.put("leadhub.enrichment.batch-size", "200");
        overrides.put("leadhub.enrichment.batch-timeout", "200");
        overrides.put("leadhub.api.max-records", "500");
        overrides.put("leadhub.enrichment.sweep-age", "3000");
        overrides.put("leadhub.enrichment.sweep-interval", "500");
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
        // leads that missed a signal because of an error are asked again in real time: after 300 ms, then 600, 1200,
        // 2400, 4800 (five retries); only leads with such a miss are asked again (the other tests' leads have none)
        overrides.put("leadhub.enrichment.error-retry-delay", "300ms");
        overrides.put("leadhub.enrichment.error-retry-backoff", "2");
        overrides.put("leadhub.enrichment.error-retry-max-attempts", "5");
        overrides.put("leadhub.enrichment.error-retry-check-interval", "200");
        // the outage tests' 503s must not open hunter's breaker for the other tests (ProviderBreakerTest covers it)
        overrides.put("leadhub.providers.hunter.breaker-minimum-calls", "1000");
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
        var before = jdbc.sql("SELECT max(p.enriched_at) FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email LIKE '%@stage%.com'")
                .query(java.sql.Timestamp.class).single();
        // once the stage is done with them (scored, no lease of the enrichment stage left: a lead still leased is
        // not queued twice), asked again by id
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
                        SELECT count(*) FROM lead l WHERE (l.email LIKE '%@stage%.com' OR l.email = 'solo.founder@gmail.com')
                        AND l.status = 'scored' AND NOT EXISTS (SELECT 1 FROM stage_lease sl WHERE sl.stage = 'enrich' AND sl.lead_id = l.id)""")
                .query(Long.class).single() == 101);
        var ids = jdbc.sql("SELECT '\"' || id::text || '\"' FROM lead WHERE email LIKE '%@stage%.com' OR email = 'solo.founder@gmail.com'")
                .query(String.class).list();
        var rerun = postJson("/api/enrichments", "{\"leadIds\": [" + String.join(",", ids) + "]}");
        assertThat(rerun.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT count(*) FROM lead_profile WHERE enriched_at > :before").param("before", before).query(Long.class).single() >= 101);
        assertThat(companyDomainsAsked()).hasSize(10);
        VENDORS.verify(101, getRequestedFor(urlPathEqualTo("/v2/email-verifier")));

        var soloMissed = jdbc.sql("SELECT p.signals_missed::text FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email = 'solo.founder@gmail.com'")
                .query(String.class).single();
        assertThat(soloMissed).contains("no_input: needs a company domain");
        // nothing missed because of an error, so none of these leads is asked again by the error retries
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM enrichment_retry r JOIN lead l ON l.id = r.lead_id
                        WHERE l.email LIKE '%@stage%.com' OR l.email = 'solo.founder@gmail.com'""")
                .query(Long.class).single()).isZero();
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
        var orphan = java.util.UUID.randomUUID();
        // the batch the sweep's hand-off ends in (the received queue's consumer gathers lead ids into batches)
        var enriched = whenRouteDone("enrich-queue", exchange -> exchange.getProperty(org.apache.camel.Exchange.AGGREGATED_SIZE) != null
                && RouteDone.naming(orphan.toString()).matches(exchange));
        // stored before a crash, its hand-off lost with the in-process queue
        jdbc.sql("""
                INSERT INTO lead (id, workspace, lead_key, status, email, company_domain, first_source, received_at, updated_at)
                VALUES (:id, 'default', 'email:orphan@crashed-co.com', 'received', 'orphan@crashed-co.com', 'crashed-co.com', 'api',
                        now() - interval '1 hour', now() - interval '1 hour')""").param("id", orphan).update();
        enriched.await(Duration.ofSeconds(30));
        assertThat(status("orphan@crashed-co.com", "enriched")).isEqualTo(1);
    }

    private String profileOf(String email) {
        return jdbc.sql("""
                        SELECT p.signals_found::text || ' ' || p.signals_missed::text FROM lead_profile p
                        JOIN lead l ON l.id = p.lead_id WHERE l.email = :e""")
                .param("e", email).query(String.class).optional().orElse("");
    }

    /** The lead's error retry: attempts so far and whether another is planned; null when it has none. */
    private Object[] retryOf(String email) {
        return jdbc.sql("""
                        SELECT r.attempts, r.next_at IS NOT NULL FROM enrichment_retry r JOIN lead l ON l.id = r.lead_id
                        WHERE l.email = :e""")
                .param("e", email).query((rs, n) -> new Object[]{rs.getInt(1), rs.getBoolean(2)}).optional().orElse(null);
    }

    private long verifierRequests(String email) {
        return VENDORS.findAll(getRequestedFor(urlPathEqualTo("/v2/email-verifier")).withQueryParam("email", equalTo(email))).size();
    }

    /** Company questions about the domain, asked one at a time or in bulk. */
    private long companyRequests(String domain) {
        return companyDomainsAsked().stream().filter(domain::equals).count();
    }

    private java.sql.Timestamp enrichedAt(String email) {
        return jdbc.sql("SELECT p.enriched_at FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email = :e")
                .param("e", email).query(java.sql.Timestamp.class).single();
    }

    @Test
    void aLeadEnrichedDuringAnOutageIsHealedOnceTheProviderIsBackAndNotFoundIsNotAskedAgain() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).withQueryParam("email", equalTo("healed@outage-co.com"))
                .willReturn(aResponse().withStatus(503).withBody("{\"errors\":[{\"id\":\"service_unavailable\",\"code\":503}]}")));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).withQueryParam("email", equalTo("known@quiet-co.com"))
                .willReturn(json(fixture("hunter/email-verifier-valid.json"))));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/api/v1/organizations/enrich")).willReturn(json("{\"organization\": null}")));
        assertThat(postJson("/api/leads", "[{\"email\":\"healed@outage-co.com\"},{\"email\":\"known@quiet-co.com\"}]")
                .statusCode()).isEqualTo(202);

        // during the outage: the signal is missed with an error, and a retry is planned
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> profileOf("healed@outage-co.com").contains("\"hunter\": \"error") && retryOf("healed@outage-co.com") != null);
        assertThat(retryOf("healed@outage-co.com")[1]).isEqualTo(true);
        // the provider is back
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).withQueryParam("email", equalTo("healed@outage-co.com"))
                .willReturn(json(fixture("hunter/email-verifier-valid.json"))));

        // what every provider answered definitely (a hit, or not_found) has no retry
        await().atMost(Duration.ofSeconds(60)).until(() -> status("known@quiet-co.com", "enriched") == 1);
        assertThat(profileOf("known@quiet-co.com")).contains("not_found").doesNotContain("error");
        assertThat(retryOf("known@quiet-co.com")).isNull();
        var knownVerified = verifierRequests("known@quiet-co.com");
        var knownCompanyAsked = companyRequests("quiet-co.com");
        var knownEnrichedAt = enrichedAt("known@quiet-co.com");

        // healed by a retry, with provenance, the retry cleared, and scored again
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
                        SELECT count(*) FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email = 'healed@outage-co.com'
                        AND p.signals_found @> '[{"signal": "email_verification", "provider": "hunter"}]'""")
                .query(Long.class).single() == 1 && retryOf("healed@outage-co.com") == null);
        var fields = readTree(jdbc.sql("SELECT p.profile::text FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email = 'healed@outage-co.com'")
                .query(String.class).single());
        assertThat(fields.path("email_status").path("value").asText()).isEqualTo("valid");
        assertThat(fields.path("email_status").path("provider").asText()).isEqualTo("hunter");
        assertThat(profileOf("healed@outage-co.com")).doesNotContain("\"hunter\": \"error");
        // scored again after the healing run (a history row only if the score changed)
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
                        SELECT count(*) FROM lead_score s JOIN lead_profile p ON p.lead_id = s.lead_id JOIN lead l ON l.id = s.lead_id
                        WHERE l.email = 'healed@outage-co.com' AND s.scored_at >= p.enriched_at""").query(Long.class).single() == 1);

        // the not_found lead: over many more checks (every 200 ms) neither it nor its company is asked again
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                verifierRequests("known@quiet-co.com") == knownVerified && companyRequests("quiet-co.com") == knownCompanyAsked
                        && enrichedAt("known@quiet-co.com").equals(knownEnrichedAt) && retryOf("known@quiet-co.com") == null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    Providers providers;

    @Test
    void whileTheProvidersBreakerIsOpenItsLeadsWaitWithoutUsingUpTheirRetries() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).withQueryParam("email", equalTo("patient@breaker-co.com"))
                .willReturn(json(fixture("hunter/email-verifier-valid.json"))));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/api/v1/organizations/enrich")).willReturn(json("{\"organization\": null}")));
        var breaker = providers.require("hunter").breaker();
        breaker.transitionToForcedOpenState();
        try {
            postJson("/api/leads", "{\"email\":\"patient@breaker-co.com\"}");
            await().atMost(Duration.ofSeconds(60)).until(() -> retryOf("patient@breaker-co.com") != null
                    && profileOf("patient@breaker-co.com").contains("circuit_open"));
            // its retries fall due after 300 ms, 600, 1200, ... and the checks run every 200 ms: none is used up on a
            // provider known to be down
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> Integer.valueOf(1).equals(retryOf("patient@breaker-co.com")[0]));
            assertThat(verifierRequests("patient@breaker-co.com")).isZero();
        } finally {
            breaker.transitionToClosedState();
        }
        // the breaker closed: the lead is asked again and healed
        await().atMost(Duration.ofSeconds(60)).until(() -> retryOf("patient@breaker-co.com") == null
                && !profileOf("patient@breaker-co.com").contains("circuit_open"));
        assertThat(verifierRequests("patient@breaker-co.com")).isEqualTo(1);
    }

    @Test
    void aLeadWhoseProviderStaysDownIsAskedAtMostMaxAttemptsMoreTimes() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).withQueryParam("email", equalTo("never@down-co.com"))
                .willReturn(aResponse().withStatus(503).withBody("{}")));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/api/v1/organizations/enrich")).willReturn(json("{\"organization\": null}")));
        postJson("/api/leads", "{\"email\":\"never@down-co.com\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> retryOf("never@down-co.com") != null);
        // retries after 300 ms, 600, 1200, 2400, 4800: after error-retry-max-attempts (5) the lead is given up on
        await().atMost(Duration.ofSeconds(90)).until(() -> Boolean.FALSE.equals(retryOf("never@down-co.com")[1]));
        // the first run and the five retries, each of which asked the provider again
        assertThat((Integer) retryOf("never@down-co.com")[0]).isEqualTo(6);
        var asked = verifierRequests("never@down-co.com");
        assertThat(asked).isGreaterThanOrEqualTo(6);
        var enrichedAt = jdbc.sql("SELECT p.enriched_at FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email = 'never@down-co.com'")
                .query(java.sql.Timestamp.class).single();
        // longer than the last wait (4.8 s) and many checks (every 200 ms): the lead was not asked again
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(15)).until(() ->
                verifierRequests("never@down-co.com") == asked && jdbc.sql(
                        "SELECT p.enriched_at FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email = 'never@down-co.com'")
                        .query(java.sql.Timestamp.class).single().equals(enrichedAt));
        assertThat(profileOf("never@down-co.com")).contains("error: http 503");
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
