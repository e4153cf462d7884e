package io.leadhub.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Duration;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.leadhub.HubTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A backlog: thousands of leads from one file against a provider held to its rate. Its own context (enrichment
 * on, its own database; the other stages off, so only enrichment is measured) with a small received queue, a
 * small bound on batches in flight and an eager sweep, so that a sweep judging by queue size, or batches that
 * start without bound, would show within seconds.
 */
class EnrichmentBacklogTest extends HubTestSupport {

    private static final int BOUND = 3;
    private static final int LEADS = 3000;

    @DynamicPropertySource
    static void backlog(DynamicPropertyRegistry registry) {
        var overrides = ownHub("backlog");
        overrides.put("leadhub.enrichment.enabled", "true");
        overrides.put("leadhub.enrichment.batch-size", "50");
        overrides.put("leadhub.enrichment.batch-timeout", "200");
        overrides.put("leadhub.enrichment.max-batches-in-flight", String.valueOf(BOUND));
        overrides.put("leadhub.received-queue-uri", "seda:leads-received?size=200&blockWhenFull=true");
        // leads wait far longer than this in the backlog: only their leases keep the sweep away
        overrides.put("leadhub.enrichment.sweep-age", "1000");
        overrides.put("leadhub.enrichment.sweep-interval", "300");
        overrides.put("leadhub.stages.lease-timeout", "3000");
        overrides.put("leadhub.stages.lease-heartbeat", "1000");
        overrides.put("leadhub.scoring.enabled", "false");
        overrides.put("leadhub.personalization.enabled", "false");
        overrides.put("leadhub.ingest.chunk-size", "100");
        // one provider, Hunter's email verifier, at a rate that makes the file a backlog
        overrides.put("leadhub.providers.hunter.rate", "400");
        overrides.put("leadhub.providers.hunter.timeout", "5000"); // a slow answer under load is not a second request
        for (var id : new String[]{"hunter-outage", "hunter-quota", "hunter-capped", "hunter-keyless", "apollo", "apollo-limited",
                "pdl", "pipe0", "pipe0-async", "website"}) {
            overrides.put("leadhub.providers." + id + ".enabled", "false");
        }
        hubProperties(registry, overrides);
    }

    @Autowired
    MeterRegistry meters;

