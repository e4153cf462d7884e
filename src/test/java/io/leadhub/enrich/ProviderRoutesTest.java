package io.leadhub.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadhub.SharedHubTest;
import org.apache.camel.CamelContext;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every configured provider gets its enrich-provider route, with every template parameter set from its configuration. */
class ProviderRoutesTest extends SharedHubTest {

    @Autowired
    CamelContext camelContext;
    @Autowired
    Providers providers;

    @Test
    void eachProviderRoutePassesEveryTemplateParameterFromItsConfiguration() {
        var model = camelContext.getCamelContextExtension().getContextPlugin(org.apache.camel.model.Model.class);
        var declared = model.getRouteTemplateDefinition("enrich-provider").getTemplateParameters().stream()
                .map(RouteTemplateParameterDefinition::getName).toList();
        assertThat(declared).contains("providerId", "endpoint", "rate", "periodMillis", "timeoutMillis");

        assertThat(providers.all()).isNotEmpty();
        providers.all().forEach((id, provider) -> {
            var route = model.getRouteDefinition("enrich-provider-" + id);
            assertThat(route).as("route of %s", id).isNotNull();
            var given = route.getTemplateParameters();
            assertThat(given).as("parameters of %s", id).containsKeys(declared.toArray(String[]::new));
            var config = provider.config();
            assertThat(given).containsEntry("providerId", id)
                    .containsEntry("rate", Integer.toString(config.rate()))
                    .containsEntry("periodMillis", Long.toString(config.period().toMillis()))
                    .containsEntry("timeoutMillis", Long.toString(config.timeout().toMillis()));
        });
    }
}
