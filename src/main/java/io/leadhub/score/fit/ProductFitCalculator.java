package io.leadhub.score.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.leadhub.facts.CompanySize;
import io.leadhub.product.Product;
import org.springframework.stereotype.Component;

/**
 * Scores how well each of a seller's products fits a lead, and ranks them into primary, secondary and tertiary.
 *
 * <h2>Weights, and why</h2>
 * <pre>
 *   ICP similarity   50  cosine(company description, product ICP description), mapped linearly from
 *                        {@value #SIMILARITY_FLOOR} (0 points) to {@value #SIMILARITY_CEILING} (all 50)
 *   industry         15  the lead's industry is one the product lists
 *   company size     15  the employee count lies in one of the product's size ranges
 *   region           10  the lead's country is in one of the product's regions (region names expanded)
 *   persona          10  the lead's title / seniority fits one of the product's personas
 * </pre>
 * The ICP description is where a seller says, in words, who buys: it carries the most information, so it carries
 * half the score. Industry and size are the firmographics sellers segment by and are usually reliable, hence 15
 * each. Region and persona count less: most products sell in several regions, and a persona mismatch is often
 * the wrong contact at the right company, which the seller can fix by finding another person.
 *
 * <p>Calibration of the similarity mapping (all-MiniLM-L6-v2, quantized, on real-looking one-line company
 * descriptions and ICP descriptions: a warehouse-robotics maker, a dental practice, a regional bank, a SaaS
 * company, a hospital, a trucking company, an online shop, a law firm, a hotel, a university, a contractor, a CNC
 * machine shop, each against every ICP): a company and the ICP written for it scored 0.31 to 0.59; a company and
 * the other ICPs scored 0.08 in the median, 0.20 at the 90th percentile and at most 0.31 (neighbours such as the
 * robotics maker and the machine shop's ICP). So 0.20 is where similarity stops being noise, and 0.60 is about
 * the best a description and an ICP written independently reach; in between points grow linearly.
 *
 * <h2>Unstated and unknown criteria</h2>
 * A criterion the product does not state (an empty list, a blank ICP description) counts neither for nor
 * against: the score is the points earned over the points possible for the criteria judged, times 100, so a
 * product with fewer criteria is not penalised. The same goes for a criterion the lead's facts cannot judge
 * (no employee count, no country, no title, no description): it is named in the reasons as unknown and left out,
 * so that a lead is not ranked down for what a provider did not find. When the lead has no industry but a
 * company description, the industry is inferred from it ({@link IndustryClassifier}) and the reason says so.
 *
 * <p>Industry matching is forgiving: case, "&amp;" for "and", word forms ("Finance" and "Financial Services"),
 * one name inside the other ("Software" and "Computer Software"). When either side is a NAICS sector (a code such
 * as "52", a title such as "Finance and Insurance", or both), the other side is placed in its sector too, by name
 * or by the embedding model, and the sectors are compared ("Banking" matches "52 Finance and Insurance").
 *
 * <p>Nothing is logged: the facts are a person's.
 */
@Component
public class ProductFitCalculator {

    public static final String SIMILARITY = "similarity";
    public static final String INDUSTRY = "industry";
    public static final String COMPANY_SIZE = "companySize";
    public static final String REGION = "region";
    public static final String PERSONA = "persona";

    public static final String PRIMARY = "primary";
    public static final String SECONDARY = "secondary";
    public static final String TERTIARY = "tertiary";

    // the weights: see the class comment for why
    static final double SIMILARITY_POINTS = 50;
    static final double INDUSTRY_POINTS = 15;
    static final double COMPANY_SIZE_POINTS = 15;
    static final double REGION_POINTS = 10;
    static final double PERSONA_POINTS = 10;
    /** Similarity at or below which the ICP earns no points (90th percentile of unrelated pairs). */
    static final double SIMILARITY_FLOOR = 0.20;
    /** Similarity from which the ICP earns all its points (about the best of related pairs). */
    static final double SIMILARITY_CEILING = 0.60;

    private static final List<String> RANKS = List.of(PRIMARY, SECONDARY, TERTIARY);

