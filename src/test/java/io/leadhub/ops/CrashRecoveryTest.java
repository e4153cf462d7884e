package io.leadhub.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static io.leadhub.ops.HubProcesses.awaitUp;
import static io.leadhub.ops.HubProcesses.freePort;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.leadhub.LeadhubApplication;
import io.leadhub.ProcessLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The hub as a separate process, killed with SIGKILL at a random moment while leads from the API and a dropped
 * file are in flight, then restarted on the same data: every accepted lead ends enriched and scored exactly once, and no
 * provider question is paid for twice beyond the calls in flight at the kill. Trials (kill points):
 * {@code -Dleadhub.crash.trials=N} (default 2; raise it for a soak outside CI), and in Kafka mode
 * {@code -Dleadhub.crash.kafka-trials=N} (default 1).
 */
@ProcessLevel
class CrashRecoveryTest {

    private static final int API_LEADS = 150;
    private static final int FILE_LEADS = 150;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyAcceptedLeadEndsEnrichedExactlyOnceAcrossKills() throws Exception {
        int trials = Integer.getInteger("leadhub.crash.trials", 2);
        var random = new Random(Long.getLong("leadhub.crash.seed", 20261123L));
        for (int trial = 0; trial < trials; trial++) {
            runTrial(work.resolve("trial-" + trial), trial, 400 + random.nextInt(2500), List.of());
        }
    }

    /** The same in Kafka mode: the stage hand-offs are on an in-process broker that outlives the hub. */
    @Test
    void everyAcceptedLeadEndsEnrichedExactlyOnceAcrossKillsInKafkaMode() throws Exception {
        int trials = Integer.getInteger("leadhub.crash.kafka-trials", 1);
        var random = new Random(Long.getLong("leadhub.crash.seed", 20261123L) + 1);
        var broker = new EmbeddedKafkaKraftBroker(1, 4);
        broker.afterPropertiesSet();
        try {
            for (int trial = 0; trial < trials; trial++) {
                var t = "k" + trial;
                runTrial(work.resolve("kafka-trial-" + trial), 100 + trial, 400 + random.nextInt(2500), List.of(
                        "--leadhub.queue=kafka", "--leadhub.kafka.brokers=" + broker.getBrokersAsString(),
                        "--leadhub.kafka.partitions=4", "--leadhub.kafka.group-id=crash-" + t,
                        "--leadhub.kafka.topics.received=" + t + ".received", "--leadhub.kafka.topics.enriched=" + t + ".enriched",
                        "--leadhub.kafka.topics.qualified=" + t + ".qualified"));
            }
        } finally {
            broker.destroy();
        }
    }

    private void runTrial(Path dir, int trial, long killAfterMillis, List<String> mode) throws Exception {
        var vendor = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        vendor.start();
        // a company provider slow enough that work is in flight when the hub dies
        vendor.stubFor(get(urlPathEqualTo("/company")).willReturn(aResponse().withStatus(200).withFixedDelay(40)
                .withHeader("Content-Type", "application/json").withBody("{\"name\": \"Crash Co\", \"employees\": 120}")));
        int dbPort = freePort();
        int httpPort = freePort();
        var inbox = Files.createDirectories(dir.resolve("inbox"));
        Process hub = start(dir, vendor, dbPort, httpPort, mode);
        try {
            awaitUp(httpPort);
            var accepted = new ArrayList<String>();
            Files.writeString(inbox.resolve("crash-" + trial + ".csv"), csv(trial), StandardCharsets.UTF_8);
            long started = System.nanoTime();
            for (int from = 0; from < API_LEADS; from += 25) {
                var body = new StringBuilder("[");
                for (int i = from; i < from + 25; i++) {
                    body.append(i == from ? "" : ",").append("{\"email\":\"api").append(i).append("@t").append(trial)
                            .append("-co").append(i % 40).append(".com\"}");
                }
                try {
                    var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/api/leads"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body + "]")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 202) {
                        for (int i = from; i < from + 25; i++) {
                            accepted.add("api" + i + "@t" + trial + "-co" + (i % 40) + ".com");
                        }
                    }
                } catch (IOException e) {
                    break; // the hub is gone: these were not accepted
                }
                if ((System.nanoTime() - started) / 1_000_000 > killAfterMillis) {
                    break;
                }
            }
            await().pollDelay(Duration.ofMillis(Math.max(0, killAfterMillis - (System.nanoTime() - started) / 1_000_000)))
                    .atMost(Duration.ofSeconds(10)).until(() -> true);
            hub.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no orderly stop

