package io.leadhub.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PersonNamesTest {

    @Test
    void everyHonorificIsDroppedWithOrWithoutItsFullStopAndInAnyCase() {
        assertThat(PersonNames.HONORIFICS).containsExactlyInAnyOrder("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "herr",
                "frau", "mme", "m");
        for (var honorific : PersonNames.HONORIFICS) {
            for (var written : List.of(honorific, honorific + ".", honorific.toUpperCase(java.util.Locale.ROOT) + ".")) {
                assertThat(PersonNames.withoutHonorifics(List.of(written, "Jane", "Doe"))).as(written).containsExactly("Jane", "Doe");
            }
        }
    }

    @Test
    void onlyLeadingHonorificsGo() {
        assertThat(PersonNames.withoutHonorifics(List.of("Dr.", "Prof.", "Jane", "Doe"))).containsExactly("Jane", "Doe");
        assertThat(PersonNames.withoutHonorifics(List.of("Jane", "Sir"))).containsExactly("Jane", "Sir");
        assertThat(PersonNames.withoutHonorifics(List.of("Mary", "Ann"))).containsExactly("Mary", "Ann");
        assertThat(PersonNames.withoutHonorifics(List.of("Dr."))).isEmpty();
        assertThat(PersonNames.isHonorific(null)).isFalse();
    }
}