    /** Industry words that distinguish nothing ("IT Services" and "Financial Services" share only these). */
    private static final Set<String> INDUSTRY_FILLER = Set.of("services", "service", "industry", "industries",
            "sector", "other", "except", "general", "related", "misc", "miscellaneous", "products", "solutions",
            "companies", "company", "business", "businesses");
    private static final Map<String, String> INDUSTRY_ABBREVIATIONS = Map.ofEntries(
            Map.entry("it", "information technology"), Map.entry("ict", "information technology"),
            Map.entry("saas", "software"), Map.entry("hr", "human resources"),
            Map.entry("ai", "artificial intelligence"), Map.entry("fintech", "financial technology"),
            Map.entry("insurtech", "insurance technology"), Map.entry("healthtech", "health technology"),
            Map.entry("medtech", "medical technology"), Map.entry("edtech", "education technology"),
            Map.entry("proptech", "real estate technology"), Map.entry("biotech", "biotechnology"),
            Map.entry("healthcare", "health care"), Map.entry("ecommerce", "e commerce"),
            Map.entry("pharma", "pharmaceuticals"), Map.entry("telco", "telecommunications"),
            Map.entry("telecom", "telecommunications"), Map.entry("telecoms", "telecommunications"));

    private final SentenceEmbeddings embeddings;
    private final IndustryClassifier industries;

    public ProductFitCalculator(SentenceEmbeddings embeddings) {
        this.embeddings = embeddings;
        // its own instance: cheap (the label sentences' embeddings are cached in the shared SentenceEmbeddings)
        this.industries = new IndustryClassifier(embeddings);
    }

    /** How well the product fits the lead; rank is null (set by {@link #rank}). */
    public ProductFit fit(FitFacts facts, Product product) {
        Objects.requireNonNull(product, "product");
        var f = facts != null ? facts : new FitFacts(null, null, null, null, null, null);
        var score = new Tally();

        double similarity = similarity(f, product, score);
        industry(f, product, score);
        companySize(f, product, score);
        region(f, product, score);
        persona(f, product, score);

        double points = 0;
        if (score.possible > 0) {
            points = Math.round(1000 * score.earned / score.possible) / 10.0;
        } else {
            score.reasons.add("nothing to compare: the product states no criteria the lead's facts can judge");
        }
        return new ProductFit(product.id(), product.name(), points, similarity, score.criteria, score.reasons, null);
    }

    /** All products scored and ranked, best first; rank set on the first three. Ties keep the products' order. */
    public List<ProductFit> rank(FitFacts facts, List<Product> products) {
        if (products == null || products.isEmpty()) {
            return List.of();
        }
        var fits = new ArrayList<ProductFit>();
        for (var p : products) {
            if (p != null) {
                fits.add(fit(facts, p));
            }
        }
        fits.sort(Comparator.comparingDouble(ProductFit::score).reversed()
                .thenComparing(Comparator.comparingDouble(ProductFit::similarity).reversed()));
        for (int i = 0; i < fits.size() && i < RANKS.size(); i++) {
            fits.set(i, fits.get(i).withRank(RANKS.get(i)));
        }
        return List.copyOf(fits);
    }

    private static final class Tally {
        final Map<String, Boolean> criteria = new LinkedHashMap<>();
        final List<String> reasons = new ArrayList<>();
        double earned;
        double possible;

        void judge(String criterion, boolean met, double weight, String reason) {
            criteria.put(criterion, met);
            possible += weight;
            earned += met ? weight : 0;
            reasons.add(reason);
        }
    }

    private double similarity(FitFacts f, Product product, Tally score) {
        if (blank(product.icpDescription())) {
            return 0;
        }
        if (blank(f.companyDescription())) {
            score.reasons.add("ICP similarity unknown: no company description");
            return 0;
        }
        double similarity = embeddings.similarity(f.companyDescription(), product.icpDescription());
        double share = Math.max(0, Math.min(1,
                (similarity - SIMILARITY_FLOOR) / (SIMILARITY_CEILING - SIMILARITY_FLOOR)));
        score.criteria.put(SIMILARITY, similarity >= SIMILARITY_FLOOR);
        score.possible += SIMILARITY_POINTS;
        score.earned += SIMILARITY_POINTS * share;
        score.reasons.add(String.format(Locale.ROOT, "ICP similarity %.2f", similarity));
        return similarity;
    }

