package io.leadhub.score.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.transform.Transformation;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformedModel;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/**
 * Trains a {@link ConversionModel}: logistic regression (Tribuo's linear SGD with the log-loss) on standardised
 * features, measured on a held-out split.
 *
 * <p>Deterministic: the same examples in the same order with the same seed give the same model, probabilities
 * and metrics (callers should read outcomes in a stable order, e.g. by lead id). The split is stratified: each
 * class is shuffled with the seed and {@code testFraction} of it (at least one, and leaving at least one for
 * training) is held out, so the test split has the base rate of the whole set. The SGD shuffling uses the same
 * seed; a new Tribuo trainer is made per call because Tribuo's trainers advance their random state on every
 * {@code train}.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class ConversionModelTrainer {

    /** Passes over the training split; a few thousand outcomes take milliseconds per pass. */
    static final int EPOCHS = 20;
    /**
     * AdaGrad's initial learning rate. Tribuo's {@code LogisticRegressionTrainer} uses 1.0 for 5 epochs, which
     * leaves noisier weights: on the generated leads of the tests 0.1 for 20 epochs gives a Brier score of 0.150
     * against 0.154, and noise features' weights half as large; smaller rates with more epochs gain nothing.
     */
    static final double LEARNING_RATE = 0.1;
    static final int CALIBRATION_BINS = 10;
    private static final int MIN_PER_CLASS = 2;
    private static final int NAMES_IN_REASON = 10;

    private final int minimumOutcomes;
    private final double testFraction;
    private final long seed;

    /**
     * @param minimumOutcomes fewest outcomes (converted plus lost) worth training on
     * @param testFraction    share of each class held out for the metrics, strictly between 0 and 1 (e.g. 0.25)
     * @param seed            seed for the split and the SGD shuffling
     */
    public ConversionModelTrainer(int minimumOutcomes, double testFraction, long seed) {
        if (minimumOutcomes < 1) {
            throw new IllegalArgumentException("minimumOutcomes must be at least 1, was " + minimumOutcomes);
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be strictly between 0 and 1, was " + testFraction);
        }
        this.minimumOutcomes = minimumOutcomes;
        this.testFraction = testFraction;
        this.seed = seed;
    }

    public int minimumOutcomes() {
        return minimumOutcomes;
    }

    public double testFraction() {
        return testFraction;
    }

    public long seed() {
        return seed;
    }

    /**
     * Empty with a reason when fewer than minimumOutcomes examples, or when only one class is present (say which).
     * Also empty when a class has a single outcome (it cannot be in both splits) or no feature varies across the
     * training split. With a model, the reason summarises the hold-out metrics and names ignored features.
     *
     * @throws IllegalArgumentException when a feature is named {@code leadhub:intercept} (reserved)
     */
    public TrainingOutcome train(List<LabeledExample> examples) {
        Objects.requireNonNull(examples, "examples");
        var positives = new ArrayList<Integer>();
        var negatives = new ArrayList<Integer>();
        for (int i = 0; i < examples.size(); i++) {
            (Objects.requireNonNull(examples.get(i), "example").converted() ? positives : negatives).add(i);
        }
        int total = examples.size();
        if (total < minimumOutcomes) {
            return TrainingOutcome.notTrained(String.format(Locale.ROOT,
                    "Only %d outcome%s (%d converted, %d lost); at least %d are needed to train a conversion model.",
                    total, total == 1 ? "" : "s", positives.size(), negatives.size(), minimumOutcomes));
        }
        if (negatives.isEmpty()) {
            return TrainingOutcome.notTrained(String.format(Locale.ROOT,
                    "All %d outcomes are converted and none lost; a conversion model needs both converted and lost leads.",
                    total));
        }
        if (positives.isEmpty()) {
            return TrainingOutcome.notTrained(String.format(Locale.ROOT,
                    "All %d outcomes are lost and none converted; a conversion model needs both converted and lost leads.",
                    total));
        }
        if (positives.size() < MIN_PER_CLASS || negatives.size() < MIN_PER_CLASS) {
            return TrainingOutcome.notTrained(String.format(Locale.ROOT,
                    "Only %d converted and %d lost outcomes; at least %d of each are needed so that both the training "
                            + "and the test split contain each outcome.",
                    positives.size(), negatives.size(), MIN_PER_CLASS));
        }

        var random = new Random(seed);
        Collections.shuffle(positives, random);
        Collections.shuffle(negatives, random);
        int testPositives = testCount(positives.size());
        int testNegatives = testCount(negatives.size());
        var testIndices = new ArrayList<Integer>(positives.subList(0, testPositives));
        testIndices.addAll(negatives.subList(0, testNegatives));
        var trainingIndices = new ArrayList<Integer>(positives.subList(testPositives, positives.size()));
        trainingIndices.addAll(negatives.subList(testNegatives, negatives.size()));
        // keep the caller's order within each split: the split is already decided, and SGD shuffles anyway
        Collections.sort(testIndices);
        Collections.sort(trainingIndices);

        var encoding = FeatureEncoding.fit(trainingIndices.stream().map(i -> examples.get(i).features()).toList());
        if (encoding.features().isEmpty()) {
            return TrainingOutcome.notTrained(String.format(Locale.ROOT,
                    "No feature has two different values among the %d training outcomes; there is nothing to learn from.",
                    trainingIndices.size()));
        }

        var factory = new LabelFactory();
        var trainingSet = dataset("leadhub outcomes, training split", examples, trainingIndices, encoding, factory);
        var testSet = dataset("leadhub outcomes, test split", examples, testIndices, encoding, factory);

        // Per-feature standardisation (Tribuo's keys are regexes, hence the quoting); the intercept stays 1.0.
        var perFeature = new LinkedHashMap<String, List<Transformation>>();
        for (var name : encoding.features()) {
            perFeature.put(Pattern.quote(name), List.of(new MeanStdDevTransformation()));
        }
        var sgd = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(LEARNING_RATE, 0.1), EPOCHS,
                -1 /* no loss logging */, 1, seed);
        var trainer = new TransformTrainer<>(sgd, new TransformationMap(perFeature), false, false);
        TransformedModel<Label> tribuoModel = trainer.train(trainingSet);

        var evaluation = new LabelEvaluator().evaluate(tribuoModel, testSet);
        double auc = evaluation.AUCROC(ConversionModel.CONVERTED_LABEL);
        var predictions = evaluation.getPredictions();
        double trainingBaseRate = (positives.size() - testPositives) / (double) trainingIndices.size();
        var metrics = new ModelMetrics(auc, brierScore(predictions), calibration(predictions),
                trainingIndices.size(), testIndices.size(), positives.size(), negatives.size());
        var model = new ConversionModel(tribuoModel, encoding, metrics);

        var summary = new StringBuilder(String.format(Locale.ROOT,
                "Trained on %d outcomes and tested on %d held out: AUC %.3f, Brier score %.4f "
                        + "(%.4f when always predicting the base rate).",
                trainingIndices.size(), testIndices.size(), auc, metrics.brierScore(),
                baseRateBrierScore(predictions, trainingBaseRate)));
        var ignored = new TreeSet<String>();
        examples.forEach(e -> ignored.addAll(e.features().keySet()));
        ignored.removeAll(encoding.features());
        if (!ignored.isEmpty()) {
            summary.append(" Ignored (fewer than two different values in the training split): ").append(names(ignored)).append('.');
        }
        return TrainingOutcome.trained(model, summary.toString());
    }

    private int testCount(int classSize) {
        return Math.min(classSize - 1, Math.max(1, (int) Math.round(classSize * testFraction)));
    }

    private static MutableDataset<Label> dataset(String description, List<LabeledExample> examples,
                                                 List<Integer> indices, FeatureEncoding encoding, LabelFactory factory) {
        var dataset = new MutableDataset<>(new SimpleDataSourceProvenance(description, factory), factory);
        for (int i : indices) {
            var example = examples.get(i);
            var encoded = encoding.encode(example.features());
            var label = example.converted() ? ConversionModel.CONVERTED_LABEL : ConversionModel.LOST_LABEL;
            dataset.add(new ArrayExample<>(label, encoded.names(), encoded.values()));
        }
        return dataset;
    }

    static double brierScore(List<Prediction<Label>> predictions) {
        double sum = 0;
        for (var prediction : predictions) {
            double error = ConversionModel.probabilityOf(prediction) - outcome(prediction);
            sum += error * error;
        }
        return sum / predictions.size();
    }

    private static double baseRateBrierScore(List<Prediction<Label>> predictions, double baseRate) {
        double sum = 0;
        for (var prediction : predictions) {
            double error = baseRate - outcome(prediction);
            sum += error * error;
        }
        return sum / predictions.size();
    }

    /** {@value #CALIBRATION_BINS} equal-width bins of predicted probability; empty bins have NaN means. */
    static List<CalibrationBin> calibration(List<Prediction<Label>> predictions) {
        var predictedSum = new double[CALIBRATION_BINS];
        var observedSum = new double[CALIBRATION_BINS];
        var count = new int[CALIBRATION_BINS];
        for (var prediction : predictions) {
            double p = ConversionModel.probabilityOf(prediction);
            int bin = Math.min(CALIBRATION_BINS - 1, Math.max(0, (int) (p * CALIBRATION_BINS)));
            predictedSum[bin] += p;
            observedSum[bin] += outcome(prediction);
            count[bin]++;
        }
        var bins = new ArrayList<CalibrationBin>(CALIBRATION_BINS);
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            bins.add(new CalibrationBin(b / (double) CALIBRATION_BINS, (b + 1) / (double) CALIBRATION_BINS,
                    count[b] == 0 ? Double.NaN : predictedSum[b] / count[b],
                    count[b] == 0 ? Double.NaN : observedSum[b] / count[b], count[b]));
        }
        return bins;
    }

    private static double outcome(Prediction<Label> prediction) {
        return prediction.getExample().getOutput().getLabel().equals(ConversionModel.CONVERTED) ? 1.0 : 0.0;
    }

    private static String names(TreeSet<String> names) {
        var shown = names.stream().limit(NAMES_IN_REASON).toList();
        var text = String.join(", ", shown);
        return names.size() > shown.size() ? text + " and " + (names.size() - shown.size()) + " more" : text;
    }

    @Override
    public String toString() {
        return "ConversionModelTrainer[minimumOutcomes=" + minimumOutcomes + ", testFraction=" + testFraction
                + ", seed=" + seed + "]";
    }
}
