package io.leadhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiMaskingConverterTest {

    @Test
    void masksEmailsAndPhonesButNotIdsOrDates() {
        var masked = PiiMaskingConverter.mask("lead jane.doe@acme.com phone +1 415 555 0132 and (030) 123-4567 id "
                + "550e8400-e29b-41d4-a716-446655440000 at 2026-11-03T10:00:00Z, 100000 rows");
        assertThat(masked).doesNotContain("jane.doe@").contains("j***@acme.com")
                .doesNotContain("555 0132").doesNotContain("123-4567")
                .contains("550e8400-e29b-41d4-a716-446655440000").contains("2026-11-03T10:00:00Z").contains("100000 rows");
    }
}
