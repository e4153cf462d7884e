package io.leadhub.ingest.crm;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.config.RequestRejectedException;
import io.leadhub.ingest.JsonErrors;
import io.leadhub.ingest.LeadField;
import io.leadhub.ingest.RawRecord;
import io.leadhub.ingest.Signatures;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Pipedrive webhooks v2 ({meta, data, previous}) and v1 ({meta, current, previous}). Persons carry the contact details; leads carry only links
 * (person_id, organization_id), so a lead event without person details is rejected with a pointer to the
 * person webhook. Deletions are acknowledged and ignored. Basic auth is checked when configured.
 */
@Component
public class PipedriveWebhook {

    private static final Set<String> INGESTED_ACTIONS = Set.of("create", "change", "added", "updated", "merged");

    private final WebhooksProperties.Pipedrive config;
    private final ObjectMapper json;

    public PipedriveWebhook(WebhooksProperties webhooks, ObjectMapper json) {
        this.config = webhooks.pipedrive();
        this.json = json;
    }

    public void authenticate(@Header("Authorization") String authorization) {
        var user = config.username();
        if (user == null || user.isBlank()) {
            return;
        }
        var expected = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + (config.password() == null ? "" : config.password())).getBytes(StandardCharsets.UTF_8));
        if (!Signatures.equalsConstantTime(expected, authorization == null ? null : authorization.strip())) {
            throw new RequestRejectedException(401, authorization == null
                    ? "missing HTTP basic credentials (set them as the webhook's http_auth_user / http_auth_password)"
                    : "HTTP basic credentials do not match leadhub.webhooks.pipedrive.username / password");
        }
    }

    public List<RawRecord> read(@Body String body) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw JsonErrors.rejected("body", e);
        }
        // v2 sends {meta, data, previous}; v1, still common, {meta, current, previous}
        if (root == null || !root.has("meta") || !(root.has("data") || root.has("current"))) {
            throw new RequestRejectedException(400, "not a Pipedrive webhook body: expected meta and data (v2) or current (v1)");
        }
        var meta = root.path("meta");
        var v2 = root.has("data");
        var data = v2 ? root.path("data") : root.path("current");
        var action = meta.path("action").asText();
        var entity = meta.path("entity").asText(meta.path("object").asText());
        if (!INGESTED_ACTIONS.contains(action) || data.isNull() || data.isMissingNode()
                || !(entity.equals("person") || entity.equals("lead"))) {
            return List.of();
        }
        var entityId = v2 ? meta.path("entity_id").asText(data.path("id").asText()) : data.path("id").asText(meta.path("id").asText());
        // v2's meta.id names the event; v1's meta.id is the object's, so its event is object + time
        var deliveryRef = v2 && !meta.path("id").asText("").isEmpty()
                ? meta.path("id").asText()
                : entity + ":" + entityId + "@" + meta.path("timestamp_micro").asText(meta.path("timestamp").asText());
        var record = new RawRecord("pipedrive", config.workspace(), deliveryRef, entity + " " + entityId);
        record.put(LeadField.SOURCE_ID, entity + ":" + entityId);
        if (entity.equals("lead")) {
            return List.of(RawRecord.unparseable("pipedrive", config.workspace(), deliveryRef, "lead " + entityId,
                    "Pipedrive lead '" + data.path("title").asText("") + "' links person " + text(data.path("person_id"))
                            + " but carries no contact details: subscribe the webhook to person events as well",
                    root.toString()));
        }
        person(data, record);
        record.attribute("pipedrive.entity", entity);
        record.attribute("pipedrive.action", action);
        if (!meta.path("host").isMissingNode()) {
            record.attribute("pipedrive.host", meta.path("host").asText());
        }
        return List.of(record.raw(root.toString()));
    }

    private static void person(JsonNode data, RawRecord record) {
        record.put(LeadField.FULL_NAME, data.path("name").asText(null));
        record.put(LeadField.FIRST_NAME, data.path("first_name").asText(null));
        record.put(LeadField.LAST_NAME, data.path("last_name").asText(null));
        record.put(LeadField.TITLE, data.path("job_title").asText(null));
        record.put(LeadField.EMAIL, primary(data.has("emails") ? data.path("emails") : data.path("email")));
        record.put(LeadField.PHONE, primary(data.has("phones") ? data.path("phones") : data.path("phone")));
        record.put(LeadField.COMPANY_NAME, data.path("org_name").asText(null));
        if (data.path("org_id").isValueNode() && !data.path("org_id").isNull()) {
            record.attribute("pipedrive.orgId", data.path("org_id").asText());
        } else if (data.path("org_id").isObject()) { // v1 expands the organization
            record.put(LeadField.COMPANY_NAME, data.path("org_id").path("name").asText(null));
            record.attribute("pipedrive.orgId", data.path("org_id").path("value").asText());
        }
    }

    /** The primary (else first) value of Pipedrive's [{value, primary, label}] lists. */
    private static String primary(JsonNode values) {
        if (values.isTextual()) {
            return values.asText();
        }
        String first = null;
        for (var value : values) {
            var text = value.path("value").asText(null);
            if (text == null || text.isBlank()) {
                continue;
            }
            if (value.path("primary").asBoolean(false)) {
                return text;
            }
            if (first == null) {
                first = text;
            }
        }
        return first;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
