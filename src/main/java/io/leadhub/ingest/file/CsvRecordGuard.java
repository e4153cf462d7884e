package io.leadhub.ingest.file;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;

/**
 * Sits between a CSV file and the parser and passes it on one whole record at a time, never holding more than
 * {@code maxRecordChars} of it. A record that grows past the limit (typically an unclosed quote, which makes the
 * parser read the rest of the file as one field) is not passed on: its first line is replaced by an empty
 * record ({@code ""}), noted by line number ({@link #oversized(long)}), and reading resumes at the next line, so
 * the rows after a broken one are still read. A quote still open at the end of the file is treated the same way
 * when it spans lines. Line structure is kept, so the parser's line numbers stay those of the file.
 *
 * <p>It follows commons-csv's rules for {@code CSVFormat.DEFAULT} with surrounding spaces ignored: a quote opens
 * a quoted value only at the start of a value, a doubled quote inside one is a quote.
 */
final class CsvRecordGuard extends Reader {

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private static final int READ_AHEAD = 8192;
    private static final int PREFIX = 200;

    private final Reader in;
    private final char delimiter;
    private final int maxRecordChars;
    private final char[] inBuffer = new char[READ_AHEAD];
    private int inPos;
    private int inLen;
    /** Text of a dropped record after its first line, to be scanned again. */
    private final StringBuilder rescan = new StringBuilder();
    private int rescanPos;
    /** The record being collected. */
    private final StringBuilder record = new StringBuilder();
    /** A complete record (or replacement) being handed to the parser. */
    private final StringBuilder out = new StringBuilder();
    private int outPos;
    private State state = State.FIELD_START;
    private boolean eof;
    private long linesPassed;
    private char previousPassed;
    private final Map<Long, Dropped> oversized = new HashMap<>();
    private int largestBuffered;

    CsvRecordGuard(Reader in, char delimiter, int maxRecordChars) {
        this.in = in;
        this.delimiter = delimiter;
        this.maxRecordChars = maxRecordChars;
    }

    /** A record dropped at a line: why, and its first characters for the rejection report. */
    record Dropped(long line, String reason, String prefix) {
    }

    /**
     * The record dropped where the parser read an empty record ending at this line (the stand-in of a record
     * dropped at the end of the file has no line break, so it ends on the line before), or null.
     */
    Dropped dropped(long endLine) {
        var dropped = oversized.remove(endLine);
        return dropped != null ? dropped : oversized.remove(endLine + 1);
    }

    /** The most characters held at once, for tests that check the bound. */
    int largestBuffered() {
        return largestBuffered;
    }

    @Override
    public int read(char[] target, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (outPos >= out.length()) {
            out.setLength(0);
            outPos = 0;
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, out.length() - outPos);
        out.getChars(outPos, outPos + n, target, off);
        outPos += n;
        return n;
    }

    /** Collects the next whole record (or a replacement) into out; false at the end of the input. */
    private boolean fill() throws IOException {
        while (true) {
            int c = next();
            if (c < 0) {
                if (record.length() == 0) {
                    return false;
                }
                if (state == State.QUOTED && firstLineEnd() >= 0) {
                    drop("a quote opened on this line is never closed");
                } else {
                    pass(); // the last record without a line break; commons-csv closes a quote at the end itself
                }
                return true;
            }
            char ch = (char) c;
            record.append(ch);
            largestBuffered = Math.max(largestBuffered, record.length() + rescan.length() - rescanPos);
            if (step(ch)) {
                pass();
                return true;
            }
            if (record.length() > maxRecordChars) {
                drop("a field or record longer than " + maxRecordChars + " characters (leadhub.inbox.max-field-bytes)");
                return true;
            }
        }
    }

