package io.leadhub.score.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** The real all-MiniLM-L6-v2 model, loaded once for the class (plain unit test, no Spring context). */
class SentenceEmbeddingsTest {

    private static final SentenceEmbeddings EMBEDDINGS = new SentenceEmbeddings();

    @Test
    void embedsIntoUnitLength384Dimensions() {
        var v = EMBEDDINGS.embed("Acme Robotics builds autonomous mobile robots for warehouses.");

        assertThat(v).hasSize(384);
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void similarTextsAreCloserThanUnrelatedOnes() {
        var bank = "Northwind Bank is a regional bank offering checking accounts, mortgages and business loans.";
        var lender = "A lender providing mortgages and loans to families and small businesses.";
        var bakery = "Family-owned bakery baking sourdough bread and pastries since 1952.";

        assertThat(EMBEDDINGS.similarity(bank, bank)).isCloseTo(1.0, within(1e-4));
        assertThat(EMBEDDINGS.similarity(bank, lender)).isGreaterThan(0.3); // observed 0.38
        assertThat(EMBEDDINGS.similarity(bank, bakery)).isLessThan(0.15)
                .isLessThan(EMBEDDINGS.similarity(bank, lender) - 0.2);
        assertThat(EMBEDDINGS.similarity(bank, lender)).isEqualTo(EMBEDDINGS.similarity(lender, bank));
    }

    @Test
    void cachesByTextAndHandsOutCopies() {
        var text = "Cloudlytics builds product analytics software.";
        var first = EMBEDDINGS.embed(text);
        first[0] = 42f; // a caller's change must not reach the cache

        assertThat(EMBEDDINGS.vector(text)).isSameAs(EMBEDDINGS.vector("  Cloudlytics builds\n product analytics software. "));
        assertThat(EMBEDDINGS.embed(text)[0]).isNotEqualTo(42f);
    }

    @Test
    void blankTextsHaveNothingToCompare() {
        assertThat(EMBEDDINGS.similarity(null, "a bank")).isZero();
        assertThat(EMBEDDINGS.similarity("a bank", "  ")).isZero();
        assertThatThrownBy(() -> EMBEDDINGS.embed(" \n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EMBEDDINGS.embed(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void longTextsAreCutBeforeEmbedding() {
        var sentence = "We build autonomous warehouse robots. ";
        var longText = sentence.repeat(200);

        assertThat(SentenceEmbeddings.normalise(longText)).hasSizeLessThanOrEqualTo(SentenceEmbeddings.MAX_CHARS)
                .startsWith(sentence.strip());
        assertThat(EMBEDDINGS.embed(longText)).hasSize(384);
    }

    @Test
    void servesConcurrentCallersWithOneModel() throws Exception {
        var fresh = new SentenceEmbeddings(); // loads lazily: all threads race for the first use
        var pool = Executors.newFixedThreadPool(4);
        try {
            var results = new ArrayList<Future<float[]>>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit((Callable<float[]>) () -> fresh.embed("Trucking company hauling freight.")));
            }
            var expected = EMBEDDINGS.embed("Trucking company hauling freight.");
            for (var r : results) {
                assertThat(r.get()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
