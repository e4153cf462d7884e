package io.leadhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

/**
 * One poison record never costs the others: control characters are stripped, an over-long value rejects its own
 * record, a record the database refuses becomes its rejection, and a failure of the whole step is answered (a
 * JSON body, a failed file) instead of an empty 500 or a file "running" for ever.
 */
class PoisonRecordTest extends SharedHubTest {

    @Test
    void nulInValuesAttributeNamesAndTheRawRecordIsStrippedAndEveryLeadIsStored() {
        var response = postJson("/api/leads", """
                [{"email":"nul.one@poison.io","first_name":"Ni\\u0000na","notes":"a\\u0000b\\u0007c","k\\u0000ey":"v"},
                 {"email":"nul.two@poison.io","first_name":"Two"}]""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(readJson(response).path("acceptedCount").asInt()).isEqualTo(2);
        var lead = jdbc.sql("SELECT first_name, attributes->>'notes', attributes->>'key' FROM lead WHERE email = 'nul.one@poison.io'")
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}).single();
        assertThat(lead).containsExactly("Nina", "abc", "v");
        var raw = jdbc.sql("SELECT s.raw FROM source_record s JOIN lead l ON l.id = s.lead_id WHERE l.email = 'nul.one@poison.io'")
                .query(String.class).single();
        assertThat(raw).contains("nul.one@poison.io").doesNotContain("\u0000");
    }

    @Test
    void anOverLongValueRejectsOnlyItsRecordWithTheReason() {
        var response = postJson("/api/leads", "[{\"email\":\"long.name@poison.io\",\"first_name\":\"" + "x".repeat(5000)
                + "\"},{\"email\":\"short.name@poison.io\"}]");

        assertThat(response.statusCode()).isEqualTo(202);
        var body = readJson(response);
        assertThat(body.path("acceptedCount").asInt()).isEqualTo(1);
        assertThat(body.path("rejected").get(0).path("position").asText()).isEqualTo("index 0");
        assertThat(body.path("rejected").get(0).path("reason").asText())
                .isEqualTo("firstName is 5000 characters long; the limit is 200");
        assertThat(leadCount("email = 'short.name@poison.io'")).isEqualTo(1);
        assertThat(leadCount("email = 'long.name@poison.io'")).isZero();
    }

    @Test
    void anOverLongIdempotencyKeyOrWorkspaceIsRefusedWithAReason() {
        var key = post("/api/leads", "application/json", "{\"email\":\"key.long@poison.io\"}",
                Map.of("Idempotency-Key", "k".repeat(500)));
        assertThat(key.statusCode()).isEqualTo(400);
        assertThat(readJson(key).path("error").asText()).contains("the limit is 255 (leadhub.api.max-idempotency-key-length)");

        var workspace = postJson("/api/leads?workspace=" + "w".repeat(150), "{\"email\":\"ws.long@poison.io\"}");
        assertThat(workspace.statusCode()).isEqualTo(400);
        assertThat(readJson(workspace).path("error").asText()).contains("workspace must be 1 to 63");
        assertThat(leadCount("email IN ('key.long@poison.io', 'ws.long@poison.io')")).isZero();
    }

    @Test
    void aRecordTheDatabaseRefusesBecomesItsRejectionAndTheOthersAreStored() {
        // a real refusal by PostgreSQL for one record only (a check constraint on its raw text)
        refuse("source_record", "db-refuses-this");
        try {
            var response = postJson("/api/leads", """
                    [{"email":"db.ok1@poison.io"},{"email":"db.bad@poison.io","note":"db-refuses-this"},{"email":"db.ok2@poison.io"}]""");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            var body = readJson(response);
            assertThat(body.path("acceptedCount").asInt()).isEqualTo(2);
            assertThat(body.path("rejected").get(0).path("position").asText()).isEqualTo("index 1");
            assertThat(body.path("rejected").get(0).path("reason").asText()).startsWith("the record could not be stored: ")
                    .contains("poison_test_source_record");
            assertThat(leadCount("email IN ('db.ok1@poison.io', 'db.ok2@poison.io')")).isEqualTo(2);
            assertThat(leadCount("email = 'db.bad@poison.io'")).isZero();
        } finally {
            allow("source_record");
        }
    }

    @Test
    void aFailureOfTheWholeStepIsAnsweredWithAJsonBody() {
        // the record is refused, and so is its rejection: nothing of the batch can be stored
        refuse("source_record", "whole-step-fails");
        refuse("ingest_rejection", "whole-step-fails");
        try {
            var response = postJson("/api/leads", "[{\"email\":\"whole.step@poison.io\",\"note\":\"whole-step-fails\"}]");

            assertThat(response.statusCode()).isEqualTo(503);
            var body = readJson(response);
            assertThat(body.path("status").asInt()).isEqualTo(503);
            assertThat(body.path("error").asText()).contains("retry later");
        } finally {
            allow("source_record");
            allow("ingest_rejection");
        }
    }

    @Test
    void aFileWithANulAfterTheFirstChunksIsReadWhole() throws IOException {
        var csv = new StringBuilder("Email,First Name,Notes\n");
        var padding = "p".repeat(250); // beyond the 64 KiB the charset sniffer looks at
        for (int line = 2; line <= 300; line++) {
            var name = line == 290 ? "Nu\u0000ll" : "Row" + line;
            csv.append("row").append(line).append("@nulfile.io,").append(name).append(',').append(padding).append('\n');
        }
        dropIntoInbox("nul-late.csv", csv.toString().getBytes(StandardCharsets.UTF_8)).await(Duration.ofSeconds(60));
        assertThat(inboxFileStatus("nul-late.csv")).isEqualTo("done");
        assertThat(leadCount("email LIKE '%@nulfile.io'")).isEqualTo(299);
        assertThat(jdbc.sql("SELECT first_name FROM lead WHERE email = 'row290@nulfile.io'").query(String.class).single())
                .isEqualTo("Null");
    }

    @Test
    void aFileWhoseStepFailsIsMarkedFailedNotRunning() throws IOException {
        refuse("source_record", "file-step-fails");
        refuse("ingest_rejection", "file-step-fails");
        try {
            dropIntoInbox("step-fails.csv", "Email,Notes\nfile.ok@stepfails.io,fine\nfile.bad@stepfails.io,file-step-fails\n"
                    .getBytes(StandardCharsets.UTF_8)).await(Duration.ofSeconds(30));
            assertThat(WORK.resolve("inbox/.error/step-fails.csv")).exists();
            assertThat(inboxFileStatus("step-fails.csv")).isEqualTo("error");
            assertThat(jdbc.sql("SELECT error FROM ingest_file WHERE name = 'step-fails.csv'").query(String.class).single())
                    .isNotBlank();
            var files = readJson(get("/api/ingest/files"));
            assertThat(files.toString()).contains("step-fails.csv");
        } finally {
            allow("source_record");
            allow("ingest_rejection");
        }
    }

    private void refuse(String table, String marker) {
        jdbc.sql("ALTER TABLE " + table + " ADD CONSTRAINT poison_test_" + table + " CHECK (raw NOT LIKE '%" + marker + "%') NOT VALID")
                .update();
    }

    private void allow(String table) {
        jdbc.sql("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS poison_test_" + table).update();
    }
}
