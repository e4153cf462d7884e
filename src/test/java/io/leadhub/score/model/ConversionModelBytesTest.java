package io.leadhub.score.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** toBytes / fromBytes, as the model will be stored in and read from a bytea column. */
class ConversionModelBytesTest {

    private static List<LabeledExample> examples;
    private static ConversionModel model;
    private static byte[] bytes;

    @BeforeAll
    static void train() {
        examples = SyntheticOutcomes.examples(1_000, 99);
        model = new ConversionModelTrainer(100, 0.25, 5).train(examples).model().orElseThrow();
        bytes = model.toBytes();
    }

    @Test
    void roundTripGivesIdenticalProbabilities() {
        var restored = ConversionModel.fromBytes(bytes);

        for (var example : examples) {
            assertThat(restored.probability(example.features())).isEqualTo(model.probability(example.features()));
        }
        assertThat(restored.probability(Map.of())).isEqualTo(model.probability(Map.of()));
        assertThat(restored.metrics()).isEqualTo(model.metrics());
        assertThat(restored.featureNames()).isEqualTo(model.featureNames());
        assertThat(restored.topWeights(100)).isEqualTo(model.topWeights(100));
        assertThat(restored.encoding().logFeatures()).isEqualTo(model.encoding().logFeatures());
    }

    @Test
    void isSmall() {
        assertThat(bytes.length).isLessThan(64 * 1024);
    }

    @Test
    void rejectsGarbage() {
        var random = new byte[4_096];
        new Random(1).nextBytes(random);
        for (var garbage : List.of(new byte[0], new byte[] {1, 2, 3}, "hello, world".getBytes(StandardCharsets.UTF_8),
                random)) {
            assertThatThrownBy(() -> ConversionModel.fromBytes(garbage))
                    .isInstanceOf(InvalidModelException.class)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Not a leadhub conversion model");
        }
        assertThatThrownBy(() -> ConversionModel.fromBytes(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 12, 40, 300, 2_000, -1})
    void rejectsDamagedBytes(int position) {
        var damaged = bytes.clone();
        int at = position < 0 ? damaged.length - 1 : Math.min(position, damaged.length - 1);
        damaged[at] ^= 0x10;

        assertThatThrownBy(() -> ConversionModel.fromBytes(damaged))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("Corrupt conversion model");
    }

    @Test
    void rejectsTruncatedBytes() {
        for (int length : new int[] {8, 11, 100, bytes.length / 2, bytes.length - 1}) {
            var truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> ConversionModel.fromBytes(truncated))
                    .isInstanceOf(InvalidModelException.class)
                    .hasMessageContaining("Corrupt conversion model");
        }
    }

    @Test
    void rejectsAnotherFormatVersion() {
        var future = bytes.clone();
        future[7] = 2;

        assertThatThrownBy(() -> ConversionModel.fromBytes(future))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("version 2 is not supported");
    }
}
