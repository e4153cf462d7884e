package io.leadhub.score;

import java.util.List;
import java.util.Map;

/**
 * A lead's score with its explanation: every rule that fired with its points and the value that made it fire,
 * the activity's decayed points, and each category's total after its cap.
 */
public record ScoreCard(double total, String tier, int rulesVersion, String rulesWorkspace,
                        List<Map<String, Object>> fired, Map<String, Double> categories) {
}
