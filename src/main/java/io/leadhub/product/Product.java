package io.leadhub.product;

import java.util.List;
import java.util.Objects;

/**
 * A seller's product or offer. companySizes like "11-50", "51-200", "1000+"; regions are ISO 3166 alpha-2
 * country codes or region names (EU, EMEA, NA, LATAM, APAC, DACH, Nordics). An empty list states no criterion:
 * it counts neither for nor against a lead. Null lists are taken as empty, blank entries are dropped.
 */
public record Product(String id, String name, String valueProposition, String icpDescription,
                      List<String> industries, List<String> companySizes,
                      List<String> regions, List<String> personas) {

    public Product {
        industries = clean(industries);
        companySizes = clean(companySizes);
        regions = clean(regions);
        personas = clean(personas);
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(Objects::nonNull).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
}
