package io.leadhub.score.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How a lead's raw feature map becomes the numbers the Tribuo model sees, before Tribuo's own per-feature
 * standardisation (mean 0, standard deviation 1, fitted on the training split and stored in the model).
 *
 * <p>Why two steps: standardisation alone puts 0/1 flags and employee counts (1..100,000) on one scale, but a
 * heavy-tailed count stays heavy-tailed: a few 100,000-employee companies would sit 10 standard deviations out
 * and dominate both the SGD updates and the probability, while the difference between 10 and 200 employees,
 * which matters for conversion, would all but vanish. So non-negative, strongly right-skewed features
 * (counts, sizes, revenue, decayed engagement points: all values &ge; 0 and sample skewness &gt; 1) go through
 * {@code log1p} first, which turns "orders of magnitude" into evenly spaced steps. Features that are not skewed
 * (scores, fractions) or can be negative stay linear. On a 0/1 flag {@code log1p} is an affine map (0 and ln 2),
 * which standardisation then undoes, so flags are unaffected either way. (On the generated leads of
 * {@code ConversionModelTest}, where conversion follows log company size and log engagement, dropping this step
 * costs about 0.02 of hold-out AUC and raises the Brier score from 0.150 to 0.159.) Tribuo has no {@code log1p}
 * transformation ({@code SimpleTransform.log} would give -infinity on 0), hence this class; the choice is made
 * on the training split and stored with the model, so prediction applies exactly the same steps.
 *
 * <p>Other rules:
 * <ul>
 *   <li>Missing values ({@code null}, NaN, infinite, absent) stay absent. After standardisation an absent
 *       feature contributes 0, i.e. it counts as the training average.</li>
 *   <li>Features with fewer than two distinct values in the training split are dropped: they cannot be learnt
 *       from and standardising them would divide by zero.</li>
 *   <li>Every encoded example carries the constant {@link #INTERCEPT} feature (left unstandardised). Tribuo
 *       rejects examples with no known feature, with the example's values in the exception message; with the
 *       constant present a lead whose features are all unknown simply gets the model's baseline
 *       probability.</li>
 * </ul>
 */
final class FeatureEncoding {

    /** Reserved feature name of the constant 1.0 feature carried by every example. */
    static final String INTERCEPT = "leadhub:intercept";

    /** Sample skewness above which a non-negative feature is taken as a heavy-tailed count and logged. */
    static final double SKEWNESS_FOR_LOG = 1.0;

    private final SortedSet<String> features;
    private final SortedSet<String> logFeatures;

    FeatureEncoding(Collection<String> features, Collection<String> logFeatures) {
        this.features = Collections.unmodifiableSortedSet(new TreeSet<>(features));
        this.logFeatures = Collections.unmodifiableSortedSet(new TreeSet<>(logFeatures));
        if (this.features.contains(INTERCEPT)) {
            throw reserved();
        }
        if (!this.features.containsAll(this.logFeatures)) {
            throw new IllegalArgumentException("log-scaled features must be model features");
        }
    }

    /** Decides which features to keep and which to log, from the training split only. */
    static FeatureEncoding fit(List<Map<String, Double>> training) {
        var valuesByName = new HashMap<String, List<Double>>();
        for (var features : training) {
            features.forEach((name, value) -> {
                if (INTERCEPT.equals(name)) {
                    throw reserved();
                }
                if (value != null && Double.isFinite(value)) {
                    valuesByName.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            });
        }
        var kept = new TreeSet<String>();
        var logged = new TreeSet<String>();
        valuesByName.forEach((name, values) -> {
            if (values.stream().distinct().count() < 2) {
                return;
            }
            kept.add(name);
            if (values.stream().allMatch(v -> v >= 0) && skewness(values) > SKEWNESS_FOR_LOG) {
                logged.add(name);
            }
        });
        return new FeatureEncoding(kept, logged);
    }

    /** Sample skewness (third standardised moment); 0 for a constant. */
    static double skewness(List<Double> values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.size();
        double m2 = 0;
        double m3 = 0;
        for (double v : values) {
            double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= values.size();
        m3 /= values.size();
        return m2 == 0 ? 0 : m3 / Math.pow(m2, 1.5);
    }

    /** Model features (without {@link #INTERCEPT}), sorted. */
    SortedSet<String> features() {
        return features;
    }

    /** The subset of {@link #features()} that goes through {@code log1p}, sorted. */
    SortedSet<String> logFeatures() {
        return logFeatures;
    }

    /** Feature names and values for a Tribuo example: known, finite features (logged where chosen) plus the intercept. */
    Encoded encode(Map<String, Double> raw) {
        var names = new ArrayList<String>(features.size() + 1);
        var values = new ArrayList<Double>(features.size() + 1);
        raw.forEach((name, value) -> {
            if (INTERCEPT.equals(name)) {
                throw reserved();
            }
            if (name == null || value == null || !Double.isFinite(value) || !features.contains(name)) {
                return;
            }
            names.add(name);
            // a count cannot be negative; clamp rather than produce NaN for a value the training data never had
            values.add(logFeatures.contains(name) ? Math.log1p(Math.max(0.0, value)) : value);
        });
        names.add(INTERCEPT);
        values.add(1.0);
        return new Encoded(names.toArray(String[]::new), values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    record Encoded(String[] names, double[] values) {
    }

    private static IllegalArgumentException reserved() {
        return new IllegalArgumentException("the feature name '" + INTERCEPT + "' is reserved");
    }
}
