package io.leadhub.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.config.BodyTooLargeException;
import io.leadhub.config.RequestRejectedException;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.commons.io.input.BoundedInputStream;
import org.springframework.stereotype.Component;

/** The "read" step of POST /api/leads: one lead object or an array of them, within the configured limits. */
@Component
public class ApiLeadReader {

    private final ObjectMapper json;
    private final ApiProperties limits;

    public ApiLeadReader(ObjectMapper json, ApiProperties limits) {
        this.json = json;
        this.limits = limits;
    }

    public List<RawRecord> read(@Body InputStream body,
                                @Header("Content-Length") Long contentLength,
                                @Header("leadhubWorkspace") String workspace,
                                @Header("Idempotency-Key") String idempotencyKey) throws IOException {
        var key = IdempotencyKeys.check(idempotencyKey, limits.maxIdempotencyKeyLength());
        var maxBytes = limits.maxBodyBytes();
        if (contentLength != null && contentLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (body == null) {
            throw new RequestRejectedException(400, "empty body: send one lead object or an array of them");
        }
        var bounded = BoundedInputStream.builder().setInputStream(body).setMaxCount(maxBytes + 1).get();
        var bytes = bounded.readAllBytes();
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw JsonErrors.rejected("body", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new RequestRejectedException(400, "empty body: send one lead object or an array of them");
        }
        var items = root.isArray() ? root : wrapped(root);
        if (items.size() > limits.maxRecords()) {
            throw new RequestRejectedException(413, items.size() + " leads in one request; the limit is "
                    + limits.maxRecords() + " (leadhub.api.max-records)");
        }
        if (workspace == null || workspace.isBlank()) {
            throw new IllegalStateException("no workspace: the route must identify the caller first");
        }
        var ws = workspace;
        var records = new ArrayList<RawRecord>(items.size());
        var bodyHash = key == null ? null : IdempotencyKeys.hash(bytes);
        for (int i = 0; i < items.size(); i++) {
            var ref = key != null ? key + "#" + i : UUID.randomUUID().toString();
            var record = new RawRecord("api", ws, ref, "index " + i).bodyHash(bodyHash);
            records.add(JsonRecordMapper.byKeyNames(items.get(i), record, json));
        }
        return records;
    }

    /** {"leads": [...]} (or data, records, contacts, items) as integrations often send; else the object is one lead. */
    private JsonNode wrapped(JsonNode root) {
        for (var name : WRAPPERS) {
            var inner = root.path(name);
            if (inner.isArray() && root.size() <= 2) {
                return inner;
            }
        }
        return json.createArrayNode().add(root);
    }

    private static final List<String> WRAPPERS = List.of("leads", "data", "records", "contacts", "items", "people");

    private static BodyTooLargeException tooLarge(long maxBytes) {
        return new BodyTooLargeException(maxBytes, "leadhub.api.max-body-bytes");
    }

    /** Header values that could never be stored (delivery_ref and workspace columns) are the client's error. */

}
