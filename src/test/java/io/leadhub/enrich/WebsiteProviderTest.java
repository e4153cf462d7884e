package io.leadhub.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

/** The keyless website analyser against a local site (loopback allowed by test configuration only). */
class WebsiteProviderTest extends SharedHubTest {

    private static final String HOMEPAGE = """
            <!DOCTYPE html><html><head><title> Acme Robotics | Warehouse robots </title>
            <meta name="description" content="Autonomous mobile robots for warehouses.">
            <script src="https://www.googletagmanager.com/gtm.js?id=GTM-ABC123"></script>
            <script src="//js.hs-scripts.com/1234567.js" async defer></script>
            <link rel="stylesheet" href="/wp-content/themes/acme/style.css">
            </head><body>
            <a href="https://www.linkedin.com/company/acme-robotics/">LinkedIn</a>
            <a href="https://x.com/acmerobots">X</a>
            <a href="/careers">We are hiring</a>
            </body></html>""";


    private ProviderAnswer analyse(String domain) {
        var request = new ProviderRequest("website", "website", "domain:" + domain, UUID.randomUUID(), Map.of("domain", domain));
        return askProvider(request);
    }

    @Test
    void readsTitleDescriptionSocialLinksTechnologiesAndHiring() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/sites/acme-robotics.com/home")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "/sites/acme-robotics.com/home/en")));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/sites/acme-robotics.com/home/en")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withHeader("Server", "cloudflare")
                .withHeader("CF-RAY", "8a1b2c3d4e5f-AMS").withBody(HOMEPAGE)));

        var answer = analyse("acme-robotics.com");
        assertThat(answer.outcome()).isEqualTo("hit");
        assertThat(answer.fields()).containsEntry("website_title", "Acme Robotics | Warehouse robots")
                .containsEntry("website_description", "Autonomous mobile robots for warehouses.")
                .containsEntry("hiring", true).containsEntry("website_careers_url", "/careers");
        assertThat(answer.fields().get("website_technologies").toString())
                .contains("Google Tag Manager", "HubSpot", "WordPress", "Cloudflare");
        assertThat(answer.fields().get("website_social").toString()).contains("linkedin", "twitter");
    }

    @Test
    void aRedirectToTheCloudMetadataAddressIsRefused() {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/sites/evil.example/home")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/iam/security-credentials/")));
        var answer = analyse("evil.example");
        assertThat(answer.outcome()).startsWith("error: refused non-public address 169.254.169.254");
        assertThat(answer.fields()).isEmpty();

        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/sites/sneaky.example/home")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://10.0.0.5:8080/admin")));
        assertThat(analyse("sneaky.example").outcome()).startsWith("error: refused non-public address 10.0.0.5");
    }

    @Test
    void redirectsToInternalAddressesInDisguiseAreRefused() {
        // NAT64 of 169.254.169.254, IPv4-mapped private, 6to4 of loopback, user info: each refused before any connection
        var disguises = java.util.Map.of(
                "nat64.example", "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
                "mapped.example", "http://[::ffff:10.0.0.1]/admin",
                "sixtofour.example", "http://[2002:7f00:1::]/",
                "azure.example", "http://168.63.129.16/machine?comp=goalstate");
        disguises.forEach((domain, location) -> VENDORS.stubFor(WireMock.get(urlPathEqualTo("/sites/" + domain + "/home"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", location))));
        disguises.keySet().forEach(domain -> assertThat(analyse(domain).outcome()).as(domain)
                .startsWith("error: refused non-public address"));

        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/sites/userinfo.example/home")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://public.example@127.0.0.1:" + VENDORS.port() + "/sites/x/home")));
        assertThat(analyse("userinfo.example").outcome()).startsWith("error: refused user info");
    }
}
