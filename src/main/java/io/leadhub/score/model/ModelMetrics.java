package io.leadhub.score.model;

import java.util.List;

/**
 * Metrics measured on the held-out split.
 *
 * @param auc              area under the ROC curve on the test split (0.5 = no better than chance)
 * @param brierScore       mean squared error of the predicted probability on the test split (lower is better;
 *                         always predicting the base rate {@code p} scores {@code p * (1 - p)})
 * @param calibration      10 equal-width bins of predicted probability over the test split
 * @param trainingExamples outcomes the model was trained on
 * @param testExamples     outcomes held out to measure these metrics
 * @param positives        converted outcomes, training and test together
 * @param negatives        lost outcomes, training and test together
 */
public record ModelMetrics(double auc, double brierScore, List<CalibrationBin> calibration,
                           int trainingExamples, int testExamples, int positives, int negatives) {

    public ModelMetrics {
        calibration = List.copyOf(calibration);
    }
}