    private void industry(FitFacts f, Product product, Tally score) {
        if (product.industries().isEmpty()) {
            return;
        }
        var industry = f.industry();
        var said = industry;
        if (blank(industry) && !blank(f.companyDescription())) {
            var inferred = industries.classify(f.companyDescription());
            if (inferred.isPresent()) {
                industry = inferred.get().label();
                said = industry + " (inferred from the description)";
            }
        }
        if (blank(industry)) {
            score.reasons.add("industry unknown");
            return;
        }
        for (var wanted : product.industries()) {
            if (sameIndustry(industry, wanted)) {
                score.judge(INDUSTRY, true, INDUSTRY_POINTS, "industry " + said.strip() + " matches " + wanted);
                return;
            }
        }
        var leadNamed = industries.named(industry);
        for (var wanted : product.industries()) {
            var wantedNamed = industries.named(wanted);
            if (leadNamed.isEmpty() && wantedNamed.isEmpty()) {
                continue; // neither speaks NAICS: comparing sectors would be coarser than what the seller wrote
            }
            var leadSector = leadNamed.isPresent() ? leadNamed : industries.classify(industry);
            var wantedSector = wantedNamed.isPresent() ? wantedNamed : industries.classify(wanted);
            if (leadSector.isPresent() && wantedSector.isPresent()
                    && leadSector.get().code().equals(wantedSector.get().code())) {
                score.judge(INDUSTRY, true, INDUSTRY_POINTS, "industry " + said.strip() + " matches " + wanted
                        + " (NAICS " + leadSector.get().code() + " " + leadSector.get().title() + ")");
                return;
            }
        }
        score.judge(INDUSTRY, false, INDUSTRY_POINTS,
                "industry " + said.strip() + " not in " + String.join(", ", product.industries()));
    }

    /** Same industry by name: every distinguishing word of one is in the other (word forms forgiven). */
    static boolean sameIndustry(String a, String b) {
        var wa = industryWords(a);
        var wb = industryWords(b);
        if (wa.isEmpty() || wb.isEmpty()) {
            return Words.normalise(a).equals(Words.normalise(b)) && !Words.normalise(a).isEmpty();
        }
        return Words.allFound(wa, wb) || Words.allFound(wb, wa);
    }

    private static Set<String> industryWords(String industry) {
        var words = new LinkedHashSet<String>();
        for (var w : Words.tokens(Words.normalise(industry))) {
            if (w.chars().allMatch(Character::isDigit)) {
                continue; // a NAICS code beside the title: compared by sector
            }
            for (var x : INDUSTRY_ABBREVIATIONS.getOrDefault(w, w).split(" ")) {
                if (!INDUSTRY_FILLER.contains(x)) {
                    words.add(x);
                }
            }
        }
        return words;
    }

    private static void companySize(FitFacts f, Product product, Tally score) {
        if (product.companySizes().isEmpty()) {
            return;
        }
        var ranges = product.companySizes().stream().map(CompanySize::parse).flatMap(Optional::stream).toList();
        if (ranges.isEmpty()) {
            score.reasons.add("company sizes not understood: " + String.join(", ", product.companySizes()));
            return;
        }
        if (f.employees() == null || f.employees() < 0) {
            score.reasons.add("company size unknown");
            return;
        }
        for (var r : ranges) {
            if (r.contains(f.employees())) {
                score.judge(COMPANY_SIZE, true, COMPANY_SIZE_POINTS, "company size " + f.employees() + " in " + r.text());
                return;
            }
        }
        score.judge(COMPANY_SIZE, false, COMPANY_SIZE_POINTS, "company size " + f.employees() + " not in "
                + String.join(", ", ranges.stream().map(CompanySize.Range::text).toList()));
    }

    private static void region(FitFacts f, Product product, Tally score) {
        if (product.regions().isEmpty()) {
            return;
        }
        if (product.regions().stream().allMatch(r -> Regions.expand(r).isEmpty())) {
            score.reasons.add("regions not understood: " + String.join(", ", product.regions()));
            return;
        }
        var country = Regions.country(f.country());
        if (country.isEmpty()) {
            score.reasons.add("region unknown");
            return;
        }
        var code = country.get();
        for (var r : product.regions()) {
            if (Regions.expand(r).contains(code)) {
                score.judge(REGION, true, REGION_POINTS,
                        Regions.isRegion(r) ? "region " + code + " in " + r : "region " + code + " listed");
                return;
            }
        }
        score.judge(REGION, false, REGION_POINTS, "region " + code + " not in " + String.join(", ", product.regions()));
    }

    private static void persona(FitFacts f, Product product, Tally score) {
        if (product.personas().isEmpty()) {
            return;
        }
        if (blank(f.title()) && blank(f.seniority())) {
            score.reasons.add("persona unknown: no title or seniority");
            return;
        }
        for (var p : product.personas()) {
            if (Personas.fits(p, f.title(), f.seniority())) {
                score.judge(PERSONA, true, PERSONA_POINTS, "persona " + p + " matches");
                return;
            }
        }
        score.judge(PERSONA, false, PERSONA_POINTS,
                "persona: none of " + String.join(", ", product.personas()) + " matches");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
