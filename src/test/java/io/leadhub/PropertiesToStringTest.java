package io.leadhub;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadhub.config.BoundProperties;
import io.leadhub.enrich.ProviderProperties;
import io.leadhub.ingest.crm.HubSpotProperties;
import io.leadhub.ingest.crm.WebhooksProperties;
import io.leadhub.ingest.poll.SourcesProperties;
import io.leadhub.publish.EventsProperties;
import org.junit.jupiter.api.Test;

/** A properties record that holds a secret prints it masked, should it ever reach a log line or an error. */
class PropertiesToStringTest {

    private static final String SECRET = "s3cr3t-value-0123456789";

    @Test
    void secretsArePrintedMasked() {
        var webhooks = BoundProperties.of(WebhooksProperties.class, "hubspot.client-secret", SECRET,
                "pipedrive.password", SECRET, "generic.form.secret", SECRET);
        var printed = String.join("\n",
                webhooks.toString(),
                BoundProperties.of(HubSpotProperties.class, "access-token", SECRET).toString(),
                BoundProperties.of(SourcesProperties.class, "sources.crm.auth-value", SECRET).toString(),
                BoundProperties.of(EventsProperties.class, "webhooks.crm.secret", SECRET).toString(),
                BoundProperties.of("leadhub.providers.hunter", ProviderProperties.class, "api-key", SECRET).toString());

        assertThat(printed).doesNotContain(SECRET).contains("***");
        assertThat(webhooks.generic().get("form").secret()).isEqualTo(SECRET);
    }
}
