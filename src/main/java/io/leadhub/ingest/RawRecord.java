package io.leadhub.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record as a source delivered it, already mapped to lead field names ({@link LeadField}) but not yet
 * checked. {@code deliveryRef} identifies this arrival so a repeated delivery is recognised;
 * {@code position} tells a user where to look (line 17, index 3, eventId 42).
 */
public final class RawRecord {

    private final String source;
    private final String workspace;
    private final String deliveryRef;
    private final String position;
    private final Map<LeadField, String> fields = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private String raw;
    private String parseError;
    private Long fileId;
    private String bodyHash;

    public RawRecord(String source, String workspace, String deliveryRef, String position) {
        this.source = source;
        this.workspace = workspace;
        this.deliveryRef = deliveryRef;
        this.position = position;
    }

    public static RawRecord unparseable(String source, String workspace, String deliveryRef, String position,
                                        String reason, String raw) {
        var record = new RawRecord(source, workspace, deliveryRef, position);
        record.parseError = reason;
        record.raw = raw;
        return record;
    }

    public RawRecord put(LeadField field, String value) {
        if (value != null && !value.isBlank()) {
            fields.merge(field, value, (old, added) -> old);
        }
        return this;
    }

    public RawRecord attribute(String name, Object value) {
        if (value != null) {
            attributes.put(name, value);
        }
        return this;
    }

    public RawRecord raw(String raw) {
        this.raw = raw;
        return this;
    }

    public RawRecord fileId(Long fileId) {
        this.fileId = fileId;
        return this;
    }

    /** The hash of the request this record came in, when the sender chose its delivery ref (Idempotency-Key). */
    public RawRecord bodyHash(String bodyHash) {
        this.bodyHash = bodyHash;
        return this;
    }

    public String get(LeadField field) { return fields.get(field); }
    public String source() { return source; }
    public String workspace() { return workspace; }
    public String deliveryRef() { return deliveryRef; }
    public String position() { return position; }
    public Map<LeadField, String> fields() { return fields; }
    public Map<String, Object> attributes() { return attributes; }
    public String raw() { return raw; }
    public String parseError() { return parseError; }
    public Long fileId() { return fileId; }
    public String bodyHash() { return bodyHash; }
}
