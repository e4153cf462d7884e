package io.leadhub.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Legal forms: one list (what ingest and personalization each had) for the matching form and the display form. */
class CompanyNamesTest {

    /** The forms ingest's matching dropped before the lists were one. */
    private static final Set<String> INGEST = Set.of("inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "corp",
            "corporation", "co", "company", "plc", "gmbh", "mbh", "ag", "kg", "ohg", "ug", "se", "sa", "sas", "sarl", "sl", "srl",
            "spa", "bv", "nv", "oy", "oyj", "ab", "as", "asa", "aps", "kk", "pty", "pte", "pvt", "ltda", "sac", "cv", "kft", "zrt",
            "sro", "spzoo", "doo", "ooo", "pjsc", "jsc");
    /** The forms personalization's display dropped, as written there ("&amp;" is a joiner, not a form). */
    private static final Set<String> PERSONALIZE = Set.of("Inc.", "Incorporated", "LLC", "L.L.C.", "Ltd.", "Limited", "GmbH", "AG",
            "S.A.", "SA", "S.A.S.", "SAS", "B.V.", "BV", "N.V.", "NV", "PLC", "Corp.", "Corporation", "Co.", "Pty", "S.R.L.", "SRL",
            "S.L.", "Oy", "AB", "AS", "A/S", "ApS", "KG", "SE", "S.p.A.", "SpA", "SARL", "UG", "K.K.", "Sp. z o.o.", "Sp.z o.o.");

    @Test
    void theListIsTheUnionOfBoth() {
        assertThat(CompanyNames.LEGAL_SUFFIXES).containsAll(INGEST);
        for (var form : PERSONALIZE) {
            assertThat(CompanyNames.withoutLegalSuffix("Acme Logistics " + form)).as(form).isEqualTo("Acme Logistics");
            assertThat(CompanyNames.normalizeForMatching("Acme Logistics " + form)).as(form).isEqualTo("acme logistics");
        }
    }

    @Test
    void everyFormIsDroppedFromBothForms() {
        for (var form : CompanyNames.LEGAL_SUFFIXES) {
            var upper = form.toUpperCase(java.util.Locale.ROOT);
            assertThat(CompanyNames.normalizeForMatching("Northwind Traders " + upper)).as(form).isEqualTo("northwind traders");
            assertThat(CompanyNames.normalizeForMatching("Northwind Traders, " + form + ".")).as(form).isEqualTo("northwind traders");
            assertThat(CompanyNames.withoutLegalSuffix("Northwind Traders, " + upper)).as(form).isEqualTo("Northwind Traders");
        }
    }

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ACME Robotics, Inc.        | acme robotics      | ACME Robotics
            Beispiel GmbH              | beispiel           | Beispiel
            Fabbrica S.p.A.            | fabbrica           | Fabbrica
            Smith & Co. Ltd            | smith              | Smith & Co.
            Smith and Co.              | smith              | Smith
            Société Générale S.A.      | societe generale   | Société Générale
            Zakład Łódź Sp. z o.o.     | zakład łodz        | Zakład Łódź
            Maersk A/S                 | maersk             | Maersk
            Acme GmbH & Co. KG         | acme               | Acme GmbH & Co.
            Limited                    | limited            | Limited
            The Boring Company         | the boring         | The Boring Company
            The Home Depot, Inc.       | the home depot     | The Home Depot
            Coop                       | coop               | Coop
            Atlas Incorporated Group   | atlas incorporated group | Atlas Incorporated Group
            """)
    void namesMatchAndReadWithoutTheirLegalForm(String name, String matching, String display) {
        assertThat(CompanyNames.normalizeForMatching(name)).isEqualTo(matching);
        assertThat(CompanyNames.withoutLegalSuffix(name)).isEqualTo(display);
    }

    @Test
    void cleanCollapsesWhitespace() {
        assertThat(CompanyNames.clean("  Acme \t Robotics \n")).isEqualTo("Acme Robotics");
        assertThat(CompanyNames.clean(null)).isNull();
        assertThat(CompanyNames.normalizeForMatching(" ")).isNull();
        assertThat(CompanyNames.withoutLegalSuffix(null)).isNull();
    }
}
