package io.leadhub.ingest.crm;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.config.RequestRejectedException;
import io.leadhub.ingest.JsonErrors;
import io.leadhub.ingest.JsonRecordMapper;
import io.leadhub.ingest.RawRecord;
import io.leadhub.ingest.Signatures;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * POST /webhooks/generic/{name}: any JSON, one record or many, mapped by the JSON Pointers configured under
 * leadhub.webhooks.generic.{name}.mapping (or by recognised key names when no mapping is set). With a secret,
 * the signature header must hold the hex HMAC-SHA256 of the body (a "sha256=" prefix is accepted).
 */
@Component
public class GenericWebhook {

    private final WebhooksProperties webhooks;
    private final ObjectMapper json;

    public GenericWebhook(WebhooksProperties webhooks, ObjectMapper json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    public List<RawRecord> read(@Header("name") String name, @Body String body, Exchange exchange) {
        var config = webhooks.generic().get(name);
        if (config == null) {
            throw new RequestRejectedException(404, "no generic webhook named '" + name
                    + "' (configure leadhub.webhooks.generic." + name + ".mapping)");
        }
        verify(config, body, exchange.getMessage().getHeader(config.signatureHeader(), String.class));
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw JsonErrors.rejected("body", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new RequestRejectedException(400, "empty body");
        }
        var items = config.itemsPointer() == null || config.itemsPointer().isBlank()
                ? root : root.at(JsonPointer.compile(config.itemsPointer()));
        if (items.isMissingNode()) {
            throw new RequestRejectedException(400, "no records at " + config.itemsPointer()
                    + " (leadhub.webhooks.generic." + name + ".items-pointer)");
        }
        var list = items.isArray() ? items : json.createArrayNode().add(items);
        var source = "webhook:" + name;
        var records = new ArrayList<RawRecord>(list.size());
        for (int i = 0; i < list.size(); i++) {
            var item = list.get(i);
            // no event id in an arbitrary payload: the content identifies the delivery, so a retry is a no-op
            var record = new RawRecord(source, config.workspace(), Signatures.sha256Hex(item.toString()), "index " + i);
            records.add(config.mapping().isEmpty()
                    ? JsonRecordMapper.byKeyNames(item, record, json)
                    : JsonRecordMapper.byPointers(item, config.mapping(), record, json));
        }
        return records;
    }

    private static void verify(WebhooksProperties.Generic config, String body, String signature) {
        var secret = config.secret();
        if (secret == null || secret.isBlank()) {
            return;
        }
        if (signature == null) {
            throw new RequestRejectedException(401, "missing " + config.signatureHeader() + " header");
        }
        var given = signature.strip().toLowerCase();
        if (given.startsWith("sha256=")) {
            given = given.substring(7);
        }
        var expected = HexFormat.of().formatHex(Signatures.hmacSha256(secret, body == null ? "" : body));
        if (!Signatures.equalsConstantTime(expected, given)) {
            throw new RequestRejectedException(401, config.signatureHeader()
                    + " is not the HMAC-SHA256 of the body under the configured secret");
        }
    }
}
