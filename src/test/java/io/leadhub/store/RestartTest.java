package io.leadhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.leadhub.LeadhubApplication;
import io.leadhub.ProcessLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The hub restarted on the same data directory keeps its leads and ingests nothing twice. */
@ProcessLevel
class RestartTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LeadhubApplication.class).run(
                "--server.port=0",
                "--leadhub.scheduler-name=restart-test",
                "--leadhub.embedded-postgres.data-dir=" + dataDir.resolve("pg"),
                "--leadhub.inbox.dir=" + dataDir.resolve("inbox"),
                "--leadhub.inbox.stable-check-interval=100",
                "--leadhub.inbox.min-age=100");
    }

    private HttpResponse<String> postLeads(ConfigurableApplicationContext context, String body) throws Exception {
        int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/leads"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "restart-batch-1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(ConfigurableApplicationContext context, String sql) {
        return context.getBean(JdbcClient.class).sql(sql).query(Long.class).single();
    }

    @Test
    void leadsSurviveARestartAndNothingIsIngestedTwice() throws Exception {
        var body = "[{\"email\":\"keep@restart-co.com\",\"company\":\"Restart Co\"},{\"email\":\"also@restart-co.com\"}]";
        var inbox = Files.createDirectories(dataDir.resolve("inbox"));
        try (var first = start()) {
            assertThat(postLeads(first, body).statusCode()).isEqualTo(202);
            Files.writeString(inbox.resolve("restart.csv"), "Email,Company\nfile@restart-co.com,Restart Co\n", StandardCharsets.UTF_8);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done/restart.csv")));
            assertThat(count(first, "SELECT count(*) FROM lead")).isEqualTo(3);
        }
        // dropped while the hub was down: picked up at start
        Files.writeString(inbox.resolve("while-down.csv"), "Email\nlate@restart-co.com\n", StandardCharsets.UTF_8);

        try (var second = start()) {
            assertThat(count(second, "SELECT count(*) FROM lead WHERE email = 'keep@restart-co.com'")).isEqualTo(1);
            var again = postLeads(second, body);
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(again.body()).contains("\"repeatDelivery\":true").doesNotContain("\"repeatDelivery\":false");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done/while-down.csv")));
            assertThat(count(second, "SELECT count(*) FROM lead")).isEqualTo(4);
            assertThat(count(second, "SELECT count(*) FROM source_record")).isEqualTo(4);
            assertThat(count(second, "SELECT count(*) FROM ingest_file WHERE name = 'restart.csv'")).isEqualTo(1);
            // no provider is configured here (the defaults): leads still go on and are scored by the default rules,
            // their profile saying why it holds nothing more than they came with
            await().atMost(Duration.ofSeconds(30)).until(() -> count(second, "SELECT count(*) FROM lead WHERE status = 'scored'") == 4);
            assertThat(count(second, "SELECT count(*) FROM lead_profile WHERE signals_missed::text LIKE '%no enrichment provider is configured%'"))
                    .isEqualTo(4);
            assertThat(count(second, "SELECT count(*) FROM lead_score s JOIN lead l ON l.id = s.lead_id WHERE l.email = 'keep@restart-co.com'"))
                    .isEqualTo(1);
        }
    }
}
