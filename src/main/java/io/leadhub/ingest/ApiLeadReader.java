package io.leadhub.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.config.LeadhubProperties;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.commons.io.input.BoundedInputStream;
import org.springframework.stereotype.Component;

/** The "read" step of POST /api/leads: one lead object or an array of them, within the configured limits. */
@Component
public class ApiLeadReader {

    private final ObjectMapper json;
    private final LeadhubProperties.Api limits;

    public ApiLeadReader(ObjectMapper json, LeadhubProperties properties) {
        this.json = json;
        this.limits = properties.getApi();
    }

    public List<RawRecord> read(@Body InputStream body,
                                @Header("Content-Length") Long contentLength,
                                @Header("X-Leadhub-Workspace") String workspace,
                                @Header("workspace") String requestedWorkspace,
                                @Header("Idempotency-Key") String idempotencyKey) throws IOException {
        checkHeaders(workspace, requestedWorkspace, idempotencyKey);
        var maxBytes = limits.getMaxBodyBytes();
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
        if (items.size() > limits.getMaxRecords()) {
            throw new RequestRejectedException(413, items.size() + " leads in one request; the limit is "
                    + limits.getMaxRecords() + " (leadhub.api.max-records)");
        }
        // an operator ("*") submits to the workspace it names, else to default
        var ws = "*".equals(workspace) ? (requestedWorkspace == null || requestedWorkspace.isBlank() ? "default" : requestedWorkspace)
                : workspace == null ? "default" : workspace;
        var records = new ArrayList<RawRecord>(items.size());
        for (int i = 0; i < items.size(); i++) {
            var ref = idempotencyKey != null && !idempotencyKey.isBlank() ? idempotencyKey.strip() + "#" + i : UUID.randomUUID().toString();
            records.add(JsonRecordMapper.byKeyNames(items.get(i), new RawRecord("api", ws, ref, "index " + i), json));
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

    private RequestRejectedException tooLarge(long maxBytes) {
        return new RequestRejectedException(413, "request body larger than " + maxBytes
                + " bytes (leadhub.api.max-body-bytes)");
    }

    /** Header values that could never be stored (delivery_ref and workspace columns) are the client's error. */
    private static void checkHeaders(String workspace, String requestedWorkspace, String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.strip().length() > MAX_IDEMPOTENCY_KEY
                || !idempotencyKey.equals(IngestText.cleanLine(idempotencyKey)))) {
            throw new RequestRejectedException(400, "Idempotency-Key must be at most " + MAX_IDEMPOTENCY_KEY
                    + " characters without control characters (a UUID is usual)");
        }
        for (var ws : new String[]{workspace, requestedWorkspace}) {
            if (ws != null && (ws.length() > FieldLimits.WORKSPACE || !ws.equals(IngestText.cleanLine(ws)))) {
                throw new RequestRejectedException(400, "a workspace name is at most " + FieldLimits.WORKSPACE
                        + " characters without control characters");
            }
        }
    }

    private static final int MAX_IDEMPOTENCY_KEY = 200;
}
