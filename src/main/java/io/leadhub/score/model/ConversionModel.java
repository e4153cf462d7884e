package io.leadhub.score.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;

import com.google.protobuf.InvalidProtocolBufferException;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.transform.TransformedModel;

/**
 * A trained conversion model: P(converted) for a lead's features, with the metrics measured when it was trained.
 *
 * <p>Immutable; {@link #probability(Map)} may be called from any number of threads at once (Tribuo's linear
 * models are read-only after training and each call builds its own example).
 *
 * <p>Serialised form ({@link #toBytes()}): a small header of our own (magic {@code LHCM}, format version,
 * metrics, the feature encoding), the Tribuo model as Tribuo's protobuf {@code ModelProto}, and a CRC-32 of
 * everything before it, so that a damaged copy is rejected rather than read as a model with other weights.
 * Protobuf rather than Java serialisation because it is Tribuo's supported, versioned format since 4.3,
 * stores doubles bit for bit (so probabilities survive the round trip exactly) and, unlike
 * {@code ObjectInputStream}, only ever builds Tribuo's own protobuf-serialisable types from the bytes (and we
 * check the outer one is the expected model type before Tribuo reads it).
 */
public final class ConversionModel {

    static final String CONVERTED = "converted";
    static final String LOST = "lost";
    static final Label CONVERTED_LABEL = new Label(CONVERTED);
    static final Label LOST_LABEL = new Label(LOST);

    private static final int MAGIC = 0x4C48434D; // "LHCM": LeadHub Conversion Model
    private static final int FORMAT_VERSION = 1;
    private static final int CRC_BYTES = 4;

    private final TransformedModel<Label> model;
    private final FeatureEncoding encoding;
    private final ModelMetrics metrics;
    private final List<String> featureNames;
    private final List<Map.Entry<String, Double>> weights;

    ConversionModel(TransformedModel<Label> model, FeatureEncoding encoding, ModelMetrics metrics) {
        this.model = Objects.requireNonNull(model, "model");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.featureNames = List.copyOf(encoding.features());
        this.weights = weights(model);
    }

