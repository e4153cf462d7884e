package io.leadhub.personalize;

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

/** Reads for the personalization API: the insight of a lead × product, and its outreach by channel and tone. */
@Component
public class PersonalizationQueries {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public PersonalizationQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<Map<String, Object>> insight(UUID leadId, String productId) {
        return jdbc.sql("SELECT * FROM lead_product_enrichment WHERE lead_id = :id AND product_id = :p")
                .param("id", leadId).param("p", productId)
                .query((rs, n) -> {
                    var out = new LinkedHashMap<String, Object>();
                    out.put("leadId", leadId);
                    out.put("productId", productId);
                    out.put("keyPainPoints", read(rs.getString("key_pain_points")));
                    out.put("valueGains", read(rs.getString("value_gains")));
                    out.put("keyMessages", read(rs.getString("key_messages")));
                    out.put("groundedOn", read(rs.getString("grounded_on")));
                    out.put("research", rs.getString("research"));
                    out.put("generator", rs.getString("generator"));
                    out.put("fallbackReason", rs.getString("fallback_reason"));
                    out.put("model", rs.getString("model"));
                    out.put("promptVersion", rs.getString("prompt_version"));
                    out.put("inputTokens", rs.getInt("input_tokens"));
                    out.put("outputTokens", rs.getInt("output_tokens"));
                    out.put("cost", rs.getBigDecimal("cost"));
                    out.put("createdAt", rs.getTimestamp("created_at").toInstant());
                    out.put("updatedAt", rs.getTimestamp("updated_at").toInstant());
                    return (Map<String, Object>) out;
                })
                .optional();
    }

    /** Every product's outreach for the lead, filtered by channel and tone when given. */
    public List<Map<String, Object>> outreach(UUID leadId, String productId, String channel, String tone) {
        return jdbc.sql("""
                        SELECT product_id, outreach::text, call_script::text, skipped::text, generator FROM lead_product_enrichment
                        WHERE lead_id = :id AND (CAST(:p AS text) IS NULL OR product_id = :p) ORDER BY product_id""")
                .param("id", leadId).param("p", productId)
                .query((rs, n) -> {
                    var out = new LinkedHashMap<String, Object>();
                    out.put("productId", rs.getString(1));
                    out.put("generator", rs.getString(5));
                    var messages = json.createArrayNode();
                    read(rs.getString(2)).forEach(m -> {
                        if ((channel == null || channel.equals(m.path("channel").asText())) && (tone == null || tone.equals(m.path("tone").asText()))) {
                            messages.add(m);
                        }
                    });
                    out.put("messages", messages);
                    if (channel == null || "call".equals(channel)) {
                        out.put("callScript", read(rs.getString(3)));
                    }
                    out.put("skipped", read(rs.getString(4)));
                    return (Map<String, Object>) out;
                })
                .list();
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text == null ? "null" : text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
