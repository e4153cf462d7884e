package io.leadhub.score;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Body;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The "store" step of scoring: score, tier, breakdown, fit and probability in lead_score, a history row when
 * anything changed, and status 'scored' for enriched leads, in one transaction (the stage's: its lead.scored events
 * are announced in the same one, see ScoringEvents). Each lead of the batch keeps what was found: whether it changed,
 * and whether it goes to personalization (at or above the hand-off tier, and not handed off before).
 */
@Component
public class ScoreStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;
    private final ScoringRulesStore rules;
    private final MeterRegistry meters;

    public ScoreStore(JdbcClient jdbc, TransactionTemplate tx, ObjectMapper json, Clock clock, ScoringRulesStore rules,
                      MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.rules = rules;
        this.meters = meters;
    }

    private record Previous(double score, String tier, int rulesVersion, String breakdown, Double probability) {
    }

    public void save(@Body ScoringBatch batch) {
        var now = Timestamp.from(clock.instant());
        tx.executeWithoutResult(status -> {
            var ids = batch.leads().stream().map(ScoringBatch.LeadScoring::leadId).toArray(UUID[]::new);
            var previous = new HashMap<UUID, Previous>();
            jdbc.sql("SELECT lead_id, score, tier, rules_version, breakdown::text, probability FROM lead_score WHERE lead_id = ANY(:ids) FOR UPDATE")
                    .param("ids", ids)
                    .query(rs -> {
                        previous.put(rs.getObject(1, UUID.class), new Previous(rs.getDouble(2), rs.getString(3), rs.getInt(4),
                                rs.getString(5), (Double) rs.getObject(6)));
                    });
            for (var lead : batch.leads()) {
                var card = lead.card();
                var breakdown = write(breakdown(card, lead.facts()));
                jdbc.sql("""
                                INSERT INTO lead_score (lead_id, score, tier, rules_version, breakdown, fit, probability, model_version, reason, scored_at)
                                VALUES (:id, :score, :tier, :version, CAST(:breakdown AS jsonb), CAST(:fit AS jsonb), :p, :model, :reason, :now)
                                ON CONFLICT (lead_id) DO UPDATE SET score = EXCLUDED.score, tier = EXCLUDED.tier,
                                    rules_version = EXCLUDED.rules_version, breakdown = EXCLUDED.breakdown, fit = EXCLUDED.fit,
                                    probability = EXCLUDED.probability, model_version = EXCLUDED.model_version,
                                    reason = EXCLUDED.reason, scored_at = EXCLUDED.scored_at""")
                        .param("id", lead.leadId()).param("score", card.total()).param("tier", card.tier())
                        .param("version", card.rulesVersion()).param("breakdown", breakdown).param("fit", write(lead.fit()))
                        .param("p", lead.probability()).param("model", lead.modelVersion()).param("reason", batch.reason())
                        .param("now", now).update();
                var before = previous.get(lead.leadId());
                boolean changed = before == null || before.score() != card.total() || !before.tier().equals(card.tier())
                        || before.rulesVersion() != card.rulesVersion()
                        || !java.util.Objects.equals(before.probability(), lead.probability());
                if (changed) {
                    jdbc.sql("""
                                    INSERT INTO lead_score_history (lead_id, score, tier, rules_version, breakdown, probability, reason, scored_at)
                                    VALUES (:id, :score, :tier, :version, CAST(:breakdown AS jsonb), :p, :reason, :now)""")
                            .param("id", lead.leadId()).param("score", card.total()).param("tier", card.tier())
                            .param("version", card.rulesVersion()).param("breakdown", breakdown).param("p", lead.probability())
                            .param("reason", batch.reason()).param("now", now).update();
                }
                jdbc.sql("UPDATE lead SET status = 'scored', updated_at = :now WHERE id = :id AND status IN ('enriched', 'scored')")
                        .param("id", lead.leadId()).param("now", now).update();
                var leadRules = rules.current(lead.workspace()).rules();
                lead.stored(changed, before == null ? null : before.tier(), leadRules.handsOff(card.tier())
                        && (before == null || !leadRules.handsOff(before.tier()) || "enriched".equals(batch.reason())));
                Counter.builder("leadhub.scored").tag("tier", card.tier()).register(meters).increment();
            }
        });
    }

    private static Map<String, Object> breakdown(ScoreCard card, Map<String, Object> facts) {
        var out = new LinkedHashMap<String, Object>();
        out.put("total", card.total());
        out.put("tier", card.tier());
        out.put("rulesVersion", card.rulesVersion());
        out.put("rulesWorkspace", card.rulesWorkspace());
        out.put("categories", card.categories());
        out.put("fired", card.fired());
        if (Boolean.TRUE.equals(facts.get("industry_inferred"))) {
            out.put("inferred", Map.of("industry", facts.get("industry"), "similarity", facts.get("industry_similarity"),
                    "from", "company_description"));
        }
        return out;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
