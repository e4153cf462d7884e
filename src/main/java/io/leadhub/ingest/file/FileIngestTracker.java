package io.leadhub.ingest.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Clock;

import javax.sql.DataSource;

import io.leadhub.ingest.IngestOutcome;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.commons.csv.CSVFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each dropped file's progress (rows read, accepted, rejected) in ingest_file, visible through
 * GET /api/ingest/files while the file runs, and writes the file's rejection report beside it at the end.
 */
@Component
public class FileIngestTracker {

    private static final Logger log = LoggerFactory.getLogger(FileIngestTracker.class);
    private static final int REPORT_FETCH_SIZE = 1000;

    private final JdbcClient jdbc;
    /** Reads a result in pages of REPORT_FETCH_SIZE rows when used in a transaction. */
    private final JdbcClient pagedJdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final InboxProperties inbox;
    private final InboxPollWatch pollWatch;

    public FileIngestTracker(JdbcClient jdbc, DataSource dataSource, TransactionTemplate tx, Clock clock,
                             InboxProperties inbox, InboxPollWatch pollWatch) {
        this.pollWatch = pollWatch;
        this.jdbc = jdbc;
        var paged = new JdbcTemplate(dataSource);
        paged.setFetchSize(REPORT_FETCH_SIZE);
        this.pagedJdbc = JdbcClient.create(paged);
        this.tx = tx;
        this.clock = clock;
        this.inbox = inbox;
    }

    /** Registers the file (or finds it again after a crash: same name, size and time) and returns its id. */
    public long begin(@Header("CamelFileName") String name, @Header("CamelFileLength") long size,
                      @Header("CamelFileLastModified") long lastModified) {
        var now = Timestamp.from(clock.instant());
        long id = jdbc.sql("""
                        INSERT INTO ingest_file (name, size_bytes, last_modified, workspace, status, started_at, updated_at)
                        VALUES (:name, :size, :lastModified, :workspace, 'running', :now, :now)
                        ON CONFLICT (name, size_bytes, last_modified) DO UPDATE
                            SET status = 'running', rows_read = 0, accepted = 0, rejected = 0, error = NULL,
                                started_at = :now, updated_at = :now, finished_at = NULL
                        RETURNING id""")
                .param("name", name).param("size", size).param("lastModified", lastModified)
                .param("workspace", inbox.workspace()).param("now", now)
                .query(Long.class).single();
        log.info("Ingesting file {} ({} bytes) as ingest file {}", name, size, id);
        return id;
    }

    public void progress(@Header("leadhubFileId") long fileId, @Header("CamelFileName") String name,
                         @Body IngestOutcome outcome) {
        pollWatch.touch(); // a large file keeps its poll busy for long: progress is a sign of life too
        long accepted = outcome.accepted().size();
        long rejected = outcome.rejected().size();
        long total = jdbc.sql("""
                        UPDATE ingest_file SET rows_read = rows_read + :rows, accepted = accepted + :accepted,
                               rejected = rejected + :rejected, updated_at = :now WHERE id = :id
                        RETURNING rows_read""")
                .param("rows", accepted + rejected).param("accepted", accepted).param("rejected", rejected)
                .param("now", Timestamp.from(clock.instant())).param("id", fileId)
                .query(Long.class).single();
        long before = total - accepted - rejected;
        if (before / inbox.progressEvery() != total / inbox.progressEvery()) {
            log.info("File {}: {} rows read", name, total);
        }
    }

    public void finish(@Header("leadhubFileId") long fileId, @Header("CamelFileName") String name) {
        var report = writeReport(fileId, name, ".done");
        jdbc.sql("UPDATE ingest_file SET status = 'done', finished_at = :now, updated_at = :now, report_path = :report WHERE id = :id")
                .param("now", Timestamp.from(clock.instant())).param("report", report).param("id", fileId).update();
        var counts = jdbc.sql("SELECT rows_read, accepted, rejected FROM ingest_file WHERE id = :id").param("id", fileId)
                .query((rs, n) -> rs.getLong(1) + " rows, " + rs.getLong(2) + " accepted, " + rs.getLong(3) + " rejected")
                .single();
        log.info("File {} done: {}{}", name, counts, report == null ? "" : "; rejections in " + report);
    }

    public void fail(@Header("leadhubFileId") Long fileId, @Header("CamelFileName") String name,
                     @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error) {
        var reason = error == null ? "unknown error" : error.getMessage();
        log.warn("File {} moved to .error: {}", name, reason);
        if (fileId == null) {
            return;
        }
        var report = writeReport(fileId, name, ".error");
        jdbc.sql("""
                        UPDATE ingest_file SET status = 'error', error = :error, finished_at = :now, updated_at = :now,
                               report_path = :report WHERE id = :id""")
                .param("error", reason).param("now", Timestamp.from(clock.instant())).param("report", report)
                .param("id", fileId).update();
    }

    /** name.rejections.csv (line, reason, raw line) in the folder the file moves to, or null when nothing was rejected. */
    private String writeReport(long fileId, String name, String folder) {
        var count = jdbc.sql("SELECT count(*) FROM ingest_rejection WHERE file_id = :id").param("id", fileId)
                .query(Long.class).single();
        if (count == 0) {
            return null;
        }
        var target = inbox.dir().resolve(folder).resolve(name + ".rejections.csv");
        try {
            Files.createDirectories(target.getParent());
            try (var out = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
                 var printer = CSVFormat.DEFAULT.builder().setHeader("line", "reason", "raw").get().print(out)) {
                // Without a transaction and a fetch size, PostgreSQL's driver reads the whole result before the first
                // row: a file of a million rejected rows took more heap than the hub has. In pages, it streams.
                // Chunks are stored in parallel: order by the line number, not by insertion.
                tx.executeWithoutResult(status -> pagedJdbc.sql("""
                                SELECT position, reason, raw FROM ingest_rejection WHERE file_id = :id
                                ORDER BY CAST(NULLIF(substring(position FROM '[0-9]+'), '') AS bigint) NULLS LAST, id""")
                        .param("id", fileId)
                        .query(rs -> {
                            try {
                                var position = rs.getString(1);
                                printer.printRecord(position.startsWith("line ") ? position.substring(5) : position,
                                        rs.getString(2), rs.getString(3));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return target.toString();
    }

}
