package io.leadhub.score;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads for the scoring API: a lead's score with its breakdown and history, and the analytics. */
@Component
public class ScoreQueries {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public ScoreQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<Map<String, Object>> score(UUID leadId) {
        return jdbc.sql("SELECT * FROM lead_score WHERE lead_id = :id").param("id", leadId)
                .query((rs, n) -> {
                    var out = new LinkedHashMap<String, Object>();
                    out.put("leadId", leadId);
                    out.put("score", rs.getDouble("score"));
                    out.put("tier", rs.getString("tier"));
                    out.put("rulesVersion", rs.getInt("rules_version"));
                    out.put("breakdown", read(rs.getString("breakdown")));
                    out.put("fit", read(rs.getString("fit")));
                    out.put("probability", rs.getObject("probability"));
                    out.put("modelVersion", rs.getObject("model_version"));
                    out.put("reason", rs.getString("reason"));
                    out.put("scoredAt", rs.getTimestamp("scored_at").toInstant());
                    return (Map<String, Object>) out;
                })
                .optional()
                .map(score -> {
                    score.put("history", jdbc.sql("""
                                    SELECT score, tier, rules_version, probability, reason, scored_at FROM lead_score_history
                                    WHERE lead_id = :id ORDER BY scored_at DESC, id DESC LIMIT 100""")
                            .param("id", leadId)
                            .query((rs, n) -> {
                                var row = new LinkedHashMap<String, Object>();
                                row.put("score", rs.getDouble(1));
                                row.put("tier", rs.getString(2));
                                row.put("rulesVersion", rs.getInt(3));
                                row.put("probability", rs.getObject(4));
                                row.put("reason", rs.getString(5));
                                row.put("scoredAt", rs.getTimestamp(6).toInstant());
                                return row;
                            }).list());
                    return score;
                });
    }

    /** Leads per tier and a histogram of scores in bands of {@code band} points. */
    public Map<String, Object> distribution(String workspace, int band) {
        var out = new LinkedHashMap<String, Object>();
        out.put("tiers", jdbc.sql("""
                        SELECT s.tier, count(*), round(avg(s.score), 2) FROM lead_score s JOIN lead l ON l.id = s.lead_id
                        WHERE CAST(:ws AS text) IS NULL OR l.workspace = :ws GROUP BY s.tier ORDER BY avg(s.score) DESC""")
                .param("ws", workspace)
                .query((rs, n) -> ordered("tier", rs.getString(1), "leads", rs.getLong(2), "averageScore", rs.getDouble(3)))
                .list());
        out.put("bandWidth", band);
        out.put("histogram", jdbc.sql("""
                        SELECT floor(s.score / :band) * :band AS low, count(*) FROM lead_score s JOIN lead l ON l.id = s.lead_id
                        WHERE CAST(:ws AS text) IS NULL OR l.workspace = :ws GROUP BY 1 ORDER BY 1""")
                .param("ws", workspace).param("band", band)
                .query((rs, n) -> ordered("from", rs.getDouble(1), "to", rs.getDouble(1) + band, "leads", rs.getLong(2)))
                .list());
        return out;
    }

    /**
     * Per first source: leads, average score, converted and lost leads, and the conversion rate (converted ÷
     * all leads of the source, and converted ÷ leads with an outcome).
     */
    public List<Map<String, Object>> sources(String workspace) {
        return jdbc.sql("""
                        WITH outcome AS (
                            SELECT lead_id, bool_or(type = 'converted') AS converted, bool_or(type = 'lost') AS lost
                            FROM lead_event WHERE type IN ('converted', 'lost') GROUP BY lead_id)
                        SELECT l.first_source, count(*) AS leads, avg(s.score) AS avg_score,
                               count(*) FILTER (WHERE o.converted) AS converted,
                               count(*) FILTER (WHERE o.lost AND NOT o.converted) AS lost
                        FROM lead l LEFT JOIN lead_score s ON s.lead_id = l.id LEFT JOIN outcome o ON o.lead_id = l.id
                        WHERE CAST(:ws AS text) IS NULL OR l.workspace = :ws
                        GROUP BY l.first_source ORDER BY count(*) DESC, l.first_source""")
                .param("ws", workspace)
                .query((rs, n) -> rates(rs, ordered("source", rs.getString(1)), rs.getObject(3) == null ? null : Math.round(rs.getDouble(3) * 100) / 100.0))
                .list();
    }

    /** Per score band: leads, converted, lost and the conversion rates — does the score predict? */
    public List<Map<String, Object>> conversionByScore(String workspace, int band) {
        return jdbc.sql("""
                        WITH outcome AS (
                            SELECT lead_id, bool_or(type = 'converted') AS converted, bool_or(type = 'lost') AS lost
                            FROM lead_event WHERE type IN ('converted', 'lost') GROUP BY lead_id)
                        SELECT floor(s.score / :band) * :band AS low, count(*) AS leads, avg(s.score) AS avg_score,
                               count(*) FILTER (WHERE o.converted) AS converted,
                               count(*) FILTER (WHERE o.lost AND NOT o.converted) AS lost
                        FROM lead_score s JOIN lead l ON l.id = s.lead_id LEFT JOIN outcome o ON o.lead_id = l.id
                        WHERE CAST(:ws AS text) IS NULL OR l.workspace = :ws
                        GROUP BY 1 ORDER BY 1""")
                .param("ws", workspace).param("band", band)
                .query((rs, n) -> rates(rs, ordered("from", rs.getDouble(1), "to", rs.getDouble(1) + band), null))
                .list();
    }

    private static Map<String, Object> rates(java.sql.ResultSet rs, Map<String, Object> key, Double averageScore) throws java.sql.SQLException {
        var row = new LinkedHashMap<String, Object>(key);
        long leads = rs.getLong("leads");
        long converted = rs.getLong("converted");
        long lost = rs.getLong("lost");
        row.put("leads", leads);
        if (averageScore != null || key.containsKey("source")) {
            row.put("averageScore", averageScore);
        }
        row.put("converted", converted);
        row.put("lost", lost);
        row.put("conversionRate", leads == 0 ? 0.0 : Math.round(converted * 10_000.0 / leads) / 10_000.0);
        row.put("winRate", converted + lost == 0 ? null : Math.round(converted * 10_000.0 / (converted + lost)) / 10_000.0);
        return row;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text == null ? "null" : text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
