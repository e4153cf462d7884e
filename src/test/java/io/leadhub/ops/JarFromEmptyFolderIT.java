package io.leadhub.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.leadhub.ops.HubProcesses.awaitUp;
import static io.leadhub.ops.HubProcesses.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as a user would: {@code java -jar target/leadhub.jar} from an empty folder (no routes/, no
 * config), on its embedded PostgreSQL, with one enrichment provider on a local server. A lead posted to the API is
 * ingested, enriched, scored and personalized by the routes inside the jar. Runs in mvn verify's integration-test
 * phase (maven-failsafe-plugin), after the jar is built.
 */
class JarFromEmptyFolderIT {

    private static final Path JAR = Path.of("target", "leadhub.jar").toAbsolutePath();

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theJarStartedFromAnEmptyFolderRunsThePackagedPipeline() throws Exception {
        assertThat(JAR).as("built by mvn package").isRegularFile();
        var folder = Files.createDirectories(temp.resolve("empty"));
        var log = temp.resolve("hub.log");
        var vendor = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        vendor.start();
        vendor.stubFor(get(urlPathEqualTo("/company")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"name\": \"Jar Robotics\", \"employees\": 120}")));
        int port = freePort();
        var p = "--leadhub.providers.jar-company.";
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", JAR.toString(),
                "--server.port=" + port,
                "--leadhub.scheduler-name=jar-it",
                "--leadhub.enrichment.batch-timeout=100",
                p + "type=http", p + "base-url=" + vendor.baseUrl(), p + "url-template=/company?domain={domain}",
                p + "api-key=jar-it", p + "signals=company", p + "timeout=5000",
                p + "mapping.company_name=/name", p + "mapping.company_employees=/employees"));
        Process hub = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            awaitUp(port);
            var base = "http://localhost:" + port;
            // a product to write for, then a lead that the default rules score warm (senior title, phone, LinkedIn)
            assertThat(post(base + "/api/products?workspace=default", """
                    {"id": "fleet", "name": "Fleet Orchestrator", "valueProposition": "Run mixed robot fleets from one console",
                     "icpDescription": "Logistics operators automating warehouses"}""").statusCode()).isEqualTo(201);
            var accepted = post(base + "/api/leads?workspace=default", """
                    {"email": "dana@jar-robotics.com", "firstName": "Dana", "lastName": "Reyes", "title": "VP Operations",
                     "companyName": "Jar Robotics", "phone": "+14155550100", "linkedinUrl": "https://www.linkedin.com/in/dana-reyes-jar"}""");
            assertThat(accepted.statusCode()).isEqualTo(202);
            var id = json.readTree(accepted.body()).path("accepted").get(0).path("leadId").asText();

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> "personalized".equals(read(base + "/api/leads/" + id).path("status").asText()));
            var enrichment = read(base + "/api/leads/" + id + "/enrichment").toString();
            assertThat(enrichment).contains("jar-company").contains("120");
            vendor.verify(getRequestedFor(urlPathEqualTo("/company")));
            assertThat(read(base + "/api/leads/" + id + "/score").path("tier").asText()).isIn("warm", "hot");
            var outreach = read(base + "/api/leads/" + id + "/outreach");
            assertThat(outreach.isArray() && !outreach.isEmpty()).as("outreach written: " + outreach).isTrue();

            var output = Files.readString(log);
            assertThat(output).contains("Route file enrich-leads.camel.yaml from the jar")
                    .doesNotContain("replaces the packaged one").doesNotContain("added to the packaged ones");
        } finally {
            hub.destroy();
            if (!hub.waitFor(30, TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor();
            }
            vendor.stop();
        }
    }

    private HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode read(String url) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? json.readTree(response.body()) : json.createObjectNode();
    }
}
