package io.leadhub.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the API (leadhub.api.*): of every request body outside /webhooks/, and of POST /api/leads.
 *
 * @param maxBodyBytes              largest request body in bytes on every path outside /webhooks/ (POST /api/leads,
 *                                  the MVC endpoints, actuator), counted while it is read, chunked or not; beyond it
 *                                  413 naming the limit
 * @param maxRecords                leads in one POST /api/leads
 * @param maxIdempotencyKeyLength   longest Idempotency-Key of POST /api/leads (printable ASCII), remembered per
 *                                  workspace with a hash of the body
 */
@ConfigurationProperties("leadhub.api")
public record ApiProperties(
        @DefaultValue("5242880") long maxBodyBytes,
        @DefaultValue("1000") int maxRecords,
        @DefaultValue("255") int maxIdempotencyKeyLength) {
}
