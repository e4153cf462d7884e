package io.leadhub.score.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;

import io.leadhub.product.Product;
import org.junit.jupiter.api.Test;

/** Product fit with the real embedding model, loaded once for the class (plain unit test, no Spring context). */
class ProductFitCalculatorTest {

    private static final ProductFitCalculator CALCULATOR = new ProductFitCalculator(new SentenceEmbeddings());

    private static final String ROBOTICS = "Acme Robotics builds autonomous mobile robots and software that automate"
            + " picking and sorting in warehouses and distribution centers.";
    private static final String BANK = "Northwind Bank is a regional commercial bank providing checking accounts,"
            + " mortgages and business loans to families and small businesses.";
    private static final String WAREHOUSE_ICP = "mid-market manufacturers and logistics operators automating warehouses";
    private static final String DENTAL_ICP = "dental clinics looking for patient scheduling software";

    private static Product product(String id, String icp, List<String> industries, List<String> sizes,
                                   List<String> regions, List<String> personas) {
        return new Product(id, "Product " + id, "value of " + id, icp, industries, sizes, regions, personas);
    }

    private static Product icpOnly(String id, String icp) {
        return product(id, icp, List.of(), List.of(), List.of(), List.of());
    }

    private static FitFacts facts(String description, String industry, Integer employees, String country,
                                  String title, String seniority) {
        return new FitFacts(description, industry, employees, country, title, seniority);
    }

    private static double similarityPoints(double similarity) {
        return ProductFitCalculator.SIMILARITY_POINTS * Math.max(0, Math.min(1,
                (similarity - ProductFitCalculator.SIMILARITY_FLOOR)
                        / (ProductFitCalculator.SIMILARITY_CEILING - ProductFitCalculator.SIMILARITY_FLOOR)));
    }

    // 1. the ICP that describes the company ranks above the one that does not

    @Test
    void anIcpThatDescribesTheCompanyRanksAboveOneThatDoesNot() {
        var lead = facts(ROBOTICS, null, null, null, null, null);

        var ranked = CALCULATOR.rank(lead, List.of(icpOnly("dental", DENTAL_ICP), icpOnly("warehouse", WAREHOUSE_ICP)));

        var warehouse = ranked.get(0);
        var dental = ranked.get(1);
        assertThat(warehouse.productId()).isEqualTo("warehouse");
        assertThat(warehouse.rank()).isEqualTo("primary");
        assertThat(dental.productId()).isEqualTo("dental");
        assertThat(dental.rank()).isEqualTo("secondary");

        assertThat(warehouse.similarity()).isGreaterThan(0.40);
        assertThat(dental.similarity()).isLessThan(0.20);
        assertThat(warehouse.score()).isGreaterThan(dental.score() + 40);
        assertThat(warehouse.criteria()).containsEntry(ProductFitCalculator.SIMILARITY, true);
        assertThat(dental.criteria()).containsEntry(ProductFitCalculator.SIMILARITY, false);
        assertThat(dental.score()).isZero(); // below the floor, and nothing else stated

        assertThat(warehouse.reasons()).contains(String.format(Locale.ROOT, "ICP similarity %.2f", warehouse.similarity()));
        assertThat(dental.reasons()).contains(String.format(Locale.ROOT, "ICP similarity %.2f", dental.similarity()));
        assertThat(warehouse.score()).isCloseTo(100 * similarityPoints(warehouse.similarity())
                / ProductFitCalculator.SIMILARITY_POINTS, within(0.051));
    }

    @Test
    void withoutACompanyDescriptionTheIcpIsNotScored() {
        var fit = CALCULATOR.fit(facts(null, null, 120, null, null, null),
                product("p", WAREHOUSE_ICP, List.of(), List.of("51-200"), List.of(), List.of()));

        assertThat(fit.similarity()).isZero();
        assertThat(fit.criteria()).containsOnlyKeys(ProductFitCalculator.COMPANY_SIZE);
        assertThat(fit.reasons()).contains("ICP similarity unknown: no company description");
        assertThat(fit.score()).isEqualTo(100.0);
    }

    // 2. the criteria

    @Test
    void companySizeInOneOfTheRanges() {
        var product = product("p", null, List.of(), List.of("51-200", "1000+"), List.of(), List.of());

        var in = CALCULATOR.fit(facts(null, null, 120, null, null, null), product);
        var big = CALCULATOR.fit(facts(null, null, 4000, null, null, null), product);
        var out = CALCULATOR.fit(facts(null, null, 12, null, null, null), product);

        assertThat(in.criteria()).containsEntry(ProductFitCalculator.COMPANY_SIZE, true);
        assertThat(in.reasons()).containsExactly("company size 120 in 51-200");
        assertThat(in.score()).isEqualTo(100.0);
        assertThat(big.reasons()).containsExactly("company size 4000 in 1000+");
        assertThat(out.criteria()).containsEntry(ProductFitCalculator.COMPANY_SIZE, false);
        assertThat(out.reasons()).containsExactly("company size 12 not in 51-200, 1000+");
        assertThat(out.score()).isZero();
    }

