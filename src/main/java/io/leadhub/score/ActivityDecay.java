package io.leadhub.score;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a lead's activity is worth now: each event's points halve every half-life of its type, counted from
 * when it happened to the injected clock's now. Also the behavioural metrics rules can use: per type the
 * count, the days since the last one and the decayed points, and the decayed total.
 */
public final class ActivityDecay {

    /** One event of a lead. */
    public record Event(String type, Instant occurredAt) {
    }

    private ActivityDecay() {
    }

    /** The decayed value of one event. */
    public static double value(ScoringRules.ActivityType type, Instant occurredAt, Instant now) {
        var age = Duration.between(occurredAt, now);
        if (age.isNegative() || type.halfLife() == null) {
            return type.points();
        }
        return type.points() * Math.pow(0.5, (double) age.toMillis() / type.halfLife().toMillis());
    }

    /** Decayed points per configured type (types without events are left out). */
    public static Map<String, Double> pointsByType(List<Event> events, Map<String, ScoringRules.ActivityType> types, Instant now) {
        var points = new LinkedHashMap<String, Double>();
        for (var event : events) {
            var type = types.get(event.type());
            if (type != null) {
                points.merge(event.type(), value(type, event.occurredAt(), now), Double::sum);
            }
        }
        return points;
    }

    /** activity.points, activity.&lt;type&gt;.count, .days_since_last and .points, for rules and the model. */
    public static Map<String, Object> metrics(List<Event> events, Map<String, ScoringRules.ActivityType> types, Instant now) {
        var metrics = new LinkedHashMap<String, Object>();
        var points = pointsByType(events, types, now);
        metrics.put("activity.points", round(points.values().stream().mapToDouble(Double::doubleValue).sum()));
        metrics.put("activity.count", events.size());
        var byType = new LinkedHashMap<String, Instant>();
        var counts = new LinkedHashMap<String, Integer>();
        for (var event : events) {
            counts.merge(event.type(), 1, Integer::sum);
            byType.merge(event.type(), event.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        counts.forEach((type, count) -> {
            metrics.put("activity." + type + ".count", count);
            metrics.put("activity." + type + ".days_since_last",
                    round(Math.max(0, Duration.between(byType.get(type), now).toMillis()) / 86_400_000.0));
            metrics.put("activity." + type + ".points", round(points.getOrDefault(type, 0.0)));
        });
        return metrics;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
