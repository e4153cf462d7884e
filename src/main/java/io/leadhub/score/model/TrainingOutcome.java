package io.leadhub.score.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Either a trained model with its metrics, or the reason there is none. The reason is meant for people
 * (logs, the API); it names counts and feature names, never feature values.
 */
public record TrainingOutcome(Optional<ConversionModel> model, String reason) {

    public TrainingOutcome {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(reason, "reason");
    }

    static TrainingOutcome trained(ConversionModel model, String summary) {
        return new TrainingOutcome(Optional.of(model), summary);
    }

    static TrainingOutcome notTrained(String reason) {
        return new TrainingOutcome(Optional.empty(), reason);
    }
}
