package io.leadhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is the page the configuration processor's metadata renders to (see
 * {@link ConfigurationReference}); with -Dleadhub.docs.write=true this test writes it instead of comparing.
 */
class ConfigurationReferenceTest {

    static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    static final Path SOURCES = Path.of("src/main/java");
    static final Path PAGE = Path.of("docs/configuration.md");
    static final String REFRESH = "mvn -o test -Dtest=ConfigurationReferenceTest -Dleadhub.docs.write=true";

    private final ObjectMapper json = new ObjectMapper();
    private final ConfigurationReference reference = ConfigurationReference.of(METADATA, SOURCES, json);

    @Test
    void theCheckedInPageIsWhatThePropertiesRecordsSay() throws IOException {
        var rendered = reference.markdown();
        if (Boolean.getBoolean("leadhub.docs.write")) {
            reference.write(PAGE);
        }
        assertThat(Files.exists(PAGE)).as(PAGE + " is missing; write it with: " + REFRESH).isTrue();
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as(PAGE + " differs from the properties records (a property, default or Javadoc changed); refresh it with: " + REFRESH)
                .isEqualTo(rendered);
    }

    @Test
    void everyPropertyHasADescription() {
        assertThat(reference.undocumented())
                .as("properties without a description: give the record component an @param in the record's Javadoc")
                .isEmpty();
    }

    @Test
    void aPropertyWithoutADescriptionIsFound() throws IOException {
        var metadata = json.readTree("""
                {"groups": [{"name": "leadhub.json", "type": "io.leadhub.config.JsonLimits", "sourceType": "io.leadhub.config.JsonLimits"}],
                 "properties": [
                   {"name": "leadhub.json.max-nesting-depth", "type": "java.lang.Integer", "description": "arrays and objects inside each other",
                    "sourceType": "io.leadhub.config.JsonLimits", "defaultValue": 100},
                   {"name": "leadhub.json.max-name-length", "type": "java.lang.Integer", "sourceType": "io.leadhub.config.JsonLimits"}]}
                """);

        assertThat(new ConfigurationReference(metadata, SOURCES).undocumented()).containsExactly("leadhub.json.max-name-length");
    }

    @Test
    void everyPropertyOfTheRecordsIsOnThePage() {
        var names = reference.properties().stream().map(ConfigurationReference.Property::name).toList();

        assertThat(names).contains(
                "leadhub.queue", "leadhub.scheduler-name", "leadhub.ingest.default-region", "leadhub.kafka.topics.received",
                "leadhub.scoring.model.train-cron", "leadhub.webhooks.hubspot.client-secret", "leadhub.security.public-paths");
        // maps and lists of records, by their value record with a placeholder
        assertThat(names).contains(
                "leadhub.providers.<id>.type", "leadhub.providers.<id>.rate", "leadhub.providers.<id>.breaker-half-open-calls",
                "leadhub.sources.<id>.cron", "leadhub.webhooks.generic.<id>.mapping", "leadhub.events.webhooks.<id>.url",
                "leadhub.security.api-keys[<n>].workspace");
        // a provider client's own options, bound from the same keys
        assertThat(names).contains(
                "leadhub.providers.<id>.url-template", "leadhub.providers.<id>.mode", "leadhub.providers.<id>.max-bytes",
                "leadhub.providers.<id>.model", "leadhub.providers.<id>.api-version");
        assertThat(names).doesNotContain("leadhub.providers", "leadhub.sources", "leadhub.webhooks.generic", "leadhub.events.webhooks");
        assertThat(reference.markdown())
                .contains("## `leadhub.providers.<id>` (type pipe0)")
                .contains("| `leadhub.inbox.max-poll-silence` | Duration | `2m` |")
                .contains("| `leadhub.personalization.channels` | List&lt;String&gt; | `[email, linkedin_connection, linkedin_message, sms]` |");
    }
}
