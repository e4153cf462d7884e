package io.leadhub.ingest.file;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.leadhub.ingest.LeadField;
import io.leadhub.ingest.RawRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a CSV export in chunks of records: delimiter detected from the header line, quoted fields with
 * newlines, header names matched to lead fields (a configured column mapping wins), other columns kept as
 * attributes. A row with more values than the header is rejected with its line number.
 */
final class CsvLeadReader implements Iterator<List<RawRecord>>, Closeable {

    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final int HEADER_SEARCH_ROWS = 10;
    private static final int SAMPLE_CHARS = 64 * 1024;
    static final int DEFAULT_MAX_FIELD_CHARS = 64 * 1024;

    private final CSVParser parser;
    private final CsvRecordGuard guard;
    private final Iterator<CSVRecord> rows;
    private final CSVFormat format;
    private final List<String> header;
    private final LeadField[] fields;
    private final FileContext context;
    private long lastLine;
    private long lineOffset;
    private String firstRow = "";

    CsvLeadReader(Reader reader, FileContext context, Map<String, String> columnOverrides) throws IOException {
        this(reader, context, columnOverrides, DEFAULT_MAX_FIELD_CHARS);
    }

    /**
     * @param maxFieldChars the longest record the parser is given (leadhub.inbox.max-field-bytes): a longer one
     *                      (an unclosed quote) is rejected and reading resumes at its next line
     */
    CsvLeadReader(Reader reader, FileContext context, Map<String, String> columnOverrides, int maxFieldChars) throws IOException {
        this.context = context;
        var buffered = new BufferedReader(reader, SAMPLE_CHARS);
        // the first lines, for the delimiter and Excel's "sep=" hint, read within a bounded sample: a file
        // without line breaks must not be read into memory whole
        buffered.mark(SAMPLE_CHARS);
        var head = new char[SAMPLE_CHARS];
        int headLength = Math.max(0, buffered.read(head, 0, SAMPLE_CHARS));
        while (headLength < SAMPLE_CHARS) {
            int n = buffered.read(head, headLength, SAMPLE_CHARS - headLength);
            if (n < 0) {
                break;
            }
            headLength += n;
        }
        buffered.reset();
        var sampleLines = new String(head, 0, headLength).split("\r\n|\r|\n", HEADER_SEARCH_ROWS + 2);
        if (headLength == SAMPLE_CHARS && sampleLines.length == 1) {
            throw new FileUnreadableException("no line break in the first " + SAMPLE_CHARS
                    + " characters: the first line must name the columns (Email, First Name, Company, ...)");
        }
        var firstLine = headLength == 0 ? null : sampleLines[0];
        var sample = String.join("\n", java.util.Arrays.asList(sampleLines).subList(0, Math.min(sampleLines.length, HEADER_SEARCH_ROWS + 1)));
        Character declared = null;
        long skipped = 0;
        if (firstLine != null && firstLine.strip().matches("(?i)\"?sep=.\"?")) { // Excel's delimiter hint line
            declared = firstLine.strip().replace("\"", "").charAt(4);
            buffered.readLine(); // within the sample, so bounded
            firstLine = sampleLines.length > 1 ? sampleLines[1] : null;
            skipped = 1;
        }
        if (firstLine == null || firstLine.isBlank()) {
            throw new FileUnreadableException("no header line: the first line must name the columns (Email, First Name, Company, ...)");
        }
        var delimiter = declared != null ? declared : detectDelimiter(sample);
        this.format = CSVFormat.DEFAULT.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setTrailingData(true)
                .setLenientEof(true)
                .get();
        this.guard = new CsvRecordGuard(buffered, delimiter, maxFieldChars);
        this.parser = format.parse(guard);
        this.rows = parser.iterator();
        // report exports put a title and blank lines above the header: the header is the first of the first
        // rows that names a lead field
        CSVRecord headerRecord = null;
        LeadField[] mapped = null;
        for (int scanned = 0; scanned < HEADER_SEARCH_ROWS && rows.hasNext(); scanned++) {
            var candidate = rows.next();
            var fieldsOfCandidate = new LeadField[candidate.size()];
            boolean any = false;
            for (int i = 0; i < candidate.size(); i++) {
                fieldsOfCandidate[i] = fieldFor(candidate.get(i), columnOverrides).orElse(null);
                any |= fieldsOfCandidate[i] != null;
            }
            if (any) {
                headerRecord = candidate;
                mapped = fieldsOfCandidate;
                break;
            }
            if (scanned == 0) {
                firstRow = String.join(",", candidate.toList());
            }
        }
        if (headerRecord == null) {
            throw new FileUnreadableException("no column of the header names a lead field (looked for Email, "
                    + "First Name, Last Name, Company, Website, ... in the first " + HEADER_SEARCH_ROWS + " rows): first row is "
                    + firstRow + "; map columns with leadhub.inbox.columns");
        }
        this.lineOffset = skipped;
        this.lastLine = parser.getCurrentLineNumber() + lineOffset;
        this.header = headerRecord.toList();
        this.fields = mapped;
    }

