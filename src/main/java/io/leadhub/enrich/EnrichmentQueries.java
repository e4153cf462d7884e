package io.leadhub.enrich;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads for the enrichment API: a lead's profile with its calls, provider state, and cost estimates. */
@Component
public class EnrichmentQueries {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Providers providers;
    private final EnrichmentPlanner planner;
    private final ProviderCache cache;
    private final Clock clock;

    public EnrichmentQueries(JdbcClient jdbc, ObjectMapper json, Providers providers, EnrichmentPlanner planner,
                             ProviderCache cache, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.providers = providers;
        this.planner = planner;
        this.cache = cache;
        this.clock = clock;
    }

    public Optional<Map<String, Object>> profile(UUID leadId) {
        return jdbc.sql("SELECT profile::text, signals_found::text, signals_missed::text, enriched_at FROM lead_profile WHERE lead_id = :id")
                .param("id", leadId)
                .query((rs, n) -> {
                    var out = new LinkedHashMap<String, Object>();
                    out.put("leadId", leadId);
                    out.put("enrichedAt", rs.getTimestamp(4).toInstant());
                    out.put("profile", read(rs.getString(1)));
                    out.put("signalsFound", read(rs.getString(2)));
                    out.put("signalsMissed", read(rs.getString(3)));
                    return (Map<String, Object>) out;
                })
                .optional()
                .map(out -> {
                    out.put("calls", jdbc.sql("""
                                    SELECT provider, request_key, http_status, outcome, attempts, latency_ms, cost, called_at
                                    FROM provider_call WHERE lead_id = :id ORDER BY called_at""")
                            .param("id", leadId)
                            .query((rs, n) -> {
                                var call = new LinkedHashMap<String, Object>();
                                call.put("provider", rs.getString(1));
                                call.put("requestKey", rs.getString(2));
                                call.put("httpStatus", rs.getObject(3));
                                call.put("outcome", rs.getString(4));
                                call.put("attempts", rs.getInt(5));
                                call.put("latencyMs", rs.getLong(6));
                                call.put("cost", rs.getBigDecimal(7));
                                call.put("calledAt", rs.getTimestamp(8).toInstant());
                                return call;
                            }).list());
                    return out;
                });
    }

    public List<Map<String, Object>> providerStates() {
        var day = Date.valueOf(clock.instant().atZone(ZoneOffset.UTC).toLocalDate());
        var out = new ArrayList<Map<String, Object>>();
        providers.all().forEach((id, provider) -> {
            var config = provider.config();
            var today = jdbc.sql("""
                            SELECT count(*), count(*) FILTER (WHERE outcome NOT IN ('hit', 'not_found')), coalesce(sum(cost), 0)
                            FROM provider_call WHERE provider = :p AND call_day = :day""")
                    .param("p", id).param("day", day)
                    .query((rs, n) -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3)}).single();
            var stats = provider.cache().stats();
            var row = new LinkedHashMap<String, Object>();
            row.put("id", id);
            row.put("type", config.type());
            row.put("enabled", config.enabled());
            row.put("apiKeyConfigured", provider.hasKey());
            row.put("signals", config.signals());
            row.put("priority", config.priority());
            row.put("breaker", provider.breaker().getState().name());
            row.put("callsToday", today[0]);
            row.put("errorsToday", today[1]);
            row.put("spendToday", today[2]);
            row.put("dailyCap", config.dailyCap());
            providers.problem(id).ifPresent(problem -> row.put("problem", problem));
            row.put("memoryCacheHitRate", stats.requestCount() == 0 ? null : Math.round(stats.hitRate() * 1000) / 1000.0);
            out.add(row);
        });
        return out;
    }

    /** Calls and cost an enrichment of these leads would make now: questions not answered by a cache, first provider each. */
    public Map<String, Object> estimate(List<String> leadIds) {
        var batch = planner.plan(leadIds);
        var perProvider = new LinkedHashMap<String, Map<String, Object>>();
        double total = 0;
        long totalCalls = 0;
        var asked = new java.util.HashSet<String>(); // one provider answers several signals with one call (Apollo)
        for (var run : batch.signalRuns()) {
            for (var question : run.questions()) {
                for (var id : run.providers()) {
                    var provider = providers.require(id);
                    if (!provider.config().enabled() || !provider.hasKey()) {
                        continue;
                    }
                    if (!asked.add(id + "|" + question.requestKey()) || cache.cached(question.toRequest(id))) {
                        break;
                    }
                    var cost = provider.config().costPerCall() + provider.config().costPerHit();
                    var row = perProvider.computeIfAbsent(id, k -> new LinkedHashMap<>(Map.of("calls", 0L, "cost", 0.0)));
                    row.put("calls", (Long) row.get("calls") + 1);
                    row.put("cost", (Double) row.get("cost") + cost);
                    total += cost;
                    totalCalls++;
                    break; // the waterfall stops at the first answer; later providers only on a miss
                }
            }
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("leads", batch.leadIds().size());
        out.put("expectedCalls", totalCalls);
        out.put("expectedCost", BigDecimal.valueOf(total).setScale(4, java.math.RoundingMode.HALF_UP));
        out.put("perProvider", perProvider);
        out.put("note", "upper bound for the first provider of each signal; a miss there asks the next one");
        return out;
    }

    private Object read(String text) {
        try {
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}
