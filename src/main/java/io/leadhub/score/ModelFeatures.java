package io.leadhub.score;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The numbers the conversion model learns from: the rule score and each category's points, each rule that
 * fired, numeric profile and fit values, decayed activity per type, and presence of the contact fields.
 * The outcome events themselves (converted, lost) and counts that include them are left out: they would teach
 * the model the answer.
 */
public final class ModelFeatures {

    private static final Set<String> OUTCOMES = Set.of("converted", "lost");
    private static final Set<String> PRESENCE = Set.of("title", "phone", "linkedin_url", "company_name", "company_domain",
            "website", "technologies", "funding_stage", "person_seniority");

    private ModelFeatures() {
    }

    /**
     * Absent facts stay absent (the model takes them as unknown); what the rules define is always sent, as 0
     * when it did not fire or happen, because for the model a missing flag is "unknown", not "no".
     */
    public static Map<String, Double> of(ScoringBatch.LeadScoring lead, ScoringRules rules) {
        var features = new TreeMap<String, Double>();
        for (var rule : rules.rules()) {
            features.put("rule." + rule.id(), 0.0);
            features.put("category." + rule.category(), 0.0);
        }
        features.put("category." + rules.activityCategory(), 0.0);
        rules.activity().keySet().stream().filter(type -> !OUTCOMES.contains(type)).forEach(type -> {
            features.put("activity." + type + ".points", 0.0);
            features.put("activity." + type + ".count", 0.0);
        });
        var card = lead.card();
        if (card != null) {
            features.put("score", card.total());
            card.categories().forEach((category, points) -> features.put("category." + category, points));
            card.fired().forEach(rule -> {
                var id = String.valueOf(rule.get("rule"));
                if (!id.startsWith("activity:")) {
                    features.put("rule." + id, 1.0);
                }
            });
        }
        lead.facts().forEach((name, value) -> {
            if (name.equals("activity.count") || OUTCOMES.stream().anyMatch(o -> name.startsWith("activity." + o + "."))) {
                return;
            }
            if (value instanceof Number number && !name.startsWith("attributes.")) {
                features.put(name, number.doubleValue());
            } else if (value instanceof Boolean flag) {
                features.put(name, flag ? 1.0 : 0.0);
            }
        });
        PRESENCE.forEach(field -> {
            var value = lead.facts().get(field);
            features.put("has." + field, value == null || value.toString().isBlank() || "[]".equals(value.toString()) ? 0.0 : 1.0);
        });
        return features;
    }
}
