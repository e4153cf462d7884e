package io.leadhub.facts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.leadhub.facts.CompanySize.Band;

/** Size ranges as sellers and providers write them (scoring's product sizes and personalization's lead sizes), and the bands. */
class CompanySizeTest {

    @ParameterizedTest(name = "{1} employees in {0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            11-50        | 11    | true
            11-50        | 50    | true
            11-50        | 51    | false
            51–200       | 120   | true
            1,001-5,000  | 1001  | true
            1,001-5,000  | 5001  | false
            1000+        | 250000| true
            1000+        | 999   | false
            10,001+      | 10001 | true
            10k+         | 9999  | false
            5k-10k       | 7500  | true
            1,10         | 10    | true
            1,10         | 11    | false
            <50          | 49    | true
            <50          | 50    | false
            up to 10     | 10    | true
            200          | 200   | true
            200          | 201   | false
            >1000        | 1000  | false
            >1000        | 1001  | true
            at least 500 | 500   | true
            1.001-5.000  | 1001  | true
            51-200 employees | 51 | true
            1 000 to 5 000 | 4999 | true
            1'000+       | 1000  | true
            2.5k-5k      | 2499  | false
            120 FTE      | 120   | true
            over 500     | 500   | false
            """)
    void sizeRanges(String range, long employees, boolean in) {
        assertThat(CompanySize.parse(range)).get().satisfies(r -> assertThat(r.contains(employees)).isEqualTo(in));
    }

    @Test
    void sizeRangesNotUnderstood() {
        assertThat(CompanySize.parse("enterprise")).isEmpty();
        assertThat(CompanySize.parse("200-50")).isEmpty();
        assertThat(CompanySize.parse(" ")).isEmpty();
        assertThat(CompanySize.parse(null)).isEmpty();
        assertThat(CompanySize.parse("99999999999999999999+")).as("too many digits for a number").isEmpty();
        assertThat(CompanySize.parse("1,20-300")).as("a separator before two digits is no thousands separator").isEmpty();
    }

    @Test
    void anOpenRangeSaysTheNumberItIsWrittenWith() {
        assertThat(CompanySize.parse("1000+")).get().satisfies(r -> {
            assertThat(r.open()).isTrue();
            assertThat(r.min()).isEqualTo(1000);
            assertThat(r.from()).isEqualTo(1000);
        });
        assertThat(CompanySize.parse("more than 1000")).get().satisfies(r -> {
            assertThat(r.min()).isEqualTo(1001);
            assertThat(r.from()).isEqualTo(1000);
        });
        assertThat(CompanySize.parse(">=1000")).get().extracting(CompanySize.Range::from).isEqualTo(1000L);
        assertThat(CompanySize.parse("200")).get().satisfies(r -> assertThat(r.exact()).isTrue());
    }

    @ParameterizedTest(name = "{0} employees: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1    | SMALL
            50   | SMALL
            51   | MID
            500  | MID
            501  | LARGE
            250000 | LARGE
            """)
    void bands(long employees, Band band) {
        assertThat(CompanySize.band(employees)).isEqualTo(band);
    }
}
