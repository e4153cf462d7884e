package io.leadhub.score;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.facts.EmailDomains;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The "facts" step of scoring: for each lead, everything rules and the model may read by field name — the
 * lead's own fields, the merged profile's values, and the behavioural metrics of its activity.
 */
@Component
public class ScoreFacts {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final EmailDomains emailDomains;
    private final ScoringRulesStore rules;
    private final Clock clock;

    public ScoreFacts(JdbcClient jdbc, ObjectMapper json, EmailDomains emailDomains, ScoringRulesStore rules, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.emailDomains = emailDomains;
        this.rules = rules;
        this.clock = clock;
    }

    public ScoringBatch load(@Body List<?> ids, @ExchangeProperty("leadhubScoreReason") String reason) {
        var uuids = ids.stream().map(id -> id instanceof UUID u ? u : UUID.fromString(id.toString())).distinct().toArray(UUID[]::new);
        var events = new HashMap<UUID, List<ActivityDecay.Event>>();
        jdbc.sql("SELECT lead_id, type, occurred_at FROM lead_event WHERE lead_id = ANY(:ids) ORDER BY occurred_at")
                .param("ids", uuids)
                .query(rs -> {
                    events.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new ActivityDecay.Event(rs.getString(2), rs.getTimestamp(3).toInstant()));
                });
        var sources = new HashMap<UUID, List<String>>();
        jdbc.sql("SELECT DISTINCT lead_id, source FROM source_record WHERE lead_id = ANY(:ids)")
                .param("ids", uuids)
                .query(rs -> {
                    sources.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2));
                });
        var now = clock.instant();
        var leads = jdbc.sql("""
                        SELECT l.*, p.profile::text AS profile_json FROM lead l LEFT JOIN lead_profile p ON p.lead_id = l.id
                        WHERE l.id = ANY(:ids)""")
                .param("ids", uuids)
                .query((rs, n) -> {
                    var id = rs.getObject("id", UUID.class);
                    var workspace = rs.getString("workspace");
                    var facts = new LinkedHashMap<String, Object>();
                    for (var column : List.of("email", "first_name", "last_name", "full_name", "title", "phone", "linkedin_url",
                            "company_name", "company_domain", "website", "country", "city", "status")) {
                        putIfPresent(facts, column, rs.getString(column));
                    }
                    facts.put("source", rs.getString("first_source"));
                    facts.put("sources", sources.getOrDefault(id, List.of()));
                    var email = rs.getString("email");
                    if (email != null && email.contains("@")) {
                        var domain = email.substring(email.indexOf('@') + 1);
                        facts.put("email_domain", domain);
                        facts.put("free_mail", emailDomains.isFreeMail(domain));
                        facts.put("disposable_email", emailDomains.isDisposable(domain));
                    }
                    read(rs.getString("attributes")).forEach((k, v) -> facts.putIfAbsent("attributes." + k, v));
                    read(rs.getString("profile_json")).forEach((field, entry) -> {
                        var value = entry instanceof Map<?, ?> m && m.containsKey("value") ? m.get("value") : entry;
                        facts.putIfAbsent(field, value);
                    });
                    if (!facts.containsKey("industry") && facts.get("company_industry") != null) {
                        facts.put("industry", facts.get("company_industry"));
                    }
                    var leadEvents = events.getOrDefault(id, List.of());
                    facts.putAll(ActivityDecay.metrics(leadEvents, rules.current(workspace).rules().activity(), now));
                    return new ScoringBatch.LeadScoring(id, workspace, facts, leadEvents);
                })
                .list();
        return new ScoringBatch(reason == null ? "enriched" : reason, leads);
    }

    private Map<String, Object> read(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(text, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putIfPresent(Map<String, Object> facts, String name, String value) {
        if (value != null && !value.isBlank()) {
            facts.put(name, value);
        }
    }
}
