package io.leadhub.score.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** When the trainer declines to train, and why. */
class ConversionModelTrainerTest {

    private final ConversionModelTrainer trainer = new ConversionModelTrainer(50, 0.25, 7);

    @Test
    void tooFewOutcomesSaysHowManyExistAndAreNeeded() {
        var outcome = trainer.train(SyntheticOutcomes.examples(37, 1));

        assertThat(outcome.model()).isEmpty();
        assertThat(outcome.reason()).contains("37 outcomes").contains("at least 50");
    }

    @Test
    void noOutcomesAtAll() {
        var outcome = trainer.train(List.of());

        assertThat(outcome.model()).isEmpty();
        assertThat(outcome.reason()).contains("Only 0 outcomes").contains("at least 50");
    }

    @Test
    void onlyLostOutcomes() {
        var outcome = trainer.train(withOutcomes(60, 0));

        assertThat(outcome.model()).isEmpty();
        assertThat(outcome.reason()).contains("All 60 outcomes are lost").contains("none converted");
    }

    @Test
    void onlyConvertedOutcomes() {
        var outcome = trainer.train(withOutcomes(60, 60));

        assertThat(outcome.model()).isEmpty();
        assertThat(outcome.reason()).contains("All 60 outcomes are converted").contains("none lost");
    }

    @Test
    void aSingleConversionCannotBeBothTrainedOnAndTested() {
        var outcome = trainer.train(withOutcomes(60, 1));

        assertThat(outcome.model()).isEmpty();
        assertThat(outcome.reason()).contains("1 converted and 59 lost").contains("at least 2 of each");
    }

    @Test
    void trainsAtExactlyTheMinimum() {
        var outcome = trainer.train(withOutcomes(50, 10));

        assertThat(outcome.model()).isPresent();
        var metrics = outcome.model().get().metrics();
        assertThat(metrics.positives()).isEqualTo(10);
        assertThat(metrics.negatives()).isEqualTo(40);
        // stratified: a quarter of each class is held out
        assertThat(metrics.testExamples()).isEqualTo(3 + 10);
        assertThat(metrics.trainingExamples()).isEqualTo(37);
    }

    @Test
    void featuresThatNeverVaryGiveNothingToLearn() {
        var examples = new ArrayList<LabeledExample>();
        for (int i = 0; i < 60; i++) {
            examples.add(new LabeledExample(Map.of("title_senior", 1.0), i % 3 == 0));
        }

        var outcome = trainer.train(examples);

        assertThat(outcome.model()).isEmpty();
        assertThat(outcome.reason()).contains("No feature has two different values");
    }

    @Test
    void constantFeaturesAreLeftOutAndNamed() {
        var examples = new ArrayList<LabeledExample>();
        for (var example : SyntheticOutcomes.examples(200, 3)) {
            var features = new HashMap<>(example.features());
            features.put("always_one", 1.0);
            examples.add(new LabeledExample(features, example.converted()));
        }

        var outcome = trainer.train(examples);

        assertThat(outcome.model()).isPresent();
        assertThat(outcome.model().get().featureNames()).doesNotContain("always_one").contains("employees");
        assertThat(outcome.reason()).contains("always_one");
    }

    @Test
    void leadsWithoutAnyFeatureStillCount() {
        var examples = new ArrayList<>(SyntheticOutcomes.examples(200, 4));
        for (int i = 0; i < 20; i++) {
            examples.add(new LabeledExample(Map.of(), i % 2 == 0));
        }

        var outcome = trainer.train(examples);

        assertThat(outcome.model()).isPresent();
        var metrics = outcome.model().get().metrics();
        assertThat(metrics.trainingExamples() + metrics.testExamples()).isEqualTo(220);
    }

    @Test
    void featureNamesAreNotPatterns() {
        // Tribuo keys per-feature transformations by regex; "size (50+)" must not match "size 50" or fail to compile
        var examples = new ArrayList<LabeledExample>();
        for (var example : SyntheticOutcomes.examples(200, 6)) {
            var features = new HashMap<String, Double>();
            example.features().forEach((name, value) -> features.put(name + " (x.*)[", value));
            examples.add(new LabeledExample(features, example.converted()));
        }

        var model = trainer.train(examples).model().orElseThrow();

        assertThat(model.featureNames()).contains("employees (x.*)[", "title_senior (x.*)[");
        assertThat(model.probability(examples.get(0).features())).isStrictlyBetween(0.0, 1.0);
        assertThat(ConversionModel.fromBytes(model.toBytes()).probability(examples.get(0).features()))
                .isEqualTo(model.probability(examples.get(0).features()));
    }

    @Test
    void reservedFeatureNameIsRejected() {
        var examples = new ArrayList<>(SyntheticOutcomes.examples(100, 5));
        examples.set(0, new LabeledExample(Map.of(FeatureEncoding.INTERCEPT, 1.0), true));

        assertThatThrownBy(() -> trainer.train(examples)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved");
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatThrownBy(() -> new ConversionModelTrainer(0, 0.25, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConversionModelTrainer(50, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConversionModelTrainer(50, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConversionModelTrainer(50, Double.NaN, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void examplesAreCopied() {
        var features = new HashMap<String, Double>();
        features.put("a", 1.0);
        features.put("b", null);
        var example = new LabeledExample(features, true);
        features.put("a", 2.0);

        assertThat(example.features()).containsExactly(Map.entry("a", 1.0));
        assertThatThrownBy(() -> example.features().put("c", 3.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    /** {@code total} generated leads of which the first {@code converted} are marked converted. */
    private static List<LabeledExample> withOutcomes(int total, int converted) {
        var generated = SyntheticOutcomes.examples(total, 11);
        var result = new ArrayList<LabeledExample>(total);
        for (int i = 0; i < total; i++) {
            result.add(new LabeledExample(generated.get(i).features(), i < converted));
        }
        return result;
    }
}