    /** Advances the state machine; true when ch ended the record. */
    private boolean step(char ch) {
        boolean lineBreak = ch == '\n' || ch == '\r';
        switch (state) {
            case FIELD_START -> {
                if (lineBreak) {
                    return true;
                } else if (ch == '"') {
                    state = State.QUOTED;
                } else if (ch != delimiter && ch != ' ' && ch != '\t') {
                    state = State.UNQUOTED;
                }
            }
            case UNQUOTED -> {
                if (lineBreak) {
                    state = State.FIELD_START;
                    return true;
                } else if (ch == delimiter) {
                    state = State.FIELD_START;
                }
            }
            case QUOTED -> {
                if (ch == '"') {
                    state = State.QUOTE_IN_QUOTED;
                }
            }
            case QUOTE_IN_QUOTED -> {
                if (ch == '"') {
                    state = State.QUOTED;
                } else if (lineBreak) {
                    state = State.FIELD_START;
                    return true;
                } else {
                    state = ch == delimiter ? State.FIELD_START : State.UNQUOTED;
                }
            }
        }
        return false;
    }

    private void pass() {
        for (int i = 0; i < record.length(); i++) {
            count(record.charAt(i));
        }
        out.append(record);
        record.setLength(0);
    }

    /**
     * Replaces the record's first line by an empty record and scans the rest of it again; a first line longer
     * than the limit is skipped up to its line break without being held.
     */
    private void drop(String reason) throws IOException {
        long line = linesPassed + 1;
        int end = firstLineEnd();
        String terminator;
        String prefix;
        if (end >= 0) {
            int termLength = record.charAt(end) == '\r' && end + 1 < record.length() && record.charAt(end + 1) == '\n' ? 2 : 1;
            terminator = record.substring(end, end + termLength);
            prefix = record.substring(0, Math.min(end, PREFIX));
            var rest = record.substring(end + termLength);
            // what is left of an earlier rescan comes after this record's rest
            var pending = rescan.substring(rescanPos);
            rescan.setLength(0);
            rescan.append(rest).append(pending);
            rescanPos = 0;
        } else {
            prefix = record.substring(0, Math.min(record.length(), PREFIX));
            terminator = skipLine();
        }
        record.setLength(0);
        state = State.FIELD_START;
        oversized.put(line, new Dropped(line, reason + "; the record is skipped and reading goes on at the next line", prefix));
        var replacement = "\"\"" + terminator;
        for (int i = 0; i < replacement.length(); i++) {
            count(replacement.charAt(i));
        }
        out.append(replacement);
    }

    /** Reads up to and including the next line break; the break (or "" at the end of the input). */
    private String skipLine() throws IOException {
        int c;
        while ((c = next()) >= 0) {
            if (c == '\n') {
                return "\n";
            }
            if (c == '\r') {
                int d = next();
                if (d == '\n') {
                    return "\r\n";
                }
                if (d >= 0) {
                    unread((char) d);
                }
                return "\r";
            }
        }
        return "";
    }

    private int firstLineEnd() {
        for (int i = 0; i < record.length(); i++) {
            char ch = record.charAt(i);
            if (ch == '\n' || ch == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** Line breaks counted as commons-csv counts them: \r\n once, a lone \r or \n once. */
    private void count(char ch) {
        if (ch == '\r' || (ch == '\n' && previousPassed != '\r')) {
            linesPassed++;
        }
        previousPassed = ch;
    }

    private int next() throws IOException {
        if (rescanPos < rescan.length()) {
            char ch = rescan.charAt(rescanPos++);
            if (rescanPos == rescan.length()) {
                rescan.setLength(0);
                rescanPos = 0;
            }
            return ch;
        }
        if (inPos >= inLen) {
            if (eof) {
                return -1;
            }
            inLen = in.read(inBuffer, 0, inBuffer.length);
            inPos = 0;
            if (inLen <= 0) {
                eof = true;
                inLen = 0;
                return -1;
            }
        }
        return inBuffer[inPos++];
    }

    private void unread(char ch) {
        rescan.insert(rescanPos, ch);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
