package io.leadhub.score.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Training on generated leads with a known conversion mechanism, with the real Tribuo library. */
class ConversionModelTest {

    private static final long DATA_SEED = 20_251_123L;
    private static final long SPLIT_SEED = 42L;

    private static List<LabeledExample> examples;
    private static TrainingOutcome outcome;
    private static ConversionModel model;

    @BeforeAll
    static void train() {
        examples = SyntheticOutcomes.examples(2_000, DATA_SEED);
        outcome = new ConversionModelTrainer(200, 0.25, SPLIT_SEED).train(examples);
        model = outcome.model().orElseThrow(() -> new AssertionError(outcome.reason()));
    }

    @Test
    void separatesConvertedFromLostOnTheHeldOutSplit() {
        var metrics = model.metrics();
        assertThat(metrics.auc()).isGreaterThan(0.8);
        assertThat(metrics.trainingExamples() + metrics.testExamples()).isEqualTo(2_000);
        assertThat(metrics.testExamples()).isBetween(495, 505);
        assertThat(metrics.positives() + metrics.negatives()).isEqualTo(2_000);
        assertThat(metrics.positives()).isEqualTo((int) examples.stream().filter(LabeledExample::converted).count());
        assertThat(outcome.reason()).contains("AUC", "Brier");
    }

    @Test
    void probabilitiesBeatAlwaysPredictingTheBaseRate() {
        var metrics = model.metrics();
        // the best constant forecast on the test split is its own conversion rate r, with Brier score r(1 - r)
        double testRate = metrics.calibration().stream().mapToDouble(b -> b.count() == 0 ? 0 : b.observedRate() * b.count())
                .sum() / metrics.testExamples();
        double baseRateBrier = testRate * (1 - testRate);
        assertThat(metrics.brierScore()).isLessThan(baseRateBrier - 0.05);
    }

    @Test
    void isCalibratedInTenBins() {
        var bins = model.metrics().calibration();
        assertThat(bins).hasSize(10);
        assertThat(bins.get(0).from()).isZero();
        assertThat(bins.get(9).to()).isEqualTo(1.0);
        assertThat(bins.stream().mapToInt(CalibrationBin::count).sum()).isEqualTo(model.metrics().testExamples());
        double weightedGap = 0;
        for (var bin : bins) {
            if (bin.count() == 0) {
                assertThat(bin.meanPredicted()).isNaN();
                continue;
            }
            assertThat(bin.meanPredicted()).isBetween(bin.from(), bin.to());
            weightedGap += Math.abs(bin.meanPredicted() - bin.observedRate()) * bin.count();
        }
        // expected calibration error: the average gap between predicted and observed rate (0.053 here; with
        // 500 test leads in 10 bins sampling noise alone is a few hundredths)
        assertThat(weightedGap / model.metrics().testExamples()).isLessThan(0.08);
    }

