package io.leadhub.score;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.Lists;
import io.leadhub.score.model.ConversionModel;
import io.leadhub.score.model.ConversionModelTrainer;
import io.leadhub.score.model.LabeledExample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Trains, keeps and serves the conversion model of each workspace. Leads with a converted or lost event are
 * the examples, their features computed exactly as when they are scored; below the configured number of
 * outcomes there is no model, and the status says why. Models are stored with their version and hold-out
 * metrics; the newest of a workspace is used, also by other instances on the same database.
 */
@Component
public class ConversionModels {

    private static final Logger log = LoggerFactory.getLogger(ConversionModels.class);

    record Loaded(int version, ConversionModel model) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final ScoreFacts facts;
    private final ProductFits fits;
    private final RuleScorer scorer;
    private final ScoringRulesStore rules;
    private final ScoringProperties.Model config;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
    private final Map<String, String> lastRefusal = new ConcurrentHashMap<>();

    public ConversionModels(JdbcClient jdbc, ObjectMapper json, Clock clock, ScoreFacts facts, ProductFits fits,
                            RuleScorer scorer, ScoringRulesStore rules, ScoringProperties scoring) {
        this.rules = rules;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.facts = facts;
        this.fits = fits;
        this.scorer = scorer;
        this.config = scoring.model();
    }

    /** Retrains every workspace that has outcomes (the scheduled run). */
    public List<Map<String, Object>> trainAll() {
        var results = new ArrayList<Map<String, Object>>();
        for (var workspace : jdbc.sql("""
                SELECT DISTINCT l.workspace FROM lead_event e JOIN lead l ON l.id = e.lead_id WHERE e.type IN ('converted', 'lost')""")
                .query(String.class).list()) {
            results.add(train(workspace));
        }
        return results;
    }

    /** Trains the workspace's model now; answers its version and metrics, or why there is none. */
    public Map<String, Object> train(String workspace) {
        var outcomes = new LinkedHashMap<UUID, Boolean>();
        jdbc.sql("""
                        SELECT e.lead_id, bool_or(e.type = 'converted') FROM lead_event e JOIN lead l ON l.id = e.lead_id
                        WHERE l.workspace = :ws AND e.type IN ('converted', 'lost') GROUP BY e.lead_id ORDER BY e.lead_id""")
                .param("ws", workspace)
                .query(rs -> {
                    outcomes.put(rs.getObject(1, UUID.class), rs.getBoolean(2));
                });
        var examples = new ArrayList<LabeledExample>();
        for (var page : Lists.partition(new ArrayList<>(outcomes.keySet()), 500)) {
            var batch = scorer.score(fits.apply(facts.load(page, "training")));
            batch.leads().forEach(lead -> examples.add(new LabeledExample(
                    ModelFeatures.of(lead, rules.current(lead.workspace()).rules()), outcomes.get(lead.leadId()))));
        }
        var trainer = new ConversionModelTrainer(config.minimumOutcomes(), config.testFraction(), config.seed());
        var outcome = trainer.train(examples);
        var result = new LinkedHashMap<String, Object>();
        result.put("workspace", workspace);
        result.put("outcomes", examples.size());
        if (outcome.model().isEmpty()) {
            lastRefusal.put(workspace, outcome.reason());
            result.put("trained", false);
            result.put("reason", outcome.reason());
            log.info("No conversion model for workspace '{}': {}", workspace, outcome.reason());
            return result;
        }
        var model = outcome.model().get();
        var version = jdbc.sql("""
                        INSERT INTO scoring_model (workspace, trained_at, metrics, features, model)
                        VALUES (:ws, :now, CAST(:metrics AS jsonb), CAST(:features AS jsonb), :model) RETURNING version""")
                .param("ws", workspace).param("now", Timestamp.from(clock.instant()))
                .param("metrics", write(metrics(model))).param("features", write(model.featureNames()))
                .param("model", model.toBytes())
                .query(Integer.class).single();
        loaded.put(workspace, new Loaded(version, model));
        lastRefusal.remove(workspace);
        log.info("Conversion model {} of workspace '{}': AUC {} on {} held-out leads", version, workspace,
                String.format("%.3f", model.metrics().auc()), model.metrics().testExamples());
        result.put("trained", true);
        result.put("version", version);
        result.put("metrics", metrics(model));
        result.put("topWeights", weights(model));
        return result;
    }

