package io.leadhub.ingest.file;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadhub.ingest.JsonErrors;
import io.leadhub.ingest.JsonRecordMapper;
import io.leadhub.ingest.RawRecord;

/**
 * Streams leads from JSON files: an array of objects, an object wrapping one (the first array field, as in
 * {"data": [...]}), or NDJSON (one object per line; a bad line is rejected and the rest goes on).
 */
final class JsonLeadReader implements Iterator<List<RawRecord>>, Closeable {

    private final ObjectMapper json;
    private final FileContext context;
    private final BufferedReader reader;
    private final boolean ndjson;
    private JsonParser parser;
    private ObjectNode singleObject;
    private long index;
    private long line;
    private boolean exhausted;
    /** The array parser already stands on the next record's first token (or on END_ARRAY). */
    private boolean advanced;

    JsonLeadReader(Reader source, FileContext context, ObjectMapper json, boolean ndjsonByName) throws IOException {
        this.json = json;
        this.context = context;
        this.reader = new BufferedReader(source, 64 * 1024);
        reader.mark(64 * 1024);
        int first;
        do {
            first = reader.read();
        } while (first != -1 && Character.isWhitespace(first));
        if (first == -1) {
            throw new FileUnreadableException("the file holds no JSON");
        }
        reader.reset();
        if (ndjsonByName || (first == '{' && firstLineIsObject())) {
            ndjson = true;
        } else if (first == '[' || first == '{') {
            ndjson = false;
            parser = json.getFactory().createParser(reader);
            openArray();
        } else {
            throw new FileUnreadableException("not JSON: the file starts with '" + (char) first + "'");
        }
    }

    private boolean firstLineIsObject() throws IOException {
        // a one-line file is a document, not NDJSON: it may be {"data": [...]}
        reader.mark(64 * 1024);
        var firstLine = reader.readLine();
        String secondLine;
        do {
            secondLine = firstLine == null ? null : reader.readLine();
        } while (secondLine != null && secondLine.isBlank());
        reader.reset();
        if (secondLine == null) {
            return false;
        }
        try {
            return json.readTree(firstLine.strip()).isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Positions the parser on the array of records, or collects a single top-level object. */
    private void openArray() throws IOException {
        try {
            var token = parser.nextToken();
            if (token == JsonToken.START_ARRAY) {
                return;
            }
            singleObject = json.createObjectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                var name = parser.currentName();
                if (parser.nextToken() == JsonToken.START_ARRAY) {
                    singleObject = null;
                    return;
                }
                singleObject.set(name, parser.readValueAsTree());
            }
        } catch (JsonProcessingException e) {
            throw new FileUnreadableException(JsonErrors.reason(e), e);
        }
    }

    @Override
    public boolean hasNext() {
        if (exhausted) {
            return false;
        }
        try {
            if (ndjson) {
                reader.mark(1);
                if (reader.read() != -1) {
                    reader.reset();
                    return true;
                }
            } else if (singleObject != null) {
                return true;
            } else {
                if (!advanced) {
                    parser.nextToken();
                    advanced = true;
                }
                var token = parser.currentToken();
                if (token != null && token != JsonToken.END_ARRAY) {
                    return true;
                }
            }
        } catch (JsonProcessingException e) {
            close();
            throw new FileUnreadableException("JSON broken after record " + index + ": " + JsonErrors.reason(e), e);
        } catch (IOException e) {
            close();
            throw new FileUnreadableException("unreadable after record " + index + ": " + e.getMessage(), e);
        }
        close();
        return false;
    }

    @Override
    public List<RawRecord> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        var chunk = new ArrayList<RawRecord>(context.chunkSize());
        try {
            if (ndjson) {
                readLines(chunk);
            } else if (singleObject != null) {
                chunk.add(toRecord(singleObject, "record 0"));
                singleObject = null;
                exhausted = true;
            } else {
                readArray(chunk);
            }
        } catch (JsonProcessingException e) {
            if (chunk.isEmpty()) {
                close();
                throw new FileUnreadableException("JSON broken after record " + index + ": " + JsonErrors.reason(e), e);
            }
            advanced = true; // hasNext() reports the broken rest at the next call
        } catch (IOException e) {
            close();
            throw new FileUnreadableException("unreadable after record " + index + ": " + e.getMessage(), e);
        }
        return chunk;
    }

    private void readArray(List<RawRecord> chunk) throws IOException {
        while (true) {
            var startLine = parser.currentLocation().getLineNr();
            JsonNode node = parser.readValueAsTree();
            advanced = false;
            chunk.add(toRecord(node, "record " + index + " (line " + startLine + ")"));
            index++;
            if (chunk.size() >= context.chunkSize()) {
                return;
            }
            var token = parser.nextToken();
            advanced = true;
            if (token == null || token == JsonToken.END_ARRAY) {
                return;
            }
        }
    }

    private void readLines(List<RawRecord> chunk) throws IOException {
        String text;
        while (chunk.size() < context.chunkSize() && (text = reader.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            var position = "line " + line;
            try {
                chunk.add(toRecord(json.readTree(text), position));
            } catch (JsonProcessingException e) {
                chunk.add(RawRecord.unparseable(context.source(), context.workspace(), context.deliveryRef(line), position,
                        position + ": " + JsonErrors.reason(e), text).fileId(context.fileId()));
            }
        }
    }

    private RawRecord toRecord(JsonNode node, String position) {
        var ref = ndjson ? context.deliveryRef(line) : "file:" + context.fileId() + ":record:" + index;
        var record = new RawRecord(context.source(), context.workspace(), ref, position).fileId(context.fileId());
        return JsonRecordMapper.byKeyNames(node, record, json).fileId(context.fileId());
    }

    @Override
    public void close() {
        exhausted = true;
        try {
            if (parser != null) {
                parser.close();
            }
            reader.close();
        } catch (IOException e) {
            // nothing left to read from it
        }
    }
}
