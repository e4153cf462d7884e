package io.leadhub.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import io.leadhub.config.BoundProperties;
import io.leadhub.enrich.providers.http.HttpProviderOptions;
import io.leadhub.enrich.providers.pipe0.Pipe0ProviderOptions;
import io.leadhub.enrich.providers.website.WebsiteProviderOptions;
import org.junit.jupiter.api.Test;

/** A provider client's own options, bound from leadhub.providers.&lt;id&gt; for the providers of its type. */
class ProviderOptionsBinderTest {

    private static ProviderOptionsBinder binder(String... namesAndValues) {
        var binder = BoundProperties.binder(namesAndValues);
        return new ProviderOptionsBinder(binder.bindOrCreate("leadhub", ProvidersProperties.class), binder);
    }

    @Test
    void eachProviderOfTheTypeGetsItsOptionsWithTheDefaultsForWhatIsNotSet() {
        var options = binder(
                "leadhub.providers.pdl.type", "http",
                "leadhub.providers.pdl.url-template", "/v5/company/enrich?website={domain}",
                "leadhub.providers.pdl.mapping.company_name", "/display_name",
                "leadhub.providers.inHouse-API.type", "http",
                "leadhub.providers.inHouse-API.method", "POST",
                "leadhub.providers.in_house_v2.type", "http",
                "leadhub.providers.in_house_v2.auth-scheme", "",
                "leadhub.providers.hunter.type", "hunter",
                "leadhub.providers.hunter.method", "PUT")
                .bind("http", HttpProviderOptions.class);

        assertThat(options).containsOnlyKeys("pdl", "inHouse-API", "in_house_v2");
        assertThat(options.get("pdl").urlTemplate()).isEqualTo("/v5/company/enrich?website={domain}");
        assertThat(options.get("pdl").mapping()).containsEntry("company_name", "/display_name");
        assertThat(options.get("pdl").method()).isEqualTo("GET");
        assertThat(options.get("pdl").authScheme()).isEqualTo("Bearer");
        assertThat(options.get("inHouse-API").method()).isEqualTo("POST");
        assertThat(options.get("in_house_v2").authScheme()).isEmpty();
    }

    @Test
    void aProviderWithNothingOfItsOwnSetGetsTheDefaults() {
        var pipe0 = binder("leadhub.providers.p0.type", "pipe0").bind("pipe0", Pipe0ProviderOptions.class).get("p0");

        assertThat(pipe0.pipes()).isEqualTo(List.of("company:overview@3"));
        assertThat(pipe0.async()).isFalse();
        assertThat(pipe0.pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(pipe0.maxPolls()).isEqualTo(90);
    }

    @Test
    void aValueTheOptionsRefuseStopsTheStartNamingTheProperty() {
        var binder = binder("leadhub.providers.p0.type", "pipe0", "leadhub.providers.p0.mode", "fast");

        assertThatThrownBy(() -> binder.bind("pipe0", Pipe0ProviderOptions.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Provider p0 (type pipe0) is misconfigured")
                .hasMessageContaining("leadhub.providers.p0.mode is 'fast'")
                .hasMessageContaining("use sync");
    }

    @Test
    void aValueOfTheWrongTypeStopsTheStartNamingThePropertyButNotItsValue() {
        var binder = binder("leadhub.providers.site.type", "website", "leadhub.providers.site.max-bytes", "two megabytes");

        assertThatThrownBy(() -> binder.bind("website", WebsiteProviderOptions.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("leadhub.providers.site.max-bytes")
                .hasMessageNotContaining("two megabytes");
    }

    @Test
    void aMappingThatIsNotAJsonPointerStopsTheStart() {
        var binder = binder("leadhub.providers.pdl.type", "http", "leadhub.providers.pdl.mapping.company_name", "display_name");

        assertThatThrownBy(() -> binder.bind("http", HttpProviderOptions.class))
                .hasMessageContaining("leadhub.providers.pdl.mapping.company_name is 'display_name', not a JSON Pointer");
    }

    @Test
    void theWebsiteDeadlineIsTwiceTheTimeoutAndAtLeastFifteenSecondsUnlessSet() {
        var unset = BoundProperties.of("leadhub.providers.site", WebsiteProviderOptions.class);
        assertThat(unset.effectiveDeadline(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(20));
        assertThat(unset.effectiveDeadline(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(15));
        var set = BoundProperties.of("leadhub.providers.site", WebsiteProviderOptions.class, "deadline", "1500ms");
        assertThat(set.effectiveDeadline(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> BoundProperties.of("leadhub.providers.site", WebsiteProviderOptions.class, "max-redirects", "-1"))
                .rootCause().hasMessageContaining("max-redirects is -1");
    }
}
