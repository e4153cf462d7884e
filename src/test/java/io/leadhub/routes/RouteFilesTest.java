package io.leadhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import io.leadhub.routes.RouteFiles.Origin;
import io.leadhub.routes.RouteFiles.RouteFile;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which route files the hub loads: the packaged ones (the build's copy of routes/ in classpath:routes/), each
 * replaced by a file of the same name in leadhub.routes-dir, plus that folder's other files.
 */
class RouteFilesTest {

    @TempDir
    Path dir;

    private static Map<String, Origin> origins(java.util.List<RouteFile> files) {
        return files.stream().collect(Collectors.toMap(RouteFile::name, RouteFile::origin));
    }

    @Test
    void theBuildPackagesEveryRouteFileOfTheSourceFolder() throws IOException {
        try (var source = Files.list(Path.of("routes"))) {
            var names = source.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).toList();
            assertThat(RouteFiles.packaged().keySet()).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @Test
    void withNoFolderOrAnEmptyOneEveryPackagedFileIsLoaded() {
        var packaged = RouteFiles.packaged();
        assertThat(packaged).isNotEmpty();
        for (var folder : new Path[]{dir, dir.resolve("missing")}) {
            var files = RouteFiles.choose(packaged, folder);
            assertThat(files).extracting(RouteFile::name).containsExactlyElementsOf(packaged.keySet());
            assertThat(files).allSatisfy(file -> {
                assertThat(file.origin()).isEqualTo(Origin.PACKAGED);
                assertThat(file.location()).isEqualTo("classpath:routes/" + file.name());
            });
        }
    }

    @Test
    void aFileOfTheSameNameReplacesThePackagedOneAndOthersAreAdded() throws Exception {
        Files.writeString(dir.resolve("ingest-kafka.camel.yaml"), """
                - route:
                    id: ingest-kafka-replaced
                    from:
                      uri: direct:replaced-kafka-input
                      steps:
                        - setBody:
                            constant: replaced
                """);
        Files.writeString(dir.resolve("extra-flow.camel.yaml"), """
                - route:
                    id: extra-flow
                    from:
                      uri: direct:extra-flow
                      steps:
                        - setBody:
                            constant: extra
                """);
        Files.writeString(dir.resolve("notes.txt"), "not a route file");
        var packaged = RouteFiles.packaged();

        var files = RouteFiles.choose(packaged, dir);
        var origins = origins(files);
        assertThat(origins).hasSize(packaged.size() + 1)
                .containsEntry("ingest-kafka.camel.yaml", Origin.REPLACED)
                .containsEntry("extra-flow.camel.yaml", Origin.ADDED)
                .containsEntry("enrich-leads.camel.yaml", Origin.PACKAGED);
        assertThat(files).filteredOn(f -> f.name().equals("ingest-kafka.camel.yaml")).singleElement()
                .extracting(RouteFile::location).isEqualTo("file:" + dir.resolve("ingest-kafka.camel.yaml").toAbsolutePath().normalize());

        // loaded into a context: the replacement's route instead of the packaged one, the extra route, all the others
        try (var camel = new DefaultCamelContext()) {
            var loader = new RouteFiles(new RouteFilesProperties(dir), java.util.List.of());
            loader.beforeApplicationStart(camel);
            var ids = ((ModelCamelContext) camel).getRouteDefinitions().stream().map(RouteDefinition::getRouteId).toList();
            assertThat(ids).contains("ingest-kafka-replaced", "extra-flow", "enrich-batch", "score", "personalize", "ingest-api",
                    "publish-events", "stage-leases-heartbeat").doesNotContain("ingest-kafka");
            assertThat(((ModelCamelContext) camel).getRouteTemplateDefinitions()).extracting(t -> t.getId())
                    .contains("stage-handoff", "stage-queue", "enrich-provider", "poll-source");
            assertThat(loader.loaded()).isEqualTo(files);
        }
    }
}
