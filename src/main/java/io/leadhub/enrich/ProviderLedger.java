package io.leadhub.enrich;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.camel.ExchangeProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What provider calls cost: every call that left the hub is a row of provider_call (per lead, per provider, per
 * day, with its raw answer for audit), and the spend there is what the daily and per-lead caps are checked
 * against before a call is made.
 */
@Component
public class ProviderLedger {

    /** Characters of a raw answer kept for audit. */
    private static final int RAW_LIMIT = 65_536;

    private final Providers providers;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ProviderMetrics metrics;

    public ProviderLedger(Providers providers, JdbcClient jdbc, Clock clock, ProviderMetrics metrics) {
        this.providers = providers;
        this.jdbc = jdbc;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Route step "budget check": a claimed question whose call (its price per call and per hit) would pass the
     * provider's daily cap or the lead's cap is answered "budget" without a call.
     */
    public void checkBudget(@ExchangeProperty("leadhubCall") ProviderCall call) {
        var provider = providers.require(call.provider());
        for (var request : call.pending()) {
            if (overBudget(provider, request)) {
                call.answer(request, ProviderAnswer.skipped(request, "budget"));
            }
        }
    }

    /**
     * Route step "ledger": counts every answer of this call that no cache gave (skips too, by outcome) and
     * writes a row for each call that left the hub; a 2xx clears the provider's reported problem. Runs in the
     * transaction that also stores the answers in the cache.
     */
    public void record(@ExchangeProperty("leadhubCall") ProviderCall call) {
        var now = call.closedAt();
        for (var request : call.requests()) {
            var answer = call.answerTo(request);
            if (answer == null || answer.cached()) {
                continue; // awaited from another caller (counted when taken), or counted by the cache lookup
            }
            metrics.answered(answer);
            if (answer.called()) {
                if (answer.httpStatus() != null && answer.httpStatus() < 300) {
                    providers.clearProblem(request.provider());
                }
                audit(request, answer, now);
            }
        }
    }

    boolean overBudget(Providers.Provider provider, ProviderRequest request) {
        var config = provider.config();
        var next = config.costPerCall() + config.costPerHit();
        if (config.dailyCap() > 0) {
            var today = jdbc.sql("SELECT coalesce(sum(cost), 0) FROM provider_call WHERE provider = :p AND call_day = :day")
                    .param("p", provider.id())
                    .param("day", Date.valueOf(clock.instant().atZone(ZoneOffset.UTC).toLocalDate()))
                    .query(BigDecimal.class).single().doubleValue();
            if (today + next > config.dailyCap()) {
                return true;
            }
        }
        if (config.perLeadCap() > 0 && request.leadId() != null) {
            var spent = jdbc.sql("SELECT coalesce(sum(cost), 0) FROM provider_call WHERE provider = :p AND lead_id = :lead")
                    .param("p", provider.id()).param("lead", request.leadId())
                    .query(BigDecimal.class).single().doubleValue();
            return spent + next > config.perLeadCap();
        }
        return false;
    }

    private void audit(ProviderRequest request, ProviderAnswer answer, Instant now) {
        jdbc.sql("""
                        INSERT INTO provider_call (provider, lead_id, request_key, http_status, outcome, attempts,
                                                   latency_ms, cost, call_day, called_at, response, input_tokens, output_tokens)
                        VALUES (:provider, :lead, :key, :status, :outcome, :attempts, :latency, :cost, :day, :now, :raw,
                                :inputTokens, :outputTokens)""")
                .param("provider", request.provider()).param("lead", request.leadId())
                .param("key", request.requestKey()).param("status", answer.httpStatus())
                .param("outcome", answer.outcome()).param("attempts", answer.attempts())
                .param("latency", answer.latencyMs()).param("cost", BigDecimal.valueOf(answer.cost()))
                .param("day", Date.valueOf(now.atZone(ZoneOffset.UTC).toLocalDate()))
                .param("now", Timestamp.from(now))
                .param("raw", answer.raw() == null || answer.raw().length() <= RAW_LIMIT ? answer.raw() : answer.raw().substring(0, RAW_LIMIT))
                .param("inputTokens", answer.fields().get("input_tokens") instanceof Number n ? n.intValue() : null)
                .param("outputTokens", answer.fields().get("output_tokens") instanceof Number n ? n.intValue() : null)
                .update();
    }
}
