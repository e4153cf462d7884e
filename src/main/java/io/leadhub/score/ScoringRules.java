package io.leadhub.score;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One version of a workspace's scoring rules: the rules, category caps, the tiers the total maps to, the
 * points and half-life of each activity type, and the lowest tier handed to personalization.
 */
public record ScoringRules(int version, List<Tier> tiers, Map<String, Double> categoryCaps, List<Rule> rules,
                           Map<String, ActivityType> activity, String activityCategory, String handoffTier) {

    /** A tier holds totals at or above {@code min}; tiers are ordered from the highest min down. */
    public record Tier(String name, double min) {
    }

    /** Points an event of this type is worth when it happens, halving every {@code halfLife} (null: never decays). */
    public record ActivityType(double points, Duration halfLife) {
    }

    /** One rule: when the condition holds on the field, the points go to the category. {@code line} is where it was written. */
    public record Rule(String id, String category, String field, RuleCondition condition, double points, int line) {
    }

    public ScoringRules withVersion(int newVersion) {
        return new ScoringRules(newVersion, tiers, categoryCaps, rules, activity, activityCategory, handoffTier);
    }

    /** The tier of a total: the first tier whose min it reaches, else the lowest. */
    public String tierOf(double total) {
        for (var tier : tiers) {
            if (total >= tier.min()) {
                return tier.name();
            }
        }
        return tiers.get(tiers.size() - 1).name();
    }

    /** Whether a tier is at or above the hand-off tier (tiers are ordered best first). */
    public boolean handsOff(String tier) {
        for (var t : tiers) {
            if (t.name().equals(tier)) {
                return true;
            }
            if (t.name().equals(handoffTier)) {
                return false;
            }
        }
        return false;
    }
}
