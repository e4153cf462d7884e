package io.leadhub.score.model;

/**
 * Reliability diagram bin: predicted probability range, mean predicted, observed conversion rate, count.
 *
 * <p>The range is {@code [from, to)}, except for the last bin, which includes 1.0. A bin no test lead fell into
 * has {@code count == 0} and {@code meanPredicted} and {@code observedRate} set to {@link Double#NaN}.
 */
public record CalibrationBin(double from, double to, double meanPredicted, double observedRate, int count) {
}
