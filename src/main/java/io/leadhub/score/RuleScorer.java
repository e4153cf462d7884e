package io.leadhub.score;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/**
 * The "score" step: applies the workspace's rules to each lead's facts, adds the decayed activity, caps each
 * category, and maps the total to a tier.
 */
@Component
public class RuleScorer {

    private final ScoringRulesStore rules;
    private final Clock clock;

    public RuleScorer(ScoringRulesStore rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    public ScoringBatch score(@Body ScoringBatch batch) {
        for (var lead : batch.leads()) {
            var current = rules.current(lead.workspace());
            lead.card(score(current.rules(), current.workspace(), lead.facts(), lead.events()));
        }
        return batch;
    }

    public ScoreCard score(ScoringRules rules, String rulesWorkspace, Map<String, Object> facts, List<ActivityDecay.Event> events) {
        var fired = new ArrayList<Map<String, Object>>();
        var raw = new LinkedHashMap<String, Double>();
        for (var rule : rules.rules()) {
            rule.condition().match(facts.get(rule.field())).ifPresent(value -> {
                var entry = new LinkedHashMap<String, Object>();
                entry.put("rule", rule.id());
                entry.put("category", rule.category());
                entry.put("field", rule.field());
                entry.put("condition", rule.condition().describe());
                entry.put("value", value.length() > 200 ? value.substring(0, 200) + "..." : value);
                entry.put("points", rule.points());
                fired.add(entry);
                raw.merge(rule.category(), rule.points(), Double::sum);
            });
        }
        ActivityDecay.pointsByType(events, rules.activity(), clock.instant()).forEach((type, points) -> {
            if (points == 0) {
                return;
            }
            var entry = new LinkedHashMap<String, Object>();
            entry.put("rule", "activity:" + type);
            entry.put("category", rules.activityCategory());
            entry.put("field", "activity." + type + ".points");
            entry.put("condition", "decays by half every " + rules.activity().get(type).halfLife());
            entry.put("value", facts.getOrDefault("activity." + type + ".count", 0) + " event(s), last "
                    + facts.getOrDefault("activity." + type + ".days_since_last", "?") + " days ago");
            entry.put("points", ActivityDecay.round(points));
            fired.add(entry);
            raw.merge(rules.activityCategory(), points, Double::sum);
        });
        var categories = new LinkedHashMap<String, Double>();
        raw.forEach((category, points) -> {
            var cap = rules.categoryCaps().get(category);
            categories.put(category, ActivityDecay.round(cap != null && points > cap ? cap : points));
        });
        var total = ActivityDecay.round(categories.values().stream().mapToDouble(Double::doubleValue).sum());
        return new ScoreCard(total, rules.tierOf(total), rules.version(), rulesWorkspace, fired, categories);
    }
}
