package io.leadhub.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How records from every source are read into leads (leadhub.ingest.*).
 *
 * @param defaultRegion ISO region used to read phone numbers written without a country code
 * @param chunkSize     records stored per database transaction when a file or poll is ingested
 */
@ConfigurationProperties("leadhub.ingest")
public record IngestProperties(
        @DefaultValue("US") String defaultRegion,
        @DefaultValue("500") int chunkSize) {
}
