package io.leadhub.score.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadhub.product.Product;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The criteria helpers on their own: regions, personas, industry names (no model needed; size ranges: CompanySizeTest). */
class FitCriteriaTest {

    @Test
    void aProductWithoutListsStatesNoCriteria() {
        var product = new Product("p", "P", null, null, null, java.util.Arrays.asList("51-200", null, " "), null, null);

        assertThat(product.industries()).isEmpty();
        assertThat(product.regions()).isEmpty();
        assertThat(product.personas()).isEmpty();
        assertThat(product.companySizes()).containsExactly("51-200");
    }

    @Test
    void regionNamesExpandToCountries() {
        assertThat(Regions.expand("EU")).hasSize(27).contains("DE", "FR", "IE", "CY").doesNotContain("GB", "CH", "NO");
        assertThat(Regions.expand("DACH")).containsExactlyInAnyOrder("DE", "AT", "CH");
        assertThat(Regions.expand("dach")).isEqualTo(Regions.expand("D-A-CH"));
        assertThat(Regions.expand("NA")).containsExactlyInAnyOrder("US", "CA", "MX");
        assertThat(Regions.expand("North America")).isEqualTo(Regions.expand("NA"));
        assertThat(Regions.expand("Nordics")).contains("SE", "NO", "DK", "FI", "IS").doesNotContain("DE");
        assertThat(Regions.expand("EMEA")).contains("DE", "GB", "AE", "ZA", "NG", "IL").doesNotContain("US", "JP");
        assertThat(Regions.expand("LATAM")).contains("BR", "MX", "AR", "CL").doesNotContain("US", "ES");
        assertThat(Regions.expand("APAC")).contains("JP", "AU", "IN", "SG", "CN").doesNotContain("DE", "US");
        assertThat(Regions.expand("Global")).contains("DE", "US", "JP", "BR");
        assertThat(Regions.expand("DE")).containsExactly("DE");
        assertThat(Regions.expand("Germany")).containsExactly("DE");
        assertThat(Regions.expand("UK")).containsExactly("GB");
        assertThat(Regions.expand("Atlantis")).isEmpty();
    }

    @Test
    void countriesByCodeOrName() {
        assertThat(Regions.country("de")).contains("DE");
        assertThat(Regions.country("DEU")).contains("DE");
        assertThat(Regions.country("Germany")).contains("DE");
        assertThat(Regions.country("United States")).contains("US");
        assertThat(Regions.country("USA")).contains("US");
        assertThat(Regions.country("United Kingdom")).contains("GB");
        assertThat(Regions.country("Côte d'Ivoire")).contains("CI");
        assertThat(Regions.country("Nowhere")).isEmpty();
        assertThat(Regions.country(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} / {1} / {2}: {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            VP Operations              | Vice President of Operations          | -         | true
            VP Operations              | SVP, Global Operations                | -         | true
            VP Operations              | VP Sales                              | vp        | false
            VP Operations              | Director of Operations                | director  | false
            VP Operations              | Head of Ops                           | vp        | true
            Vice President Operations  | VP Operational Excellence             | -         | true
            VP Operations & Logistics  | VP Logistics                          | -         | true
            Head of Logistics          | Head of Logistics & Warehousing       | head      | true
            CTO                        | Chief Technology Officer              | c_suite   | true
            CTO                        | CFO                                   | c_suite   | false
            CEO                        | Founder & Chief Executive Officer     | -         | true
            CEO                        | CTO                                   | -         | false
            C-level                    | COO                                   | -         | true
            C-level                    | -                                     | c_suite   | true
            Founder                    | Co-Founder                            | founder   | true
            operations leaders         | Operations Manager                    | manager   | true
            operations leaders         | Sales Manager                         | manager   | false
            IT Director                | Director of Information Technology    | director  | true
            Supply Chain Manager       | Supply Chain Manager                  | -         | true
            Supply Chain Manager       | Chain Restaurant Manager              | -         | false
            Engineering Manager        | Software Engineer                     | senior    | false
            Engineering Manager        | Mgr, Software Engineering             | manager   | true
            Head of HR                 | Head of Human Resources               | -         | true
            decision makers            | CEO                                   | c_suite   | false
            Owner                      | Product Owner                         | -         | false
            Product Owner              | Product Owner                         | -         | true
            Founders & owners          | Owner                                 | -         | true
            C-level                    | CHRO                                  | -         | true
            """)
    void personas(String persona, String title, String seniority, boolean fits) {
        assertThat(Personas.fits(persona, title, seniority)).isEqualTo(fits);
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Software                    | Computer Software                   | true
            computer software           | SOFTWARE                            | true
            Financial Services          | Finance and Insurance               | true
            Banking                     | Banks                               | true
            Hospital & Health Care      | health care                         | true
            Healthcare                  | Hospital & Health Care              | true
            IT Services                 | Information Technology and Services | true
            SaaS                        | Software                            | true
            Logistics                   | Logistics & Supply Chain            | true
            Software                    | Hardware                            | false
            Financial Services          | IT Services                         | false
            Computer Software           | Computer Hardware                   | false
            Retail                      | Wholesale                           | false
            Insurance                   | Insurgent                           | false
            """)
    void industryNames(String a, String b, boolean same) {
        assertThat(ProductFitCalculator.sameIndustry(a, b)).isEqualTo(same);
        assertThat(ProductFitCalculator.sameIndustry(b, a)).isEqualTo(same);
    }
}
