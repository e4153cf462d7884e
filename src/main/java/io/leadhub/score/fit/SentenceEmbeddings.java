package io.leadhub.score.fit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sentence embeddings computed in-process with all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions, inside the
 * langchain4j jar: no network). The model is loaded once, on first use, so an application that never scores
 * does not pay for it: about 0.6 s, and some 170 MB of native memory (ONNX runtime, tokenizer) outside the Java
 * heap, which grows by only ~15 MB. One new sentence then takes about 3 ms on one core; embeddings are cached by
 * text, since the same ICP descriptions and label sentences come back for every lead. Thread-safe.
 *
 * <p>Texts are whitespace-collapsed and cut at {@value #MAX_CHARS} characters: the model reads about 256 word
 * pieces well (it was trained on short texts), and what a company does is said in its first sentences.
 * Nothing about the texts is logged.
 */
@Component
public class SentenceEmbeddings {

    private static final Logger log = LoggerFactory.getLogger(SentenceEmbeddings.class);

    /** Longer texts are cut here (about 400 word pieces) before embedding and caching. */
    static final int MAX_CHARS = 2_000;
    /** Cached embeddings: 384 floats are about 1.6 kB, so the cache stays under ~20 MB with its keys. */
    static final int CACHE_SIZE = 10_000;

    private final Cache<String, float[]> cache = Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();
    private volatile EmbeddingModel model;

    /**
     * The embedding of the text, unit length (384 floats). A copy: callers may change it.
     *
     * @throws IllegalArgumentException when the text is null or blank
     */
    public float[] embed(String text) {
        return vector(text).clone();
    }

    /**
     * Cosine similarity of the two texts, -1..1 (in practice about -0.1 for unrelated to 1 for the same text);
     * 0 when either is null or blank: nothing to compare is not similar.
     */
    public double similarity(String a, String b) {
        if (a == null || a.isBlank() || b == null || b.isBlank()) {
            return 0;
        }
        return cosine(vector(a), vector(b));
    }

    /** The cached vector itself: for this package's classes, which never change it. */
    float[] vector(String text) {
        var key = normalise(text);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("nothing to embed: the text is blank");
        }
        var cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        var m = model(); // loaded outside the cache's compute, which must stay short
        return cache.get(key, k -> m.embed(k).content().vector());
    }

    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of different length: " + a.length + " and " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        var collapsed = text.replaceAll("\\s+", " ").strip();
        if (collapsed.length() <= MAX_CHARS) {
            return collapsed;
        }
        var cut = collapsed.substring(0, MAX_CHARS);
        var space = cut.lastIndexOf(' ');
        return space > MAX_CHARS / 2 ? cut.substring(0, space) : cut;
    }

    private EmbeddingModel model() {
        var m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    m = load();
                    model = m;
                }
            }
        }
        return m;
    }

    private static EmbeddingModel load() {
        long start = System.nanoTime();
        // the model class reads its ONNX file and tokenizer through the context class loader: on a Camel or
        // executor thread that may not be the one that sees the jar
        var thread = Thread.currentThread();
        var previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SentenceEmbeddings.class.getClassLoader());
        try {
            // Runnable::run: embedAll of several texts runs in the caller's thread, not in a pool of its own
            var loaded = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
            log.info("Sentence-embedding model all-MiniLM-L6-v2 (quantized, {} dimensions) loaded in {} ms",
                    loaded.dimension(), (System.nanoTime() - start) / 1_000_000);
            return loaded;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