    CsvRecordGuard guard() {
        return guard;
    }

    private static Optional<LeadField> fieldFor(String header, Map<String, String> overrides) {
        var squashed = LeadField.squash(header);
        for (var entry : overrides.entrySet()) {
            if (LeadField.squash(entry.getKey()).equals(squashed)) {
                return LeadField.fromHeader(entry.getValue());
            }
        }
        return LeadField.fromHeader(header);
    }

    /**
     * The delimiter that splits the first table-like line of the sample (normally the header) into the most
     * fields; title lines above a report's header have none and are passed over.
     */
    static char detectDelimiter(String sample) {
        for (var line : sample.split("\n")) {
            char best = ',';
            int bestCount = 0;
            for (char d : DELIMITERS) {
                int count = 0;
                boolean quoted = false;
                for (char c : line.toCharArray()) {
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (c == d && !quoted) {
                        count++;
                    }
                }
                if (count > bestCount) {
                    best = d;
                    bestCount = count;
                }
            }
            if (bestCount > 0) {
                return best;
            }
        }
        return ',';
    }

    @Override
    public boolean hasNext() {
        try {
            if (rows.hasNext()) {
                return true;
            }
        } catch (UncheckedIOException e) {
            throw unreadableAt(e);
        }
        close();
        return false;
    }

    /** May be empty when the rest of the file holds only blank rows. */
    @Override
    public List<RawRecord> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        var chunk = new ArrayList<RawRecord>(context.chunkSize());
        try {
            while (chunk.size() < context.chunkSize() && rows.hasNext()) {
                var record = toRecord(rows.next());
                if (record != null) {
                    chunk.add(record);
                }
            }
        } catch (UncheckedIOException e) {
            if (chunk.isEmpty()) {
                throw unreadableAt(e);
            }
            // hand over what was read; the next call reports where reading stopped
        }
        return chunk;
    }

    private RuntimeException unreadableAt(UncheckedIOException e) {
        close();
        return new FileUnreadableException("unreadable after line " + lastLine + ": " + e.getCause().getMessage(), e);
    }

    private RawRecord toRecord(CSVRecord row) {
        long line = lastLine + 1;
        lastLine = parser.getCurrentLineNumber() + lineOffset;
        var position = "line " + line;
        var values = row.toList();
        if (values.size() == 1 && values.get(0).isEmpty()) {
            // the guard's stand-in for a record it dropped (at the end of the file it has no line break)
            var dropped = guard.dropped(lastLine - lineOffset);
            if (dropped != null) {
                long at = dropped.line() + lineOffset;
                return RawRecord.unparseable(context.source(), context.workspace(), context.deliveryRef(at), "line " + at,
                        "line " + at + ": " + dropped.reason(), dropped.prefix()).fileId(context.fileId());
            }
        }
        if (values.stream().allMatch(v -> v == null || v.isBlank())) {
            return null; // a row of empty cells, as spreadsheets leave below the data
        }
        var raw = format.format(values.toArray());
        var ref = context.deliveryRef(line);
        if (values.size() > header.size() && values.subList(header.size(), values.size()).stream().anyMatch(v -> !v.isBlank())) {
            return RawRecord.unparseable(context.source(), context.workspace(), ref, position,
                    position + ": " + values.size() + " columns, header has " + header.size()
                            + " (an unquoted delimiter inside a value?)", raw).fileId(context.fileId());
        }
        var record = new RawRecord(context.source(), context.workspace(), ref, position).fileId(context.fileId());
        for (int i = 0; i < Math.min(values.size(), header.size()); i++) {
            var value = values.get(i);
            if (value == null || value.isBlank()) {
                continue;
            }
            if (fields[i] != null) {
                record.put(fields[i], value);
            } else if (!header.get(i).isBlank()) {
                record.attribute(header.get(i).strip(), value.strip());
            }
        }
        return record.raw(raw);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // nothing left to read from it
        }
    }
}
