package io.leadhub.score;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadhub.product.Product;
import io.leadhub.product.ProductRepository;
import io.leadhub.score.fit.FitFacts;
import io.leadhub.score.fit.IndustryClassifier;
import io.leadhub.score.fit.ProductFitCalculator;
import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/**
 * The "fit" step of scoring: an industry inferred from the company description where no provider gave one
 * (marked inferred), then each of the workspace's products scored and ranked for the lead, the best one's
 * score and similarity added to the facts (fit.score, fit.similarity, fit.product) for rules and the model.
 */
@Component
public class ProductFits {

    private final ProductRepository products;
    private final ProductFitCalculator calculator;
    private final IndustryClassifier industries;

    public ProductFits(ProductRepository products, ProductFitCalculator calculator, IndustryClassifier industries) {
        this.products = products;
        this.calculator = calculator;
        this.industries = industries;
    }

    public ScoringBatch apply(@Body ScoringBatch batch) {
        var byWorkspace = new HashMap<String, List<Product>>();
        for (var lead : batch.leads()) {
            var facts = lead.facts();
            var description = text(facts.get("company_description"));
            if (facts.get("industry") == null && description != null) {
                industries.classify(description).ifPresent(inferred -> {
                    facts.put("industry", inferred.label());
                    facts.put("industry_inferred", true);
                    facts.put("industry_similarity", Math.round(inferred.similarity() * 1000) / 1000.0);
                });
            }
            var offered = byWorkspace.computeIfAbsent(lead.workspace(), products::all);
            if (offered.isEmpty()) {
                continue;
            }
            var employees = RuleCondition.number(facts.get("company_employees"));
            var fitFacts = new FitFacts(description, text(facts.get("industry")), employees == null ? null : employees.intValue(),
                    text(facts.getOrDefault("company_country", facts.get("country"))), text(facts.getOrDefault("title", facts.get("person_title"))),
                    text(facts.get("person_seniority")));
            var ranked = calculator.rank(fitFacts, offered);
            lead.fit(ranked.stream().map(fit -> {
                var row = new LinkedHashMap<String, Object>();
                row.put("product", fit.productId());
                row.put("name", fit.productName());
                row.put("rank", fit.rank());
                row.put("score", Math.round(fit.score() * 10) / 10.0);
                row.put("similarity", Math.round(fit.similarity() * 1000) / 1000.0);
                row.put("criteria", fit.criteria());
                row.put("reasons", fit.reasons());
                return (Map<String, Object>) row;
            }).toList());
            var best = ranked.get(0);
            facts.put("fit.score", Math.round(best.score() * 10) / 10.0);
            facts.put("fit.similarity", Math.round(best.similarity() * 1000) / 1000.0);
            facts.put("fit.product", best.productId());
        }
        return batch;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
