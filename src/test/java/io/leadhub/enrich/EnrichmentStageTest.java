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
        // leads that missed a signal because of an error: the default delay (15 min) passes by the test clock
        overrides.put("leadhub.enrichment.error-retry-max-attempts", "2");
        // timeouts count against a provider's breaker: on a busy test machine the local server can take over a second
        for (var id : new String[]{"hunter", "apollo", "apollo-limited", "pdl", "pipe0", "pipe0-async", "website"}) {
            overrides.put("leadhub.providers." + id + ".timeout", "5000");
        }
        overrides.put("leadhub.enrichment.error-retry-check-interval", "300");
        hubProperties(registry, overrides);
    }

    /** The system clock, moved ahead when a test says so (the error-retry delays pass without waiting). */
    static final class MovableClock extends java.time.Clock {
        private volatile Duration ahead = Duration.ZERO;

        void moveAhead(Duration by) {
            ahead = ahead.plus(by);
        }

        void reset() {
            ahead = Duration.ZERO;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.now().plus(ahead);
        }
    }

    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class MovableTime {
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    MovableClock clock;

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
        // (of these leads: another test's leads may have been stored while its clock was ahead)
        var before = jdbc.sql("SELECT max(p.enriched_at) FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email LIKE '%@stage%.com'")
                .query(java.sql.Timestamp.class).single();
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

    @Test
    void aLeadEnrichedDuringAnOutageIsHealedOnceTheProviderIsBackAndNotFoundIsNotAskedAgain() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).withQueryParam("email", equalTo("healed@outage-co.com"))
                .willReturn(aResponse().withStatus(503).withBody("{\"errors\":[{\"id\":\"service_unavailable\",\"code\":503}]}")));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).withQueryParam("email", equalTo("known@quiet-co.com"))
                .willReturn(json(fixture("hunter/email-verifier-valid.json"))));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/api/v1/organizations/enrich")).willReturn(json("{\"organization\": null}")));
        try {
            assertThat(postJson("/api/leads", "[{\"email\":\"healed@outage-co.com\"},{\"email\":\"known@quiet-co.com\"}]")
                    .statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> status("healed@outage-co.com", "enriched") == 1
                    && status("known@quiet-co.com", "enriched") == 1);
            assertThat(profileOf("healed@outage-co.com")).contains("\"hunter\": \"error");
            // a retry is planned (attempts counts the runs that missed: the sweep may have run the lead twice already)
            assertThat(retryOf("healed@outage-co.com")).isNotNull();
            assertThat(retryOf("healed@outage-co.com")[1]).isEqualTo(true);
            // what every provider answered definitely (a hit, or not_found) is not asked again
            assertThat(profileOf("known@quiet-co.com")).contains("not_found").doesNotContain("error");
            assertThat(retryOf("known@quiet-co.com")).isNull();
            var scoredBefore = jdbc.sql("""
                            SELECT count(*) FROM lead_score_history h JOIN lead l ON l.id = h.lead_id
                            WHERE l.email = 'healed@outage-co.com'""").query(Long.class).single();
            var knownAsked = verifierRequests("known@quiet-co.com");

            // the provider is back; error-retry-delay passes
            VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).withQueryParam("email", equalTo("healed@outage-co.com"))
                    .willReturn(json(fixture("hunter/email-verifier-valid.json"))));
            clock.moveAhead(Duration.ofMinutes(16));
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
                            SELECT count(*) FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email = 'healed@outage-co.com'
                            AND p.signals_found @> '[{"signal": "email_verification", "provider": "hunter"}]'""")
                    .query(Long.class).single() == 1 && retryOf("healed@outage-co.com") == null);
            // merged again with provenance, and scored again
            var fields = readTree(jdbc.sql("SELECT p.profile::text FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email = 'healed@outage-co.com'")
                    .query(String.class).single());
            assertThat(fields.path("email_status").path("value").asText()).isEqualTo("valid");
            assertThat(fields.path("email_status").path("provider").asText()).isEqualTo("hunter");
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
                            SELECT count(*) FROM lead_score_history h JOIN lead l ON l.id = h.lead_id
                            WHERE l.email = 'healed@outage-co.com'""").query(Long.class).single() > scoredBefore);
            assertThat(verifierRequests("known@quiet-co.com")).isEqualTo(knownAsked);
        } finally {
            clock.reset();
        }
    }

    @Test
    void aLeadWhoseProviderStaysDownIsAskedAtMostMaxAttemptsMoreTimes() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).withQueryParam("email", equalTo("never@down-co.com"))
                .willReturn(aResponse().withStatus(503).withBody("{}")));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/api/v1/organizations/enrich")).willReturn(json("{\"organization\": null}")));
        try {
            postJson("/api/leads", "{\"email\":\"never@down-co.com\"}");
            await().atMost(Duration.ofSeconds(60)).until(() -> retryOf("never@down-co.com") != null);
            // each retry waits longer (15 min, then 30): an hour ahead at a time covers each of them, until
            // error-retry-max-attempts (2) retries were made and the lead is given up on
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                clock.moveAhead(Duration.ofHours(1));
                return Boolean.FALSE.equals(retryOf("never@down-co.com")[1]);
            });
            // the first run and the two retries (a lead run twice by the sweep counts twice, so never fewer)
            assertThat((Integer) retryOf("never@down-co.com")[0]).isEqualTo(3);
            var enrichedAt = jdbc.sql("SELECT p.enriched_at FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email = 'never@down-co.com'")
                    .query(java.sql.Timestamp.class).single();
            clock.moveAhead(Duration.ofDays(1));
            // a check runs every 300 ms: after several of them the lead was still not asked again
            var checks = new java.util.concurrent.atomic.AtomicInteger();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> {
                checks.incrementAndGet();
                return jdbc.sql("SELECT p.enriched_at FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email = 'never@down-co.com'")
                        .query(java.sql.Timestamp.class).single().equals(enrichedAt);
            });
            assertThat(checks.get()).isPositive();
            assertThat(profileOf("never@down-co.com")).containsAnyOf("error: http 503", "circuit_open");
        } finally {
            clock.reset();
        }
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