    @Test
    void regionNamesExpandToTheirCountries() {
        var germany = facts(null, null, null, "DE", null, null);

        var eu = CALCULATOR.fit(germany, product("eu", null, List.of(), List.of(), List.of("EU"), List.of()));
        var dach = CALCULATOR.fit(germany, product("dach", null, List.of(), List.of(), List.of("US", "DACH"), List.of()));
        var byName = CALCULATOR.fit(facts(null, null, null, "Germany", null, null),
                product("de", null, List.of(), List.of(), List.of("DE"), List.of()));
        var elsewhere = CALCULATOR.fit(germany, product("x", null, List.of(), List.of(), List.of("NA", "APAC"), List.of()));

        assertThat(eu.criteria()).containsEntry(ProductFitCalculator.REGION, true);
        assertThat(eu.reasons()).containsExactly("region DE in EU");
        assertThat(dach.reasons()).containsExactly("region DE in DACH");
        assertThat(byName.reasons()).containsExactly("region DE listed");
        assertThat(elsewhere.criteria()).containsEntry(ProductFitCalculator.REGION, false);
        assertThat(elsewhere.reasons()).containsExactly("region DE not in NA, APAC");
        assertThat(eu.score()).isEqualTo(100.0);
        assertThat(elsewhere.score()).isZero();
    }

    @Test
    void personaMatchesTitleOrSeniority() {
        var product = product("p", null, List.of(), List.of(), List.of(), List.of("VP Operations", "Head of Logistics"));

        var vp = CALCULATOR.fit(facts(null, null, null, null, "Vice President of Operations", "vp"), product);
        var head = CALCULATOR.fit(facts(null, null, null, null, "head of logistics and fleet", null), product);
        var marketing = CALCULATOR.fit(facts(null, null, null, null, "Marketing Manager", "manager"), product);

        assertThat(vp.criteria()).containsEntry(ProductFitCalculator.PERSONA, true);
        assertThat(vp.reasons()).containsExactly("persona VP Operations matches");
        assertThat(head.reasons()).containsExactly("persona Head of Logistics matches");
        assertThat(marketing.criteria()).containsEntry(ProductFitCalculator.PERSONA, false);
        assertThat(marketing.reasons()).containsExactly("persona: none of VP Operations, Head of Logistics matches");
    }

    @Test
    void industryMatchingIsTolerant() {
        var software = product("s", null, List.of("Software"), List.of(), List.of(), List.of());
        var banking = product("b", null, List.of("Banking"), List.of(), List.of(), List.of());
        var information = product("i", null, List.of("51"), List.of(), List.of(), List.of());
        var health = product("h", null, List.of("Hospital & Health Care"), List.of(), List.of(), List.of());

        var computerSoftware = facts(null, "computer software", null, null, null, null);
        var naicsFinance = facts(null, "52 Finance and Insurance", null, null, null, null);

        assertThat(CALCULATOR.fit(computerSoftware, software).reasons())
                .containsExactly("industry computer software matches Software");
        assertThat(CALCULATOR.fit(naicsFinance, banking).reasons())
                .containsExactly("industry 52 Finance and Insurance matches Banking (NAICS 52 Finance and Insurance)");
        assertThat(CALCULATOR.fit(computerSoftware, information).criteria())
                .containsEntry(ProductFitCalculator.INDUSTRY, true);
        var miss = CALCULATOR.fit(computerSoftware, health);
        assertThat(miss.criteria()).containsEntry(ProductFitCalculator.INDUSTRY, false);
        assertThat(miss.reasons()).containsExactly("industry computer software not in Hospital & Health Care");
        // a free-text industry on both sides is not compared by sector: Banking and Insurance share NAICS 52
        assertThat(CALCULATOR.fit(facts(null, "Insurance", null, null, null, null), banking).criteria())
                .containsEntry(ProductFitCalculator.INDUSTRY, false);
    }

    @Test
    void aMissingIndustryIsInferredFromTheDescription() {
        var product = product("p", null, List.of("Financial Services"), List.of(), List.of(), List.of());

        var fit = CALCULATOR.fit(facts(BANK, null, null, null, null, null), product);

        assertThat(fit.criteria()).containsEntry(ProductFitCalculator.INDUSTRY, true);
        assertThat(fit.reasons()).singleElement().asString()
                .startsWith("industry 52 Finance and Insurance (inferred from the description) matches Financial Services");
    }

