package io.leadhub.score.fit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well one product fits: score 0..100, the similarity (-1..1) between the company description and the
 * product's ICP description, each criterion's verdict, and human reasons. rank is "primary", "secondary",
 * "tertiary", or null beyond the third (and on a product scored alone with {@link ProductFitCalculator#fit}).
 *
 * <p>criteria holds a verdict only for the criteria that were judged: those the product states and the lead's
 * facts allow to judge. Keys, in this order: {@value ProductFitCalculator#SIMILARITY}, {@value
 * ProductFitCalculator#INDUSTRY}, {@value ProductFitCalculator#COMPANY_SIZE}, {@value ProductFitCalculator#REGION},
 * {@value ProductFitCalculator#PERSONA}. The similarity verdict is true when the similarity reaches the floor
 * from which it earns points. similarity is 0 when there was nothing to compare (no company description or no
 * ICP description); criteria then has no similarity key.
 */
public record ProductFit(String productId, String productName, double score, double similarity,
                         Map<String, Boolean> criteria, List<String> reasons, String rank) {

    public ProductFit {
        criteria = criteria == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(criteria));
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** This fit with the given rank. */
    public ProductFit withRank(String newRank) {
        return new ProductFit(productId, productName, score, similarity, criteria, reasons, newRank);
    }
}
