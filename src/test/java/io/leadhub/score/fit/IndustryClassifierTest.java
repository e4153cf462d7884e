package io.leadhub.score.fit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The real embedding model and the shipped NAICS label set (plain unit test, no Spring context). */
class IndustryClassifierTest {

    private static final IndustryClassifier CLASSIFIER = new IndustryClassifier(new SentenceEmbeddings());

    @ParameterizedTest(name = "{1} <- {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Northwind Bank is a regional commercial bank providing checking accounts, mortgages and business loans to families and small businesses. | 52
            Cloudlytics is a SaaS company that builds analytics software for product teams.                                                         | 51
            St. Mary's Hospital is a 400-bed acute care hospital providing emergency, surgical and maternity care.                                   | 62
            Roadrunner Freight is a trucking company hauling full-truckload and less-than-truckload freight across the Midwest.                      | 48-49
            Smith & Partners LLP is a law firm advising companies on mergers, acquisitions and employment law.                                      | 54
            BuildRight is a general contractor building commercial offices and apartment complexes.                                                 | 23
            Acme Robotics builds autonomous mobile robots and software that automate picking and sorting in warehouses and distribution centers.   | 31-33
            The Grand Hotel offers 200 rooms, a spa and a rooftop restaurant in the heart of Vienna.                                                 | 72
            """)
    void mapsDescriptionsToTheirSector(String description, String code) {
        var inferred = CLASSIFIER.classify(description);

        assertThat(inferred).isPresent();
        assertThat(inferred.get().code()).isEqualTo(code);
        assertThat(inferred.get().similarity()).isBetween(IndustryClassifier.MIN_SIMILARITY, 1.0);
        assertThat(inferred.get().title()).isEqualTo(CLASSIFIER.sectors().stream()
                .filter(s -> s.code().equals(code)).findFirst().orElseThrow().title());
    }

    @Test
    void givesTheOfficialTitle() {
        var bank = CLASSIFIER.classify("A bank offering savings accounts and loans.").orElseThrow();

        assertThat(bank.title()).isEqualTo("Finance and Insurance");
        assertThat(bank.label()).isEqualTo("52 Finance and Insurance");
    }

    @Test
    void blankDescriptionsAreNotClassified() {
        assertThat(CLASSIFIER.classify(null)).isEmpty();
        assertThat(CLASSIFIER.classify("")).isEmpty();
        assertThat(CLASSIFIER.classify("  \n\t")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
            "Contact us today for a free quote.",
            "Our team is dedicated to excellence.",
            "A leading provider of solutions for businesses of all sizes.",
            "Welcome to our website. Click here to learn more."})
    void textThatNamesNoBusinessIsNotClassified(String boilerplate) {
        assertThat(CLASSIFIER.classify(boilerplate)).isEmpty();
    }

    @Test
    void shipsTheTwentyNaicsSectors() {
        assertThat(CLASSIFIER.sectors()).hasSize(20);
        assertThat(CLASSIFIER.sectors()).extracting(IndustryClassifier.Sector::code).containsExactly(
                "11", "21", "22", "23", "31-33", "42", "44-45", "48-49", "51", "52", "53", "54", "55", "56", "61",
                "62", "71", "72", "81", "92");
        assertThat(CLASSIFIER.sectors()).allSatisfy(s -> {
            assertThat(s.title()).isNotBlank();
            assertThat(s.description()).isNotBlank();
            assertThat(s.examples()).isNotEmpty();
        });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            52                          | 52
            NAICS 52                    | 52
            52 Finance and Insurance    | 52
            finance & insurance         | 52
            541511                      | 54
            32                          | 31-33
            31-33 Manufacturing         | 31-33
            45                          | 44-45
            Information                 | 51
            """)
    void recognisesNaicsCodesAndTitlesWithoutTheModel(String industry, String code) {
        assertThat(CLASSIFIER.named(industry)).get().extracting(InferredIndustry::code).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Banking", "Computer Software", "99", "52 Retail Trade", "3D printing", ""})
    void otherIndustryNamesAreNoNaicsSector(String industry) {
        assertThat(CLASSIFIER.named(industry)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Banking                | 52
            Computer Software      | 51
            Hospital & Health Care | 62
            Industrial Automation  | 31-33
            """)
    void placesProviderIndustryNamesInTheirSector(String industry, String code) {
        assertThat(CLASSIFIER.sectorOf(industry)).get().extracting(InferredIndustry::code).isEqualTo(code);
    }
}
