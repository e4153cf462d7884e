package io.leadhub.ingest.crm;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HubSpot's API (leadhub.hubspot.*), read for the contacts a webhook names and by the hubspot polled source.
 *
 * @param apiBaseUrl        base URL of the API
 * @param accessToken       private app access token (HUBSPOT_ACCESS_TOKEN)
 * @param contactProperties contact properties fetched, comma-separated
 * @param timeout           timeout of one API call (milliseconds without a unit)
 */
@ConfigurationProperties("leadhub.hubspot")
public record HubSpotProperties(
        @DefaultValue("https://api.hubapi.com") String apiBaseUrl,
        String accessToken,
        @DefaultValue("email,firstname,lastname,jobtitle,phone,mobilephone,company,website,city,country,hs_linkedin_url,lifecyclestage,hs_lead_status,lastmodifieddate")
        String contactProperties,
        @DefaultValue("10s") Duration timeout) {

    @Override
    public String toString() {
        return "HubSpotProperties[apiBaseUrl=" + apiBaseUrl + ", accessToken=" + (accessToken == null || accessToken.isBlank() ? "none" : "***") + "]";
    }
}
