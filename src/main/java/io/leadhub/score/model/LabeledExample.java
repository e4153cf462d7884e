package io.leadhub.score.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One lead's features (name -> numeric value; missing = absent) and its known outcome.
 *
 * <p>Send flags explicitly as 0 or 1: an absent feature (or a {@code null}, NaN or infinite value) means
 * "unknown" and counts as the training average, i.e. it moves the probability neither up nor down.
 * The map is copied (sorted by name, {@code null} values dropped), so later changes to the caller's map
 * have no effect.
 */
public record LabeledExample(Map<String, Double> features, boolean converted) {

    public LabeledExample {
        features = copyFeatures(features);
    }

    /** A sorted, unmodifiable copy without {@code null} values; sorted so that iteration never depends on hashing. */
    static Map<String, Double> copyFeatures(Map<String, Double> features) {
        Objects.requireNonNull(features, "features");
        var copy = new TreeMap<String, Double>();
        features.forEach((name, value) -> {
            if (value != null) {
                copy.put(Objects.requireNonNull(name, "feature name"), value);
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