    @Test
    void weighsTheRelevantFeaturesAboveTheNoise() {
        var weights = model.topWeights(100).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Math.abs(e.getValue())));
        double weakestRelevant = SyntheticOutcomes.RELEVANT.stream().mapToDouble(weights::get).min().orElseThrow();
        double strongestNoise = SyntheticOutcomes.NOISE.stream().mapToDouble(weights::get).max().orElseThrow();
        assertThat(weakestRelevant).isGreaterThan(2 * strongestNoise);
        assertThat(model.topWeights(3)).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrderElementsOf(SyntheticOutcomes.RELEVANT);
        // all three raise the odds of converting
        assertThat(model.topWeights(3)).allSatisfy(e -> assertThat(e.getValue()).isPositive());
    }

    @Test
    void topWeightsAreOrderedByStrengthAndBounded() {
        var all = model.topWeights(Integer.MAX_VALUE);
        assertThat(all).hasSize(model.featureNames().size());
        assertThat(all).extracting(e -> Math.abs(e.getValue()))
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(model.topWeights(0)).isEmpty();
        assertThatThrownBy(() -> model.topWeights(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(model.featureNames()).containsExactly("company_size_in_range", "employees",
                "engagement_points", "noise_count", "noise_flag", "noise_gaussian", "noise_score", "title_senior");
    }

    @Test
    void logsHeavyTailedCountsOnly() {
        assertThat(model.encoding().logFeatures()).containsExactlyInAnyOrder("employees", "engagement_points", "noise_count");
    }

    @Test
    void sameSeedSameModel() {
        var again = new ConversionModelTrainer(200, 0.25, SPLIT_SEED).train(examples).model().orElseThrow();
        assertThat(again.metrics()).isEqualTo(model.metrics());
        assertThat(again.metrics().auc()).isEqualTo(model.metrics().auc());
        assertThat(again.topWeights(100)).isEqualTo(model.topWeights(100));
        for (var example : examples.subList(0, 200)) {
            assertThat(again.probability(example.features())).isEqualTo(model.probability(example.features()));
        }
    }

    @Test
    void anotherSeedAnotherSplit() {
        var other = new ConversionModelTrainer(200, 0.25, SPLIT_SEED + 1).train(examples).model().orElseThrow();
        assertThat(other.metrics().auc()).isNotEqualTo(model.metrics().auc()).isGreaterThan(0.8);
    }

    @Test
    void probabilityFollowsTheFeatures() {
        var typical = new HashMap<>(examples.get(0).features());
        typical.put("title_senior", 0.0);
        typical.put("engagement_points", 0.0);
        var engaged = new HashMap<>(typical);
        engaged.put("engagement_points", 25.0);
        engaged.put("title_senior", 1.0);
        assertThat(model.probability(engaged)).isGreaterThan(model.probability(typical) + 0.2);
    }

    @Test
    void missingUnknownAndNonFiniteFeaturesCountAsUnknown() {
        double baseline = model.probability(Map.of());
        assertThat(baseline).isStrictlyBetween(0.0, 1.0);
        assertThat(model.probability(Map.of("not_a_feature", 3.0))).isEqualTo(baseline);
        assertThat(model.probability(Map.of("employees", Double.NaN))).isEqualTo(baseline);
        var withNull = new HashMap<String, Double>();
        withNull.put("employees", null);
        withNull.put(null, 1.0);
        assertThat(model.probability(withNull)).isEqualTo(baseline);

        var features = examples.get(1).features();
        var withExtra = new HashMap<>(features);
        withExtra.put("not_a_feature", 1e9);
        withExtra.put("noise_score", Double.POSITIVE_INFINITY);
        var withoutNoiseScore = new HashMap<>(features);
        withoutNoiseScore.remove("noise_score");
        assertThat(model.probability(withExtra)).isEqualTo(model.probability(withoutNoiseScore));
    }

    @Test
    void extremeValuesStayProbabilities() {
        assertThat(model.probability(Map.of("employees", 1e15, "engagement_points", 1e9))).isBetween(0.0, 1.0);
        assertThat(model.probability(Map.of("employees", -5.0, "noise_gaussian", -1e12))).isBetween(0.0, 1.0);
        // a negative count is clamped to 0 rather than producing NaN
        assertThat(model.probability(Map.of("employees", -5.0))).isEqualTo(model.probability(Map.of("employees", 0.0)));
    }

    @Test
    void rejectsTheReservedFeatureName() {
        assertThatThrownBy(() -> model.probability(Map.of(FeatureEncoding.INTERCEPT, 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved");
    }

    @Test
    void probabilityIsThreadSafe() throws Exception {
        var sample = examples.subList(0, 400);
        var expected = sample.stream().map(e -> model.probability(e.features())).toList();
        var pool = Executors.newFixedThreadPool(4);
        try {
            var tasks = new ArrayList<Callable<List<Double>>>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> sample.stream().map(e -> model.probability(e.features())).toList());
            }
            for (Future<List<Double>> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void predictedRateMatchesTheObservedRate() {
        double meanPredicted = examples.stream().mapToDouble(e -> model.probability(e.features())).average().orElseThrow();
        double observed = examples.stream().filter(LabeledExample::converted).count() / (double) examples.size();
        assertThat(meanPredicted).isCloseTo(observed, within(0.03));
    }
}
