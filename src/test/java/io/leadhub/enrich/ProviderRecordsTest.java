package io.leadhub.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.leadhub.SharedHubTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a call leaves in PostgreSQL: its cache rows and its ledger rows in one transaction (both or neither), and
 * the spend in the ledger that the budget check reads.
 */
class ProviderRecordsTest extends SharedHubTest {

    private static final String ROUTE = "direct:provider-records-test";

    @Autowired
    CamelContext camelContext;
    @Autowired
    ProducerTemplate camel;
    @Autowired
    Clock clock;

    /** The route template's two record steps in its transaction, then a step that may fail. */
    @BeforeEach
    void recordsRoute() throws Exception {
        if (camelContext.getRoute("provider-records-test") != null) {
            return;
        }
        camelContext.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(ROUTE).routeId("provider-records-test")
                        .policy("oneTransaction")
                            .bean("providerCache", "store")
                            .bean("providerLedger", "record")
                            .bean(new FailingStep(), "fail")
                        .end();
            }
        });
    }

    /** A bean step after the record steps that throws what the test asks for, as a failing route step does. */
    public static class FailingStep {
        public void fail(@org.apache.camel.ExchangeProperty("failWith") Throwable failure) throws Throwable {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** A settled call to the troubled provider, its one question answered by a call that left the hub. */
    private static ProviderCall answeredCall(String key) {
        var request = new ProviderRequest("troubled", "troubled", key, UUID.randomUUID(), Map.of("q", key));
        var call = new ProviderCall(List.of(request));
        call.claim(request, new CompletableFuture<>());
        call.answer(request, new ProviderAnswer("troubled", "troubled", key, "hit", Map.of("value", "fine"), false,
                200, 1, 12, 0, "{\"value\": \"fine\"}"));
        call.settle(Instant.now());
        return call;
    }

    private org.apache.camel.Exchange record(ProviderCall call, Throwable failWith) {
        return camel.send(ROUTE, exchange -> {
            exchange.setProperty("leadhubCall", call);
            exchange.setProperty("failWith", failWith);
        });
    }

    private long rows(String table, String key) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE provider = 'troubled' AND request_key = :key")
                .param("key", key).query(Long.class).single();
    }

    @Test
    void theCacheRowAndTheLedgerRowOfAnAnswerAreWrittenTogether() {
        var key = "q:records-" + UUID.randomUUID();
        var done = record(answeredCall(key), null);

        assertThat(done.getException()).isNull();
        assertThat(rows("provider_cache", key)).isEqualTo(1);
        assertThat(rows("provider_call", key)).isEqualTo(1);
    }

    @Test
    void aFailureAfterTheCacheStoreKeepsNeitherRow() {
        var key = "q:records-" + UUID.randomUUID();
        var done = record(answeredCall(key), new IllegalStateException("simulated: the disk is full"));

        assertThat(done.getException()).hasMessageContaining("the disk is full");
        assertThat(rows("provider_cache", key)).isZero();
        assertThat(rows("provider_call", key)).isZero();
    }

    @Test
    void anErrorAfterTheCacheStoreKeepsNeitherRow() {
        var key = "q:records-" + UUID.randomUUID();
        var done = record(answeredCall(key), new OutOfMemoryError("simulated: no memory left"));

        assertThat(done.getException()).isNotNull();
        assertThat(rows("provider_cache", key)).isZero();
        assertThat(rows("provider_call", key)).isZero();
    }

    @Test
    void theBudgetCheckReadsTheDaysAndTheLeadsSpendFromTheLedger() {
        var id = "ledger-" + UUID.randomUUID().toString().substring(0, 8);
        var providers = ProviderFixtures.providers(id, new ProviderFixtures.TestClient(), new SimpleMeterRegistry(),
                "cost-per-call", "0.01", "cost-per-hit", "0.02", "daily-cap", "0.10", "per-lead-cap", "0.05");
        var ledger = new ProviderLedger(providers, jdbc, clock, new ProviderMetrics(new SimpleMeterRegistry()));
        var spender = UUID.randomUUID();
        spend(id, spender, "0.01"); // the lead's next call (0.03) still fits under 0.05

        assertThat(budget(ledger, id, spender)).isNull();
        spend(id, spender, "0.02"); // 0.03 + 0.03 > 0.05
        assertThat(budget(ledger, id, spender)).isEqualTo("budget");
        assertThat(budget(ledger, id, UUID.randomUUID())).isNull(); // another lead of the same day
        spend(id, UUID.randomUUID(), "0.05"); // the day: 0.08 + 0.03 > 0.10
        assertThat(budget(ledger, id, UUID.randomUUID())).isEqualTo("budget");
    }

    /** The budget check's answer to a claimed question of this lead: "budget", or none (the call may go). */
    private static String budget(ProviderLedger ledger, String provider, UUID lead) {
        var request = new ProviderRequest(provider, "company", "k-" + UUID.randomUUID(), lead, Map.of());
        var call = new ProviderCall(List.of(request));
        call.claim(request, new CompletableFuture<>());
        ledger.checkBudget(call);
        return call.answerTo(request) == null ? null : call.answerTo(request).outcome();
    }

    private void spend(String provider, UUID lead, String cost) {
        var now = clock.instant();
        jdbc.sql("""
                        INSERT INTO provider_call (provider, lead_id, request_key, outcome, latency_ms, cost, call_day, called_at)
                        VALUES (:p, :lead, 'k', 'hit', 1, :cost, :day, :now)""")
                .param("p", provider).param("lead", lead).param("cost", new BigDecimal(cost))
                .param("day", Date.valueOf(now.atZone(ZoneOffset.UTC).toLocalDate())).param("now", Timestamp.from(now))
                .update();
    }
}
