package io.leadhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

import io.leadhub.SharedHubTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Files that used to stop the inbox: a runaway quote, UTF-16 without a mark, an empty file, a dead consumer. */
class HostileFileTest extends SharedHubTest {

    @Autowired
    CamelContext camel;

    @Test
    void anUnclosedQuoteRejectsItsLineTheRestIsReadAndTheNextFileToo() throws IOException {
        var csv = new StringBuilder("Email,First Name,Notes\n");
        for (int line = 2; line <= 2001; line++) {
            csv.append(line == 10 ? "quote" + line + "@runaway.io,\"Jane,unclosed\n"
                    : "row" + line + "@runaway.io,Row,notes of row " + line + " " + "n".repeat(60) + "\n");
        }
        dropIntoInbox("runaway.csv", csv.toString().getBytes(StandardCharsets.UTF_8)).await(Duration.ofSeconds(120));
        assertThat(inboxFileStatus("runaway.csv")).isEqualTo("done");

        var counts = jdbc.sql("SELECT rows_read, accepted, rejected FROM ingest_file WHERE name = 'runaway.csv'")
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        assertThat(counts).containsExactly(2000, 1999, 1);
        assertThat(jdbc.sql("SELECT r.position || ' ' || r.reason FROM ingest_rejection r JOIN ingest_file f ON f.id = r.file_id "
                + "WHERE f.name = 'runaway.csv'").query(String.class).single())
                .startsWith("line 10 line 10: a field or record longer than 65536 characters");
        assertThat(leadCount("email LIKE '%@runaway.io'")).isEqualTo(1999);

        dropIntoInbox("after-runaway.csv", "Email\nnext.file@runaway-after.io\n".getBytes(StandardCharsets.UTF_8))
                .await(Duration.ofSeconds(30));
        assertThat(leadCount("email = 'next.file@runaway-after.io'")).isEqualTo(1);
    }

    @Test
    void utf16WithoutAByteOrderMarkIsRead() throws IOException {
        dropIntoInbox("unicode-text.csv", "Email,First Name\nzoe@utf16-nobom.io,Zoë\n".getBytes(StandardCharsets.UTF_16LE))
                .await(Duration.ofSeconds(30));
        assertThat(inboxFileStatus("unicode-text.csv")).isEqualTo("done");
        assertThat(jdbc.sql("SELECT first_name FROM lead WHERE email = 'zoe@utf16-nobom.io'").query(String.class).single())
                .isEqualTo("Zoë");
    }

    @Test
    void anEmptyFileLeavesTheInboxWithAReason() throws IOException {
        dropIntoInbox("empty.csv", new byte[0]).await(Duration.ofSeconds(30));
        assertThat(WORK.resolve("inbox/.error/empty.csv")).exists();
        assertThat(inboxFileStatus("empty.csv")).isEqualTo("error");
        assertThat(Files.exists(WORK.resolve("inbox/empty.csv"))).isFalse();
        var files = readJson(get("/api/ingest/files"));
        assertThat(files.toString()).contains("empty.csv").contains("the file is empty");
    }

    @Test
    void healthIsDownWhileTheInboxConsumerIsStopped() throws Exception {
        assertThat(readJson(get("/actuator/health")).path("components").path("inbox").path("status").asText()).isEqualTo("UP");
        camel.getRouteController().stopRoute("ingest-file-drop");
        try {
            var health = get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(503);
            var inbox = readJson(health).path("components").path("inbox");
            assertThat(inbox.path("status").asText()).isEqualTo("DOWN");
            assertThat(inbox.path("details").path("reason").asText()).contains("the inbox consumer is not running");
        } finally {
            camel.getRouteController().startRoute("ingest-file-drop");
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                readJson(get("/actuator/health")).path("components").path("inbox").path("status").asText().equals("UP"));
    }
}
