package io.leadhub.facts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndustriesTest {

    @ParameterizedTest(name = "{0}: {1} / {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            52 Finance and Insurance          | 52 | Finance and Insurance
            NAICS 541511 Custom Programming   | 54 | Custom Programming
            31-33 - Manufacturing             | 31 | Manufacturing
            52: Finance                       | 52 | Finance
            484                               | 48 | -
            Computer Software                 | -  | -
            3D printing                       | -  | -
            1234567 Widgets                   | -  | -
            """)
    void naicsCodesInFront(String industry, String sector, String name) {
        var code = Industries.naics(industry);
        assertThat(code.map(Industries.NaicsCode::sector).orElse(null)).isEqualTo(sector);
        assertThat(code.map(Industries.NaicsCode::name).orElse(null)).isEqualTo(name);
        assertThat(Industries.withoutCode(industry)).isEqualTo(sector == null ? industry : name == null ? "" : name);
    }
}
