package io.leadhub.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The leads of one scoring pass, each gathering its facts, fit, score card and probability step by step, then what
 * storing it found: whether it changed (and from which tier), and whether it goes on to personalization.
 */
public record ScoringBatch(String reason, List<LeadScoring> leads) {

    /** The ids of the leads to hand to personalization, as the store step decided. */
    public List<String> handOff() {
        return leads.stream().filter(LeadScoring::handOff).map(lead -> lead.leadId().toString()).toList();
    }

    public static final class LeadScoring {
        private final UUID leadId;
        private final String workspace;
        private final Map<String, Object> facts;
        private final List<ActivityDecay.Event> events;
        private List<Map<String, Object>> fit = new ArrayList<>();
        private ScoreCard card;
        private Double probability;
        private Integer modelVersion;
        private boolean changed;
        private String previousTier;
        private boolean handOff;

        public LeadScoring(UUID leadId, String workspace, Map<String, Object> facts, List<ActivityDecay.Event> events) {
            this.leadId = leadId;
            this.workspace = workspace;
            this.facts = facts;
            this.events = events;
        }

        public UUID leadId() { return leadId; }
        public String workspace() { return workspace; }
        /** Lead, profile, activity and fit values by field name: what rules and the model read. */
        public Map<String, Object> facts() { return facts; }
        public List<ActivityDecay.Event> events() { return events; }
        public List<Map<String, Object>> fit() { return fit; }
        public void fit(List<Map<String, Object>> fit) { this.fit = fit; }
        public ScoreCard card() { return card; }
        public void card(ScoreCard card) { this.card = card; }
        public Double probability() { return probability; }
        public Integer modelVersion() { return modelVersion; }
        public void probability(Double probability, Integer modelVersion) {
            this.probability = probability;
            this.modelVersion = modelVersion;
        }
        /** Stored: whether score, tier, rules or probability changed (a history row, an event), and the tier before. */
        public boolean changed() { return changed; }
        public String previousTier() { return previousTier; }
        public boolean handOff() { return handOff; }
        public void stored(boolean changed, String previousTier, boolean handOff) {
            this.changed = changed;
            this.previousTier = previousTier;
            this.handOff = handOff;
        }
    }
}