    /** P(converted), 0..1. Unknown, missing and non-finite features count as the training average. */
    public double probability(Map<String, Double> features) {
        Objects.requireNonNull(features, "features");
        var encoded = encoding.encode(features);
        var example = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, encoded.names(), encoded.values());
        return probabilityOf(model.predict(example));
    }

    public ModelMetrics metrics() {
        return metrics;
    }

    /** The features the model uses, sorted by name. */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * The strongest features with their weights, for explaining the model (top n by |weight|).
     *
     * <p>A weight is the change in the log-odds of converting per standard deviation of the feature (after
     * {@code log1p} for heavy-tailed counts), so weights of different features are comparable: +0.7 means one
     * standard deviation more roughly doubles the odds, a negative weight lowers them.
     */
    public List<Map.Entry<String, Double>> topWeights(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        return weights.subList(0, Math.min(n, weights.size()));
    }

    /** To store in a PostgreSQL bytea column; {@link #fromBytes(byte[])} reads it back. */
    public byte[] toBytes() {
        try {
            var bytes = new ByteArrayOutputStream();
            var out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeDouble(metrics.auc());
            out.writeDouble(metrics.brierScore());
            out.writeInt(metrics.trainingExamples());
            out.writeInt(metrics.testExamples());
            out.writeInt(metrics.positives());
            out.writeInt(metrics.negatives());
            out.writeInt(metrics.calibration().size());
            for (var bin : metrics.calibration()) {
                out.writeDouble(bin.from());
                out.writeDouble(bin.to());
                out.writeDouble(bin.meanPredicted());
                out.writeDouble(bin.observedRate());
                out.writeInt(bin.count());
            }
            writeStrings(out, encoding.features());
            writeStrings(out, encoding.logFeatures());
            var proto = model.serialize().toByteArray();
            out.writeInt(proto.length);
            out.write(proto);
            var crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
    }

    /**
     * Reads what {@link #toBytes()} wrote; the result gives exactly the same probabilities.
     *
     * @throws InvalidModelException when the bytes are not a conversion model (garbage, truncated or damaged,
     *                               another format version or another kind of Tribuo model)
     */
    public static ConversionModel fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        var in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            if (bytes.length < 8 || in.readInt() != MAGIC) {
                throw new InvalidModelException("Not a leadhub conversion model (the header is missing)");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new InvalidModelException("Conversion model format version " + version
                        + " is not supported; this build reads version " + FORMAT_VERSION);
            }
            if (bytes.length < 8 + CRC_BYTES) {
                throw new InvalidModelException("Corrupt conversion model (truncated)");
            }
            var crc = new CRC32();
            crc.update(bytes, 0, bytes.length - CRC_BYTES);
            if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - CRC_BYTES, CRC_BYTES).getInt()) {
                throw new InvalidModelException("Corrupt conversion model (checksum mismatch: truncated or damaged)");
            }
            double auc = in.readDouble();
            double brier = in.readDouble();
            int training = in.readInt();
            int test = in.readInt();
            int positives = in.readInt();
            int negatives = in.readInt();
            int binCount = in.readInt();
            if (binCount < 0 || binCount > 1000) {
                throw new InvalidModelException("Corrupt conversion model (" + binCount + " calibration bins)");
            }
            var bins = new ArrayList<CalibrationBin>(binCount);
            for (int b = 0; b < binCount; b++) {
                bins.add(new CalibrationBin(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readInt()));
            }
            var metrics = new ModelMetrics(auc, brier, bins, training, test, positives, negatives);
            var features = readStrings(in);
            var logFeatures = readStrings(in);
            int protoLength = in.readInt();
            if (protoLength <= 0 || protoLength != in.available() - CRC_BYTES) {
                throw new InvalidModelException("Corrupt conversion model (the Tribuo part is " + protoLength
                        + " bytes but " + (in.available() - CRC_BYTES) + " remain)");
            }
            var proto = ModelProto.parseFrom(in.readNBytes(protoLength));
            if (!TransformedModel.class.getName().equals(proto.getClassName())) {
                throw new InvalidModelException("Not a conversion model: the Tribuo part is a "
                        + proto.getClassName());
            }
            var encoding = new FeatureEncoding(features, logFeatures);
            return new ConversionModel(checkedModel(Model.deserialize(proto), encoding), encoding, metrics);
        } catch (InvalidModelException e) {
            throw e;
        } catch (EOFException e) {
            throw new InvalidModelException("Corrupt conversion model (truncated)", e);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidModelException("Corrupt conversion model (the Tribuo part does not parse)", e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidModelException("Corrupt conversion model (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    FeatureEncoding encoding() {
        return encoding;
    }

    /** P(converted) from a Tribuo prediction of this model family. */
    static double probabilityOf(Prediction<Label> prediction) {
        return prediction.getOutputScores().get(CONVERTED).getScore();
    }

    @SuppressWarnings("unchecked")
    private static TransformedModel<Label> checkedModel(Model<?> model, FeatureEncoding encoding) {
        if (!(model instanceof TransformedModel<?> transformed) || !model.validate(Label.class)
                || !(transformed.getInnerModel() instanceof LinearSGDModel)) {
            throw new InvalidModelException("Not a conversion model: the Tribuo part is a " + model.getClass().getName());
        }
        var labels = new HashSet<String>();
        model.getOutputIDInfo().getDomain().forEach(o -> labels.add(((Label) o).getLabel()));
        if (!labels.equals(Set.of(CONVERTED, LOST))) {
            throw new InvalidModelException("Not a conversion model: its outcomes are " + labels);
        }
        var modelFeatures = new HashSet<String>();
        model.getFeatureIDMap().forEach(f -> modelFeatures.add(f.getName()));
        var expected = new HashSet<>(encoding.features());
        expected.add(FeatureEncoding.INTERCEPT);
        if (!modelFeatures.equals(expected)) {
            throw new InvalidModelException("Corrupt conversion model (the feature list does not match the Tribuo model)");
        }
        return (TransformedModel<Label>) model;
    }

    /** Log-odds weight per feature, strongest first (ties by name), without the intercept. */
    private static List<Map.Entry<String, Double>> weights(TransformedModel<Label> model) {
        var inner = (LinearSGDModel) model.getInnerModel();
        var matrix = inner.getWeightsCopy(); // one row per label, one column per feature id, bias last
        var outputs = inner.getOutputIDInfo();
        int converted = outputs.getID(CONVERTED_LABEL);
        int lost = outputs.getID(LOST_LABEL);
        var features = inner.getFeatureIDMap();
        var result = new ArrayList<Map.Entry<String, Double>>(features.size());
        for (int id = 0; id < features.size(); id++) {
            var name = features.get(id).getName();
            if (!FeatureEncoding.INTERCEPT.equals(name)) {
                // softmax over two labels: log-odds(converted) = (w_converted - w_lost) . x
                result.add(Map.entry(name, matrix.get(converted, id) - matrix.get(lost, id)));
            }
        }
        result.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        return List.copyOf(result);
    }

    private static void writeStrings(DataOutputStream out, Set<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (var s : strings) {
            var utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new InvalidModelException("Corrupt conversion model (" + count + " feature names)");
        }
        var strings = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            int length = in.readInt();
            if (length < 0 || length > in.available()) { // checked before allocating
                throw new InvalidModelException("Corrupt conversion model (a feature name of " + length + " bytes)");
            }
            strings.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
        return strings;
    }

    @Override
    public String toString() {
        return "ConversionModel[features=" + featureNames.size() + ", auc=" + metrics.auc() + "]";
    }
}
