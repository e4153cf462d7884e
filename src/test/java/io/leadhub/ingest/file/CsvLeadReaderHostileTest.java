package io.leadhub.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.leadhub.ingest.LeadField;
import io.leadhub.ingest.RawRecord;
import org.junit.jupiter.api.Test;

/** The CSV reader against files that break parsers: runaway quotes, endless lines, UTF-16 without a mark. */
class CsvLeadReaderHostileTest {

    private static final int MAX = 64 * 1024;
    private static final FileContext CONTEXT = new FileContext("file:test.csv", "default", 1, 500);

    /**
     * A generated file of about 50 MB with an unclosed quote at line 10: without a bound the parser read the rest
     * as one field (out of memory under -Xmx256m). The guard never holds more than about twice the limit, the
     * broken line is the only rejection, and every other row is read.
     */
    @Test
    void anUnclosedQuoteInA50MbFileRejectsItsLineAndEveryOtherRowIsReadInBoundedMemory() throws IOException {
        int rows = 1_000_000;
        var file = new GeneratedCsv(rows, 10);
        try (var reader = new CsvLeadReader(file, CONTEXT, Map.of(), MAX)) {
            long accepted = 0;
            var rejected = new ArrayList<RawRecord>();
            String lastEmail = null;
            while (reader.hasNext()) {
                for (var record : reader.next()) {
                    if (record.parseError() != null) {
                        rejected.add(record);
                    } else {
                        accepted++;
                        lastEmail = record.get(LeadField.EMAIL);
                    }
                }
            }
            assertThat(file.produced).isGreaterThan(50L * 1000 * 1000);
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).position()).isEqualTo("line 10");
            assertThat(rejected.get(0).parseError()).startsWith("line 10: a field or record longer than 65536 characters");
            assertThat(accepted).isEqualTo(rows - 1);
            assertThat(lastEmail).isEqualTo("user" + (rows + 1) + "@bulk.io");
            assertThat(reader.guard().largestBuffered()).isLessThanOrEqualTo(2 * MAX + 2);
        }
    }

    @Test
    void anUnclosedQuoteAndAnEndlessLineAreEachOneRejectionAndReadingGoesOn() throws IOException {
        var csv = "email,notes\n"
                + "a@x.io,fine\n"
                + "b@x.io,\"never closed\n"
                + "c@x.io,after the broken line\n"
                + "d@x.io," + "y".repeat(MAX + 10) + "\n"
                + "e@x.io,\"a quoted\nvalue on two lines\"\n"
                + "f@x.io,last\n"
                + ("g@x.io," + "z".repeat(1000) + "\n").repeat(100);
        var records = readAll(new StringReader(csv));
        assertThat(records.subList(0, 6)).extracting(RawRecord::position)
                .containsExactly("line 2", "line 3", "line 4", "line 5", "line 6", "line 8");
        assertThat(records.get(1).parseError()).startsWith("line 3: ");
        assertThat(records.get(2).get(LeadField.EMAIL)).isEqualTo("c@x.io");
        assertThat(records.get(3).parseError()).startsWith("line 5: a field or record longer than");
        assertThat(records.get(4).attributes()).containsEntry("notes", "a quoted\nvalue on two lines");
        assertThat(records.get(5).get(LeadField.EMAIL)).isEqualTo("f@x.io");
        assertThat(records).hasSize(106);
        assertThat(records.stream().filter(r -> r.parseError() != null)).hasSize(2);
    }

    @Test
    void aQuoteOpenedOnTheLastLinesIsRejectedAndTheLinesAfterItAreRead() throws IOException {
        var records = readAll(new StringReader("email,notes\na@x.io,\"open\nb@x.io,ok\nc@x.io,ok"));
        assertThat(records).extracting(RawRecord::position).containsExactly("line 2", "line 3", "line 4");
        assertThat(records.get(0).parseError()).contains("a quote opened on this line is never closed");
        assertThat(records.get(2).get(LeadField.EMAIL)).isEqualTo("c@x.io");
    }

    @Test
    void utf16WithoutAByteOrderMarkIsRecognisedInBothByteOrders() throws IOException {
        var text = "Email,First Name\nzoe@utf16.io,Zoë\n";
        for (var charset : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            var records = readAll(TextDecoding.open(new ByteArrayInputStream(text.getBytes(charset))));
            assertThat(records).hasSize(1);
            assertThat(records.get(0).get(LeadField.FIRST_NAME)).as(charset.name()).isEqualTo("Zoë");
        }
    }

    @Test
    void aStrayNulDoesNotMakeATextFileBinaryButAWorkbookIs() throws IOException {
        var text = "Email\n" + "row@x.io\n".repeat(200) + "nul\u0000@x.io\n";
        assertThat(readAll(TextDecoding.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))))).hasSize(201);
        var xlsx = new byte[]{'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0};
        assertThatThrownBy(() -> TextDecoding.open(new ByteArrayInputStream(xlsx)))
                .isInstanceOf(FileUnreadableException.class).hasMessageContaining("binary content");
    }

    @Test
    void aFileWithoutAnyLineBreakIsRefusedWithoutReadingItWhole() {
        var endless = new GeneratedCsv(0, -1) {
            @Override
            public int read(char[] buffer, int off, int len) {
                java.util.Arrays.fill(buffer, off, off + len, 'x');
                produced += len;
                return len;
            }
        };
        assertThatThrownBy(() -> new CsvLeadReader(endless, CONTEXT, Map.of(), MAX))
                .isInstanceOf(FileUnreadableException.class).hasMessageContaining("no line break");
        assertThat(endless.produced).isLessThan(1024 * 1024);
    }

    private static List<RawRecord> readAll(Reader source) throws IOException {
        var out = new ArrayList<RawRecord>();
        try (var reader = new CsvLeadReader(source, CONTEXT, Map.of(), MAX)) {
            while (reader.hasNext()) {
                out.addAll(reader.next());
            }
        }
        return out;
    }

    /** A CSV of {@code rows} rows made as it is read (nothing held), with an unclosed quote at line {@code brokenLine}. */
    static class GeneratedCsv extends Reader {
        private final int rows;
        private final int brokenLine;
        private int line = 1;
        private String current = "email,first name,notes\n";
        private int pos;
        long produced;

        GeneratedCsv(int rows, int brokenLine) {
            this.rows = rows;
            this.brokenLine = brokenLine;
        }

        @Override
        public int read(char[] buffer, int off, int len) {
            int n = 0;
            while (n < len) {
                if (pos == current.length()) {
                    if (line > rows) {
                        break;
                    }
                    line++;
                    current = line == brokenLine
                            ? "broken" + line + "@bulk.io,\"Jane,an unclosed quote\n"
                            : "user" + line + "@bulk.io,User" + line + ",some notes for row " + line + "\n";
                    pos = 0;
                }
                int take = Math.min(len - n, current.length() - pos);
                current.getChars(pos, pos + take, buffer, off + n);
                pos += take;
                n += take;
            }
            produced += n;
            return n == 0 ? -1 : n;
        }

        @Override
        public void close() {
        }
    }
}