    /** The model in use for a workspace with its metrics, or why there is none. */
    public Map<String, Object> status(String workspace) {
        var out = new LinkedHashMap<String, Object>();
        out.put("workspace", workspace);
        var current = current(workspace);
        var outcomes = jdbc.sql("""
                        SELECT count(DISTINCT e.lead_id) FROM lead_event e JOIN lead l ON l.id = e.lead_id
                        WHERE l.workspace = :ws AND e.type IN ('converted', 'lost')""")
                .param("ws", workspace).query(Long.class).single();
        out.put("outcomes", outcomes);
        out.put("minimumOutcomes", config.minimumOutcomes());
        if (current.isEmpty()) {
            out.put("model", null);
            out.put("reason", lastRefusal.getOrDefault(workspace, outcomes < config.minimumOutcomes()
                    ? "only " + outcomes + " leads with an outcome (converted or lost); " + config.minimumOutcomes() + " are needed"
                    : "not trained yet: POST /api/scoring/model/train, or wait for the schedule (" + config.trainCron() + ")"));
            return out;
        }
        var model = current.get();
        out.put("model", Map.of("version", model.version(), "metrics", metrics(model.model()), "topWeights", weights(model.model()),
                "trainedAt", jdbc.sql("SELECT trained_at FROM scoring_model WHERE version = :v").param("v", model.version())
                        .query(Timestamp.class).single().toInstant()));
        return out;
    }

    /** The newest model of a workspace (loaded once per version), or empty. */
    Optional<Loaded> current(String workspace) {
        var newest = jdbc.sql("SELECT max(version) FROM scoring_model WHERE workspace = :ws").param("ws", workspace)
                .query(Integer.class).optional().orElse(null);
        if (newest == null) {
            return Optional.empty();
        }
        var have = loaded.get(workspace);
        if (have != null && have.version() == newest) {
            return Optional.of(have);
        }
        var bytes = jdbc.sql("SELECT model FROM scoring_model WHERE version = :v").param("v", newest).query(byte[].class).single();
        var fresh = new Loaded(newest, ConversionModel.fromBytes(bytes));
        loaded.put(workspace, fresh);
        return Optional.of(fresh);
    }

    /** The hold-out metrics as JSON can hold them: an empty calibration bin has no averages (null, not NaN). */
    private static Map<String, Object> metrics(ConversionModel model) {
        var m = model.metrics();
        var out = new LinkedHashMap<String, Object>();
        out.put("auc", finite(m.auc()));
        out.put("brierScore", finite(m.brierScore()));
        out.put("trainingExamples", m.trainingExamples());
        out.put("testExamples", m.testExamples());
        out.put("positives", m.positives());
        out.put("negatives", m.negatives());
        out.put("calibration", m.calibration().stream().map(bin -> {
            var row = new LinkedHashMap<String, Object>();
            row.put("from", bin.from());
            row.put("to", bin.to());
            row.put("meanPredicted", finite(bin.meanPredicted()));
            row.put("observedRate", finite(bin.observedRate()));
            row.put("count", bin.count());
            return row;
        }).toList());
        return out;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? Math.round(value * 10_000) / 10_000.0 : null;
    }

    private static List<Map<String, Object>> weights(ConversionModel model) {
        return model.topWeights(10).stream().map(e -> Map.<String, Object>of("feature", e.getKey(), "weight", e.getValue())).toList();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