    @Test
    void anUnstatedCriterionDoesNotLowerTheScore() {
        var lead = facts(ROBOTICS, "Industrial Automation", 240, "DE", "VP Operations", "vp");
        var stated = List.of("Manufacturing");
        var sizes = List.of("51-500");
        var personas = List.of("VP Operations");

        var noRegion = CALCULATOR.fit(lead, product("none", WAREHOUSE_ICP, stated, sizes, List.of(), personas));
        var regionMet = CALCULATOR.fit(lead, product("met", WAREHOUSE_ICP, stated, sizes, List.of("EU"), personas));
        var regionMissed = CALCULATOR.fit(lead, product("missed", WAREHOUSE_ICP, stated, sizes, List.of("LATAM"), personas));

        double sim = similarityPoints(noRegion.similarity());
        // renormalised over what is stated: the 10 region points are neither earned nor possible
        assertThat(noRegion.score()).isCloseTo(100 * (sim + 15 + 15 + 10) / (50 + 15 + 15 + 10), within(0.051));
        assertThat(noRegion.criteria()).containsOnlyKeys(ProductFitCalculator.SIMILARITY, ProductFitCalculator.INDUSTRY,
                ProductFitCalculator.COMPANY_SIZE, ProductFitCalculator.PERSONA);
        assertThat(noRegion.criteria()).doesNotContainValue(false);
        assertThat(noRegion.score()).isGreaterThan(regionMissed.score());
        assertThat(regionMet.score()).isCloseTo(100 * (sim + 50) / 100, within(0.051));
        assertThat(regionMissed.score()).isCloseTo(100 * (sim + 40) / 100, within(0.051));
        assertThat(regionMet.reasons()).contains("region DE in EU", "company size 240 in 51-500",
                "persona VP Operations matches");
        assertThat(regionMet.reasons()).anyMatch(r -> r.startsWith("industry Industrial Automation matches Manufacturing"));

        // a product with no ICP and only criteria, all met, scores full marks rather than their share of 100
        var criteriaOnly = CALCULATOR.fit(lead, product("c", null, List.of(), sizes, List.of("DACH"), List.of()));
        assertThat(criteriaOnly.score()).isEqualTo(100.0);
        assertThat(criteriaOnly.similarity()).isZero();
    }

    @Test
    void aFactTheLeadLacksIsLeftOutNotCountedAgainst() {
        var product = product("p", null, List.of(), List.of("51-200"), List.of("EU"), List.of("CTO"));

        var fit = CALCULATOR.fit(facts(null, null, 120, null, null, null), product);

        assertThat(fit.criteria()).containsOnlyKeys(ProductFitCalculator.COMPANY_SIZE);
        assertThat(fit.reasons()).containsExactly("company size 120 in 51-200", "region unknown",
                "persona unknown: no title or seniority");
        assertThat(fit.score()).isEqualTo(100.0);
    }

    // 3. ranking

    @Test
    void rankMarksTheFirstThreeBestFirst() {
        var lead = facts(ROBOTICS, null, 240, "DE", "Head of Operations", "head");
        var products = List.of(
                icpOnly("dental", DENTAL_ICP),
                product("warehouse", WAREHOUSE_ICP, List.of(), List.of("51-500"), List.of("EU"), List.of()),
                product("warehouse-us", WAREHOUSE_ICP, List.of(), List.of("51-500"), List.of("NA"), List.of()),
                icpOnly("bank", "regional banks modernising their core banking systems"),
                product("ops", "companies with operations teams", List.of(), List.of(), List.of(),
                        List.of("Head of Operations")));

        var ranked = CALCULATOR.rank(lead, products);

        assertThat(ranked).hasSize(5);
        assertThat(ranked).extracting(ProductFit::rank)
                .containsExactly("primary", "secondary", "tertiary", null, null);
        assertThat(ranked).extracting(ProductFit::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(ranked.get(0).productId()).isEqualTo("warehouse");
        assertThat(ranked.subList(3, 5)).extracting(ProductFit::productId).containsExactlyInAnyOrder("dental", "bank");
        assertThat(ranked).allSatisfy(f -> assertThat(f.productName()).isEqualTo("Product " + f.productId()));
    }

    @Test
    void rankOfFewerProducts() {
        var lead = facts(ROBOTICS, null, null, null, null, null);

        assertThat(CALCULATOR.rank(lead, List.of())).isEmpty();
        assertThat(CALCULATOR.rank(lead, null)).isEmpty();
        assertThat(CALCULATOR.rank(lead, List.of(icpOnly("one", WAREHOUSE_ICP)))).extracting(ProductFit::rank)
                .containsExactly("primary");
        assertThat(CALCULATOR.fit(lead, icpOnly("one", WAREHOUSE_ICP)).rank()).isNull();
    }

    @Test
    void nothingToCompare() {
        var fit = CALCULATOR.fit(facts(null, null, null, null, null, null), icpOnly("p", WAREHOUSE_ICP));

        assertThat(fit.score()).isZero();
        assertThat(fit.criteria()).isEmpty();
        assertThat(fit.reasons()).contains("ICP similarity unknown: no company description");
    }
}
