package io.leadhub.ingest.crm;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The CRM webhooks the hub receives on /webhooks/** (leadhub.webhooks.*), each verified by its own signature.
 *
 * @param maxBodyBytes largest body in bytes on /webhooks/** (HubSpot, Pipedrive, Salesforce, generic), counted while it
 *                     is read; 413 beyond
 * @param hubspot      HubSpot's contact events (POST /webhooks/hubspot)
 * @param pipedrive    Pipedrive's person events (POST /webhooks/pipedrive)
 * @param salesforce   Salesforce outbound messages (POST /webhooks/salesforce)
 * @param generic      any JSON webhook (POST /webhooks/generic/&lt;name&gt;), by name: where the records are and how
 *                     their fields map to a lead
 */
@ConfigurationProperties("leadhub.webhooks")
public record WebhooksProperties(
        @DefaultValue("10485760") long maxBodyBytes,
        @DefaultValue HubSpot hubspot,
        @DefaultValue Pipedrive pipedrive,
        @DefaultValue Salesforce salesforce,
        @DefaultValue Map<String, Generic> generic) {

    /**
     * @param clientSecret  the app's client secret; when set, X-HubSpot-Signature-v3 is required
     * @param publicBaseUrl public base URL HubSpot calls (e.g. https://hub.example.com), part of the signed text;
     *                      empty: the request's own
     * @param maxAge        X-HubSpot-Request-Timestamp accepted this far from the hub's clock, past or future
     * @param claimTimeout  how long a delivery's claim on its events holds; after it (its instance died mid-fetch) a
     *                      retry may take them, so concurrent replays read each contact once
     * @param workspace     the workspace the leads belong to
     */
    public record HubSpot(
            String clientSecret,
            String publicBaseUrl,
            @DefaultValue("5m") Duration maxAge,
            @DefaultValue("2m") Duration claimTimeout,
            @DefaultValue("default") String workspace) {

        @Override
        public String toString() {
            return "HubSpot[clientSecret=" + (clientSecret == null || clientSecret.isBlank() ? "none" : "***") + ", publicBaseUrl=" + publicBaseUrl + ", workspace=" + workspace + "]";
        }
    }

    /**
     * @param username  HTTP basic user Pipedrive's webhook is configured with (PIPEDRIVE_WEBHOOK_USER)
     * @param password  its password (PIPEDRIVE_WEBHOOK_PASSWORD)
     * @param workspace the workspace the leads belong to
     */
    public record Pipedrive(
            String username,
            String password,
            @DefaultValue("default") String workspace) {

        @Override
        public String toString() {
            return "Pipedrive[username=" + username + ", password=" + (password == null || password.isBlank() ? "none" : "***") + ", workspace=" + workspace + "]";
        }
    }

    /**
     * @param organizationId when set, notifications from any other organization are refused
     * @param workspace      the workspace the leads belong to
     */
    public record Salesforce(
            String organizationId,
            @DefaultValue("default") String workspace) {
    }

    /**
     * @param workspace       the workspace the leads belong to
     * @param itemsPointer    JSON Pointer to the array of records; empty: the body is one record or an array of them
     * @param mapping         lead field (email, firstName, ..., sourceId) to JSON Pointer in a record; empty: keys are
     *                        read by their names
     * @param secret          when set, signature-header must carry the HMAC-SHA256 of the body under it (hex, "sha256="
     *                        prefix allowed); put ${SOME_ENV_VAR} here
     * @param signatureHeader the header that carries the signature
     */
    public record Generic(
            @DefaultValue("default") String workspace,
            @DefaultValue("") String itemsPointer,
            @DefaultValue Map<String, String> mapping,
            String secret,
            @DefaultValue("X-Signature") String signatureHeader) {

        @Override
        public String toString() {
            return "Generic[workspace=" + workspace + ", itemsPointer=" + itemsPointer + ", secret=" + (secret == null || secret.isBlank() ? "none" : "***") + "]";
        }
    }
}