    private void verifierAnswers() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/v2/email-verifier")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withFixedDelay(20).withBody(fixture("hunter/email-verifier-valid.json"))));
    }

    private long enriched(String emailLike) {
        return jdbc.sql("SELECT count(*) FROM lead WHERE email LIKE :e AND status = 'enriched'").param("e", emailLike).query(Long.class).single();
    }

    private double gauge(String name) {
        return meters.get(name).tag("stage", "enrich").gauge().value();
    }

    @Test
    void aBigFileDrainsInBoundedBatchesEachStoredWhenItsOwnAnswersAreInAndNoLeadIsEnrichedTwice() throws IOException {
        verifierAnswers();
        var csv = new StringBuilder("email,first_name,company\n");
        for (int i = 0; i < LEADS; i++) {
            csv.append("lead").append(i).append("@backlog").append(i % 97).append(".com,Lead").append(i).append(",Backlog ").append(i % 97).append('\n');
        }
        var staging = Files.createDirectories(WORK.resolve("staging-backlog")).resolve("backlog.csv");
        Files.writeString(staging, csv, StandardCharsets.UTF_8);
        var inbox = Files.createDirectories(WORK.resolve("inbox-backlog"));
        Files.move(staging, inbox.resolve("backlog.csv"));

        // while the file is being read the received queue is full; the API does not wait for it: its lead is
        // stored and answered at once, and handed on by the sweep once there is room
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT count(*) FROM lead WHERE email LIKE '%@backlog%'")
                .query(Long.class).single() >= 500);
        assertThat(postJson("/api/leads", "{\"email\":\"impatient@api-backlog.com\"}").statusCode()).isEqualTo(202);
        assertThat(jdbc.sql("SELECT status FROM ingest_file WHERE name = 'backlog.csv'").query(String.class).single())
                .as("the API answered while the file was still being read").isEqualTo("running");

        var bounded = new java.util.concurrent.atomic.AtomicBoolean(true);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100)).until(() -> {
            bounded.compareAndSet(true, gauge("leadhub.stage.batches.in.flight") <= BOUND);
            return enriched("%@backlog%.com") == LEADS && enriched("impatient@api-backlog.com") == 1;
        });

        assertThat(bounded).as("batches in flight stayed within the bound").isTrue();
        assertThat(gauge("leadhub.stage.batches.in.flight.peak")).isLessThanOrEqualTo(BOUND).isGreaterThanOrEqualTo(2);
        // each lead enriched once: one stored profile event and one provider question (one ledger row) each
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM outbox_event e JOIN lead l ON l.id = e.lead_id
                        WHERE e.type = 'lead.enriched' AND l.email LIKE '%backlog%.com'""").query(Long.class).single())
                .isEqualTo(LEADS + 1);
        assertThat(VENDORS.findAll(getRequestedFor(urlPathEqualTo("/v2/email-verifier"))).stream()
                .map(r -> r.queryParameter("email").firstValue()).distinct()).hasSize(LEADS + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM provider_call c JOIN lead l ON l.id = c.lead_id WHERE c.provider = 'hunter' AND l.email LIKE '%backlog%.com'")
                .query(Long.class).single()).as("ledger rows: one question per lead").isEqualTo(LEADS + 1);
        // the first batch was stored long before the provider had answered the rest (not all at the end)
        var firstStored = jdbc.sql("SELECT min(p.enriched_at) FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email LIKE '%@backlog%'")
                .query(Timestamp.class).single();
        var halfAnswered = jdbc.sql("""
                        SELECT c.called_at FROM provider_call c JOIN lead l ON l.id = c.lead_id
                        WHERE c.provider = 'hunter' AND l.email LIKE '%@backlog%' ORDER BY c.called_at OFFSET :n LIMIT 1""")
                .param("n", LEADS / 2).query(Timestamp.class).single();
        assertThat(firstStored).isBefore(halfAnswered);
        // every lease given back
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM stage_lease").query(Long.class).single() == 0);
        assertThat(gauge("leadhub.stage.batches.in.flight")).isZero();
    }

    /** The lead and its lease in one statement: a sweep (every 300 ms) never sees the lead without the lease. */
    private void storeLeadLeasedTo(String email, String owner, String leaseFor) {
        jdbc.sql("""
                        WITH stored AS (
                            INSERT INTO lead (workspace, lead_key, status, email, company_domain, first_source, received_at, updated_at)
                            VALUES ('default', :key, 'received', :email, 'leased-co.com', 'api', now() - interval '1 hour', now() - interval '1 hour')
                            RETURNING id)
                        INSERT INTO stage_lease (stage, lead_id, owner, state, lease_until)
                        SELECT 'enrich', id, :owner, 'working', now() + CAST(:for AS interval) FROM stored""")
                .param("key", "email:" + email).param("email", email).param("owner", owner).param("for", leaseFor).update();
    }

    @Test
    void theSweepLeavesALeadOthersHoldAndTakesItOverOnceTheirLeaseHasLapsed() {
        verifierAnswers();
        // another instance, alive, is working on it: its lease is far from lapsing
        storeLeadLeasedTo("held@leased-co.com", "alive-instance", "1 hour");
        // a worker that died mid-batch left its lease behind; nobody refreshes it, and it lapses in a few seconds
        storeLeadLeasedTo("orphan@leased-co.com", "dead-instance", "4 seconds");

        // many sweeps (every 300 ms, leads older than 1 s) pass while both leases are live: neither is handed on
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> enriched("%@leased-co.com") == 0);
        // the dead worker's lead: taken over once its lease lapsed, without anyone's help
        await().atMost(Duration.ofSeconds(30)).until(() -> enriched("orphan@leased-co.com") == 1);
        assertThat(enriched("held@leased-co.com")).isZero();
        VENDORS.verify(0, getRequestedFor(urlPathEqualTo("/v2/email-verifier")).withQueryParam("email", WireMock.equalTo("held@leased-co.com")));

        // the live holder goes silent: once its lease lapses the lead is taken over as well
        jdbc.sql("UPDATE stage_lease SET lease_until = now() - interval '1 second' WHERE owner = 'alive-instance'").update();
        await().atMost(Duration.ofSeconds(30)).until(() -> enriched("held@leased-co.com") == 1);
    }
}
