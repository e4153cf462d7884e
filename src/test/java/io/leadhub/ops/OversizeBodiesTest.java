package io.leadhub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static io.leadhub.ops.HubProcesses.awaitUp;
import static io.leadhub.ops.HubProcesses.freePort;

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
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.leadhub.ChunkedUpload;
import io.leadhub.LeadhubApplication;
import io.leadhub.ProcessLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub as a separate process with a 256 MiB heap, sent twenty chunked bodies of 300 MB each (generated while
 * they are written, four at a time) at POST /api/leads and a generic webhook, under the default limits (5 MiB and
 * 10 MiB): each is answered 413 naming its limit long before its end, the hub stays up and healthy, and a small
 * lead sent afterwards is accepted.
 */
@ProcessLevel
class OversizeBodiesTest {

    private static final long BODY_BYTES = 300L * 1024 * 1024;
    private static final int UPLOADS = 20;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void oversizeChunkedBodiesUnderA256MiBHeapAreRefusedAndTheHubStaysHealthy() throws Exception {
        int httpPort = freePort();
        var hub = start(httpPort);
        var pool = Executors.newFixedThreadPool(4);
        try {
            awaitUp(httpPort);
            var uploads = new ArrayList<Future<ChunkedUpload.Answer>>();
            for (int i = 0; i < UPLOADS; i++) {
                var path = i % 2 == 0 ? "/api/leads" : "/webhooks/generic/big";
                var prefix = "[{\"email\":\"huge" + i + "@oversize-co.com\",\"notes\":\"";
                uploads.add(pool.submit(() -> ChunkedUpload.post(httpPort, path, Map.of("Content-Type", "application/json"),
                        prefix, BODY_BYTES, "\"}]")));
            }
            for (int i = 0; i < UPLOADS; i++) {
                var answer = uploads.get(i).get(2, TimeUnit.MINUTES);
                var limit = i % 2 == 0 ? "5242880 bytes (leadhub.api.max-body-bytes)" : "10485760 bytes (leadhub.webhooks.max-body-bytes)";
                assertThat(answer.status()).as("upload %d: %s", i, answer.body()).isEqualTo(413);
                assertThat(answer.body()).contains("body larger than " + limit);
                // the hub stopped reading: far less than the body was taken off the wire
                assertThat(answer.bytesSent()).as("upload %d", i).isLessThan(BODY_BYTES / 4);
            }

            assertThat(hub.isAlive()).isTrue();
            var liveness = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/actuator/health/liveness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(liveness.body()).contains("\"status\":\"UP\"");
            var small = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/api/leads"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"after@oversize-co.com\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(small.statusCode()).as(small.body()).isEqualTo(202);
            assertThat(Files.readString(work.resolve("hub.log"))).doesNotContain("OutOfMemoryError");
        } finally {
            pool.shutdownNow();
            hub.destroy();
            if (!hub.waitFor(30, TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor();
            }
        }
    }

    private Process start(int httpPort) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), LeadhubApplication.class.getName(),
                "--server.port=" + httpPort,
                "--leadhub.scheduler-name=oversize-test",
                "--leadhub.embedded-postgres.data-dir=" + work.resolve("pg"),
                "--leadhub.embedded-postgres.port=" + freePort(),
                "--leadhub.inbox.dir=" + work.resolve("inbox"),
                "--leadhub.scoring.rules-dir=" + work.resolve("rules"),
                "--leadhub.enrichment.enabled=false",
                "--leadhub.personalization.enabled=false",
                "--leadhub.webhooks.generic.big.workspace=default"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("hub.log").toFile())).start();
    }


}
