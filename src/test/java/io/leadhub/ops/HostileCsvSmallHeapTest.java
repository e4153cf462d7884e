package io.leadhub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static io.leadhub.ops.HubProcesses.awaitUp;
import static io.leadhub.ops.HubProcesses.freePort;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.LeadhubApplication;
import io.leadhub.ProcessLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub as a separate process under -Xmx256m, given a 50 MB CSV with an unclosed quote at line 10. Before the
 * record bound the parser read the rest of the file as one field: out of memory, the inbox poller dead, later
 * files never read, health still UP. Now line 10 is one rejection, every other row is read, the next file is
 * read too and health stays UP.
 */
@ProcessLevel
class HostileCsvSmallHeapTest {

    private static final int ROWS = 10_000;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRunawayQuoteInA50MbFileUnder256MbHeapRejectsOneLineAndTheInboxGoesOn() throws Exception {
        var inbox = Files.createDirectories(work.resolve("inbox"));
        var staging = Files.createDirectories(work.resolve("staging"));
        var big = staging.resolve("runaway-50mb.csv");
        try (BufferedWriter out = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            out.write("Email,First Name,Notes\n");
            var padding = " ".repeat(5_000); // surrounding spaces: 50 MB on disk, little in the database
            for (int line = 2; line <= ROWS + 1; line++) {
                out.write(line == 10 ? "broken@heap.io,\"Jane,unclosed" + padding + "\n"
                        : "row" + line + "@heap.io,Row," + padding + "\n");
            }
        }
        assertThat(Files.size(big)).isGreaterThan(50L * 1000 * 1000);

        int port = freePort();
        var hub = start(port);
        try {
            awaitUp(port);
            Files.move(big, inbox.resolve(big.getFileName()));
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    file(port, "runaway-50mb.csv").map(f -> !f.path("status").asText().equals("running")).orElse(false));
            var file = file(port, "runaway-50mb.csv").orElseThrow();
            assertThat(file.path("status").asText()).as(file.toString()).isEqualTo("done");
            assertThat(file.path("rowsRead").asLong()).isEqualTo(ROWS);
            assertThat(file.path("rejected").asLong()).isEqualTo(1);
            assertThat(file.path("accepted").asLong()).isEqualTo(ROWS - 1);

            var next = staging.resolve("after.csv");
            Files.writeString(next, "Email\nafter@heap.io\n");
            Files.move(next, inbox.resolve("after.csv"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    file(port, "after.csv").map(f -> f.path("status").asText().equals("done")).orElse(false));
            var health = json.readTree(get(port, "/actuator/health"));
            assertThat(health.path("components").path("inbox").path("status").asText()).isEqualTo("UP");
        } finally {
            hub.destroy();
            if (!hub.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor();
            }
        }
    }

    private Optional<JsonNode> file(int port, String name) throws Exception {
        for (var f : json.readTree(get(port, "/api/ingest/files"))) {
            if (f.path("name").asText().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private Process start(int httpPort) throws IOException {
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), LeadhubApplication.class.getName(),
                "--server.port=" + httpPort,
                "--leadhub.scheduler-name=hostile-csv-test",
                "--leadhub.embedded-postgres.data-dir=" + work.resolve("pg"),
                "--leadhub.embedded-postgres.port=" + freePort(),
                "--leadhub.inbox.dir=" + work.resolve("inbox"),
                "--leadhub.inbox.stable-check-interval=100", "--leadhub.inbox.min-age=100",
                "--leadhub.scoring.rules-dir=" + work.resolve("rules"),
                "--leadhub.enrichment.enabled=false",
                "--leadhub.personalization.enabled=false");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("hub.log").toFile())).start();
    }

    private String get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }


}