            hub = start(dir, vendor, dbPort, httpPort, mode);
            awaitUp(httpPort);
            for (int i = 0; i < FILE_LEADS; i++) {
                accepted.add("file" + i + "@t" + trial + "-co" + (i % 40) + ".com");
            }
            try (var db = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postgres", "postgres",
                    // the embedded PostgreSQL's generated password, kept beside its data directory
                    Files.readString(dir.resolve("pg.password")).strip())) {
                await().atMost(Duration.ofSeconds(120)).until(() -> count(db, """
                        SELECT count(*) FROM lead WHERE status = 'scored' AND email = ANY(?)""", accepted) == accepted.size());
                // exactly once: one lead row and one profile per accepted lead, nothing else stored
                assertThat(count(db, "SELECT count(*) FROM lead", null)).isEqualTo(accepted.size());
                assertThat(count(db, "SELECT count(*) FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email = ANY(?)", accepted))
                        .isEqualTo(accepted.size());
                // and scored: a lead enriched just before the kill is scored after the restart, once
                assertThat(count(db, "SELECT count(*) FROM lead_score s JOIN lead l ON l.id = s.lead_id WHERE l.email = ANY(?)", accepted))
                        .isEqualTo(accepted.size());
                // each company asked once, apart from questions in flight at the kill (at most the call concurrency)
                long domains = count(db, "SELECT count(DISTINCT request_key) FROM provider_call", null);
                long calls = count(db, "SELECT count(*) FROM provider_call", null);
                assertThat(domains).isEqualTo(40);
                assertThat(calls - domains).isLessThanOrEqualTo(32);
                // requests the ledger does not know of (retries of a slow answer under load are in it as attempts):
                // only those in flight at the kill
                long attempts = count(db, "SELECT coalesce(sum(attempts), 0) FROM provider_call", null);
                assertThat(vendor.getAllServeEvents().size() - attempts).isLessThanOrEqualTo(32);
            }
        } finally {
            // an orderly stop at the end, so the embedded PostgreSQL stops with it
            hub.destroy();
            if (!hub.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor();
            }
            vendor.stop();
        }
    }

    private static String csv(int trial) {
        var csv = new StringBuilder("Email,First Name\n");
        for (int i = 0; i < FILE_LEADS; i++) {
            csv.append("file").append(i).append("@t").append(trial).append("-co").append(i % 40).append(".com,File").append(i).append('\n');
        }
        return csv.toString();
    }

    private Process start(Path dir, WireMockServer vendor, int dbPort, int httpPort, List<String> mode) throws IOException {
        var p = "--leadhub.providers.crash-company.";
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), LeadhubApplication.class.getName(),
                "--server.port=" + httpPort,
                "--leadhub.scheduler-name=crash-test",
                "--leadhub.embedded-postgres.data-dir=" + dir.resolve("pg"),
                "--leadhub.embedded-postgres.port=" + dbPort,
                "--leadhub.inbox.dir=" + dir.resolve("inbox"),
                "--leadhub.inbox.stable-check-interval=100", "--leadhub.inbox.min-age=100",
                // the file's claim held by the killed hub lapses by the time the new one is up
                "--leadhub.inbox.claim-timeout=2000", "--leadhub.inbox.claim-heartbeat=500",
                "--leadhub.ingest.chunk-size=20",
                "--leadhub.enrichment.batch-size=20", "--leadhub.enrichment.batch-timeout=100",
                "--leadhub.enrichment.sweep-age=2000", "--leadhub.enrichment.sweep-interval=1000",
                // the stage leases of the killed hub lapse soon after the new one is up (Kafka: the topic's marks too)
                "--leadhub.stages.lease-timeout=3000", "--leadhub.stages.lease-heartbeat=1000",
                "--leadhub.stages.queued-lease-timeout=5000",
                "--leadhub.scoring.rules-dir=" + dir.resolve("rules"),
                "--leadhub.personalization.enabled=false",
                p + "type=http", p + "base-url=" + vendor.baseUrl(), p + "url-template=/company?domain={domain}",
                p + "api-key=crash", p + "signals=company", p + "rate=200", p + "timeout=2000",
                p + "mapping.company_name=/name", p + "mapping.company_employees=/employees"));
        command.addAll(mode);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("hub.log").toFile())).start();
    }


    private static long count(java.sql.Connection db, String sql, List<String> emails) throws Exception {
        try (var statement = db.prepareStatement(sql)) {
            if (emails != null) {
                statement.setArray(1, db.createArrayOf("text", emails.toArray()));
            }
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

}
