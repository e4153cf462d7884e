package io.leadhub.ingest;

import static io.leadhub.RouteDone.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

class FileDropTest extends SharedHubTest {

    private static final String BOM = "\uFEFF";

    private long fileStatusCount(String name, String status) {
        return jdbc.sql("SELECT count(*) FROM ingest_file WHERE name = :name AND status = :status")
                .param("name", name).param("status", status).query(Long.class).single();
    }

    @Test
    void nastyCsvGivesExactCountsReasonsAndAReportBesideTheDoneFile() throws IOException {
        var csv = BOM + String.join("\r\n",
                "Work Email;First Name;Last Name;Job Title;Company;Website;Phone;Country;Lead Score",
                "ana@tecnologia.com.br;Ana;Souza;CFO;Tecnologia Ltda;https://tecnologia.com.br;(11) 3456-7890;Brazil;40",
                "\"jürgen@beispiel-gmbh.de\";Jürgen;Müller;\"Leiter\nVertrieb\";Beispiel GmbH;;030 1234567;Germany;12",
                "not-an-email;Zoë;;;;;;;",
                "li.wei@shop.cn;Wei;Li;CEO;Shop;;;China;1;surplus;values;here",
                ";;;;;;;;",
                ";Sato;Haruto;Engineer;Nihon KK;nihon.co.jp;;Japan;5",
                "ANA@tecnologia.com.br;Ana;Souza;;Tecnologia Ltda;;;Brazil;41",
                "taro@gmail.com;Taro;Yamada;;;;;JP;",
                "; Pat ;Jones;;;;;;");
        dropIntoInbox("nasty.csv", csv.getBytes(StandardCharsets.UTF_8)).await(Duration.ofSeconds(30));

        assertThat(WORK.resolve("inbox/.done/nasty.csv")).exists();
        assertThat(fileStatusCount("nasty.csv", "done")).isEqualTo(1);

        var counts = jdbc.sql("SELECT rows_read, accepted, rejected FROM ingest_file WHERE name = 'nasty.csv'")
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        // 8 data rows (the row of empty cells is skipped): 5 accepted, 3 rejected; the duplicate Ana is one lead
        assertThat(counts).containsExactly(8, 5, 3);
        var report = Files.readAllLines(WORK.resolve("inbox/.done/nasty.csv.rejections.csv"), StandardCharsets.UTF_8);
        assertThat(report.get(0)).isEqualTo("line,reason,raw");
        assertThat(String.join("\n", report))
                .contains("5,invalid email 'not-an-email' and no company")
                .contains("6,\"line 6: 12 columns, header has 9")
                .contains("11,missing email and no company")
                .hasLineCount(4);

        var ana = jdbc.sql("SELECT count(*) FROM lead WHERE email = 'ana@tecnologia.com.br'").query(Long.class).single();
        assertThat(ana).isEqualTo(1);
        var jurgen = jdbc.sql("SELECT first_name, last_name, title, phone, country, company_domain FROM lead WHERE email = 'jürgen@beispiel-gmbh.de'")
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)})
                .single();
        assertThat(jurgen).containsExactly("Jürgen", "Müller", "Leiter\nVertrieb", "+49301234567", "DE", "beispiel-gmbh.de");
        var taro = jdbc.sql("SELECT company_domain FROM lead WHERE email = 'taro@gmail.com'").query(String.class).optional();
        assertThat(taro).isEmpty();
        assertThat(jdbc.sql("SELECT attributes->>'Lead Score' FROM lead WHERE email = 'ana@tecnologia.com.br'")
                .query(String.class).single()).isEqualTo("40");
        assertThat(jdbc.sql("SELECT count(*) FROM lead WHERE full_name = 'Sato Haruto' AND company_domain = 'nihon.co.jp'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aFileStillBeingWrittenIsReadOnlyOnceComplete() throws Exception {
        var target = Files.createDirectories(WORK.resolve("inbox")).resolve("growing.csv");
        var read = whenRouteDone("ingest-file-drop", file("growing.csv"));
        int rows = 60;
        var writer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try (var out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            out.write("Email,Company\n");
            out.flush();
            var written = new java.util.concurrent.atomic.AtomicInteger();
            // a slow producer: one row every 20 ms, so the file changes for over a second
            var task = writer.scheduleAtFixedRate(() -> {
                try {
                    int i = written.getAndIncrement();
                    if (i < rows) {
                        out.write("row" + i + "@growing-co.com,Growing Co\n");
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, 0, 20, java.util.concurrent.TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> written.get() >= rows);
            task.cancel(false);
        } finally {
            writer.shutdownNow();
        }
        read.await(Duration.ofSeconds(30));
        assertThat(fileStatusCount("growing.csv", "done")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT rows_read FROM ingest_file WHERE name = 'growing.csv'").query(Long.class).list())
                .containsExactly((long) rows);
        assertThat(leadCount("email LIKE '%@growing-co.com'")).isEqualTo(rows);
    }

    @Test
    void excelSeparatorHintLineIsHonoured() throws IOException {
        dropIntoInbox("hinted.csv", "sep=;\r\nE-mail;Name;Company\r\nhint@hinted.io;Hin Ted;Hinted, Inc.\r\n;Bad Row;\r\n"
                .getBytes(StandardCharsets.UTF_8)).await(Duration.ofSeconds(30));
        assertThat(fileStatusCount("hinted.csv", "done")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT company_name FROM lead WHERE email = 'hint@hinted.io'").query(String.class).single())
                .isEqualTo("Hinted, Inc.");
        assertThat(jdbc.sql("SELECT position FROM ingest_rejection r JOIN ingest_file f ON f.id = r.file_id WHERE f.name = 'hinted.csv'")
                .query(String.class).single()).isEqualTo("line 4");
    }

    @Test
    void aReportWithTitleLinesAboveTheHeaderIsRead() throws IOException {
        dropIntoInbox("report.csv", "Leads Report\nGenerated 2026-11-20 by Jo\n\nFirst Name;Last Name;Email;Company\nEva;Lind;eva@nordic-co.se;Nordic AB\n"
                .getBytes(StandardCharsets.UTF_8)).await(Duration.ofSeconds(30));
        assertThat(fileStatusCount("report.csv", "done")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT full_name FROM lead WHERE email = 'eva@nordic-co.se'").query(String.class).single())
                .isEqualTo("Eva Lind");
        assertThat(jdbc.sql("SELECT position FROM source_record WHERE source = 'file:report.csv'").query(String.class).single())
                .isEqualTo("line 5");
    }

    @Test
    void excelWindowsExportInCp1252IsReadWithItsAccents() throws IOException {
        var csv = "Email,Name,Company\r\nrene@societe.fr,René Lefèvre,Société Générale SA\r\n";
        dropIntoInbox("excel.csv", csv.getBytes(Charset.forName("windows-1252"))).await(Duration.ofSeconds(30));
        assertThat(fileStatusCount("excel.csv", "done")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT full_name || '|' || company_name_normalized FROM lead WHERE email = 'rene@societe.fr'")
                .query(String.class).single()).isEqualTo("René Lefèvre|societe generale");
    }

    @Test
    void ndjsonWithABrokenLineRejectsOnlyThatLine() throws IOException {
        var ndjson = """
                {"email":"n1@ndjson-co.com","company":"NDJSON Co"}
                {"email":"n2@ndjson-co.com",
                {"email":"n3@ndjson-co.com","firstName":"Third"}
                """;
        dropIntoInbox("stream.ndjson", ndjson.getBytes(StandardCharsets.UTF_8)).await(Duration.ofSeconds(30));
        assertThat(fileStatusCount("stream.ndjson", "done")).isEqualTo(1);
        assertThat(leadCount("email LIKE '%@ndjson-co.com'")).isEqualTo(2);
        assertThat(jdbc.sql("SELECT reason FROM ingest_rejection r JOIN ingest_file f ON f.id = r.file_id WHERE f.name = 'stream.ndjson'")
                .query(String.class).single()).startsWith("line 2: not JSON");
    }

    @Test
    void jsonArrayWrappedInAnObjectIsStreamed() throws IOException {
        var body = new StringBuilder("{\"meta\":{\"export\":\"crm\"},\"data\":[");
        for (int i = 0; i < 10; i++) {
            body.append(i == 0 ? "" : ",").append("{\"Email\":\"w").append(i).append("@wrapped.io\",\"Company\":\"Wrapped\"}");
        }
        dropIntoInbox("wrapped.json", body.append("]}").toString().getBytes(StandardCharsets.UTF_8)).await(Duration.ofSeconds(30));
        assertThat(fileStatusCount("wrapped.json", "done")).isEqualTo(1);
        assertThat(leadCount("email LIKE '%@wrapped.io'")).isEqualTo(10);
    }

    @Test
    void fileWithoutALeadColumnMovesToErrorWithAReason() throws IOException {
        dropIntoInbox("inventory.csv", "sku,qty\nA-1,4\n".getBytes(StandardCharsets.UTF_8)).await(Duration.ofSeconds(30));
        assertThat(WORK.resolve("inbox/.error/inventory.csv")).exists();
        assertThat(fileStatusCount("inventory.csv", "error")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT error FROM ingest_file WHERE name = 'inventory.csv'").query(String.class).single())
                .contains("no column of the header names a lead field").contains("sku,qty");
        var files = readJson(get("/api/ingest/files"));
        assertThat(files.findValuesAsText("name")).contains("inventory.csv");
    }
}
