package io.leadhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.regex.Pattern;

import io.leadhub.HubTestSupport;
import io.leadhub.pipeline.PipelineEndpoints;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The jar-like layout: the hub with no route folder of its own (leadhub.routes-dir is an empty folder, as for a
 * jar started elsewhere) runs the whole packaged pipeline. Also: an endpoint property moves both ends, the code
 * that sends and the route that reads.
 */
class PackagedRoutesTest extends HubTestSupport {

    private static final Pattern ROUTE_ID = Pattern.compile("(?m)^- route:\\s*\\n\\s+id: (\\S+)");

    @DynamicPropertySource
    static void emptyRoutesDir(DynamicPropertyRegistry registry) throws IOException {
        var overrides = new HashMap<String, String>();
        overrides.put("leadhub.embedded-postgres.data-dir", WORK.resolve("pg-packaged").toString());
        overrides.put("leadhub.inbox.dir", WORK.resolve("inbox-packaged").toString());
        overrides.put("leadhub.scheduler-name", "packaged-routes-test");
        overrides.put("leadhub.routes-dir", Files.createDirectories(WORK.resolve("no-routes-here")).toString());
        overrides.put("leadhub.endpoints.personalize-product", "seda:custom-new-product");
        hubProperties(registry, overrides);
    }

    @Autowired
    CamelContext camel;
    @Autowired
    RouteFiles routeFiles;
    @Autowired
    PipelineEndpoints endpoints;

    @Test
    void withNoRouteFolderEveryPackagedRouteRuns() {
        var packaged = RouteFiles.packaged();
        assertThat(routeFiles.loaded()).extracting(RouteFiles.RouteFile::name).containsExactlyElementsOf(packaged.keySet());
        assertThat(routeFiles.loaded()).allSatisfy(file -> assertThat(file.origin()).isEqualTo(RouteFiles.Origin.PACKAGED));

        var expected = new ArrayList<String>();
        for (var name : packaged.keySet()) {
            try (var in = getClass().getClassLoader().getResourceAsStream("routes/" + name)) {
                var matcher = ROUTE_ID.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (matcher.find()) {
                    expected.add(matcher.group(1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // the stage plumbing, a provider and a polled source: instances of the packaged templates
        expected.addAll(java.util.List.of("handoff-received", "handoff-enriched", "handoff-qualified", "enrich-queue",
                "score-queue", "personalize-queue", "enrich-provider-hunter", "poll-source-crm-export"));
        var running = camel.getRoutes().stream().map(Route::getRouteId).toList();
        assertThat(running).containsAll(expected).contains("ingest-api", "enrich-batch", "score", "personalize", "publish-events");
        assertThat(expected).hasSizeGreaterThan(40);
        for (var id : expected) {
            if (!id.equals("ingest-kafka")) { // off unless leadhub.kafka-input.enabled
                assertThat(camel.getRouteController().getRouteStatus(id).isStarted()).as(id + " started").isTrue();
            }
        }
    }

    @Test
    void anEndpointPropertyMovesTheSenderAndTheRoute() {
        assertThat(endpoints.personalizeProduct()).isEqualTo("seda:custom-new-product");
        assertThat(camel.getRoute("personalize-new-product").getEndpoint().getEndpointUri()).isEqualTo("seda://custom-new-product");
    }
}
