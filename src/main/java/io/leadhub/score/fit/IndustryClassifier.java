package io.leadhub.score.fit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.facts.Industries;

import org.springframework.stereotype.Component;

/**
 * Infers a company's industry from its description when no provider gave one: the NAICS 2022 sector whose
 * sentences (a one-line summary of the sector and a few typical businesses, in
 * {@code src/main/resources/scoring/naics-sectors.json}) the description is most similar to.
 *
 * <p>The result is a guess and must be kept marked as inferred. It is left empty when the description is blank,
 * when even the best sector is not similar enough ({@link #MIN_SIMILARITY}), or when the description is closer to
 * marketing boilerplate ("a leading provider of innovative solutions") than to any sector: such text says nothing
 * about an industry, and a wrong industry misleads the fit more than none.
 */
@Component
public class IndustryClassifier {

    /**
     * The least cosine similarity between a description and its best sector sentence for the sector to be
     * taken. Calibrated with all-MiniLM-L6-v2 on some fifty real-looking one-line company descriptions: those
     * that clearly belong to a sector (a regional bank, a SaaS analytics company, a hospital, a trucking company,
     * a law firm, a university, a medical-device maker) scored 0.37 to 0.75 against their sector; text that
     * names no business ("Lorem ipsum", "Contact us today for a free quote", "Welcome to our website") scored
     * 0.12 to 0.33 against its best sector. Fluffier text that happens to share a word with a sector ("our team"
     * and sports teams, 0.46) is caught by the boilerplate comparison instead.
     */
    public static final double MIN_SIMILARITY = 0.35;

    static final String RESOURCE = "scoring/naics-sectors.json";

    /** One NAICS 2022 sector: code ("52", "31-33"), official title, summary and typical businesses. */
    record Sector(String code, String title, String description, List<String> examples) {

        /** The sentences a description is compared with: "title: summary" and each example. */
        List<String> sentences() {
            var all = new ArrayList<String>();
            all.add(title + ": " + description);
            all.addAll(examples);
            return all;
        }
    }

    private record Prototypes(List<Sector> sectors, List<List<float[]>> sectorVectors, List<float[]> boilerplate) {
    }

    private final SentenceEmbeddings embeddings;
    private final List<Sector> sectors;
    private final List<String> boilerplate;
    private final Map<String, Sector> byCode = new HashMap<>();
    private final Map<String, Sector> byTitle = new HashMap<>();
    private volatile Prototypes prototypes;

    public IndustryClassifier(SentenceEmbeddings embeddings) {
        this.embeddings = embeddings;
        try (var in = IndustryClassifier.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            var root = new ObjectMapper().readTree(in);
            var list = new ArrayList<Sector>();
            for (var s : root.path("sectors")) {
                var examples = new ArrayList<String>();
                s.path("examples").forEach(e -> examples.add(e.asText()));
                list.add(new Sector(s.path("code").asText(), s.path("title").asText(), s.path("description").asText(),
                        List.copyOf(examples)));
            }
            var bp = new ArrayList<String>();
            root.path("boilerplate").forEach(b -> bp.add(b.asText()));
            this.sectors = List.copyOf(list);
            this.boilerplate = List.copyOf(bp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (var s : sectors) {
            var parts = s.code().split("-");
            int from = Integer.parseInt(parts[0]);
            int to = parts.length > 1 ? Integer.parseInt(parts[1]) : from;
            for (int c = from; c <= to; c++) {
                byCode.put(Integer.toString(c), s);
            }
            byTitle.put(Words.normalise(s.title()), s);
        }
    }

    /** Empty when the description is blank or nothing is similar enough (see {@link #MIN_SIMILARITY}). */
    public Optional<InferredIndustry> classify(String companyDescription) {
        if (companyDescription == null || companyDescription.isBlank()) {
            return Optional.empty();
        }
        var p = prototypes();
        var v = embeddings.vector(companyDescription);
        Sector best = null;
        double bestSimilarity = -2;
        for (int i = 0; i < p.sectors().size(); i++) {
            for (var s : p.sectorVectors().get(i)) {
                double sim = SentenceEmbeddings.cosine(v, s);
                if (sim > bestSimilarity) {
                    bestSimilarity = sim;
                    best = p.sectors().get(i);
                }
            }
        }
        double boilerplateSimilarity = -2;
        for (var b : p.boilerplate()) {
            boilerplateSimilarity = Math.max(boilerplateSimilarity, SentenceEmbeddings.cosine(v, b));
        }
        if (best == null || bestSimilarity < MIN_SIMILARITY || bestSimilarity <= boilerplateSimilarity) {
            return Optional.empty();
        }
        return Optional.of(new InferredIndustry(best.code(), best.title(), bestSimilarity));
    }

    /**
     * The NAICS sector an industry string names outright, without the model: a sector or deeper NAICS code
     * ("52", "NAICS 52", "541511", "31-33", "32"), an official sector title in any case ("finance &amp;
     * insurance"), or both ("52 Finance and Insurance").
     */
    Optional<InferredIndustry> named(String industry) {
        var n = Words.normalise(industry);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        var titled = byTitle.get(n);
        if (titled != null) {
            return Optional.of(new InferredIndustry(titled.code(), titled.title(), 1));
        }
        var code = Industries.naics(industry);
        if (code.isPresent()) {
            var coded = byCode.get(code.get().sector());
            var rest = code.get().name() == null ? "" : Words.normalise(code.get().name());
            if (coded != null && (rest.isEmpty() || coded == byTitle.get(rest))) {
                return Optional.of(new InferredIndustry(coded.code(), coded.title(), 1));
            }
        }
        return Optional.empty();
    }

    /** The sector an industry string names ({@link #named}), else the sector the model finds closest to it. */
    Optional<InferredIndustry> sectorOf(String industry) {
        var named = named(industry);
        return named.isPresent() ? named : classify(industry);
    }

    List<Sector> sectors() {
        return sectors;
    }

    private Prototypes prototypes() {
        var p = prototypes;
        if (p == null) {
            synchronized (this) {
                p = prototypes;
                if (p == null) {
                    var vectors = new ArrayList<List<float[]>>();
                    for (var s : sectors) {
                        vectors.add(s.sentences().stream().map(embeddings::vector).toList());
                    }
                    p = new Prototypes(sectors, List.copyOf(vectors),
                            boilerplate.stream().map(embeddings::vector).toList());
                    prototypes = p;
                }
            }
        }
        return p;
    }
}
