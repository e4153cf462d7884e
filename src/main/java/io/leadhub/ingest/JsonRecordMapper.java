package io.leadhub.ingest;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Maps one JSON object to lead fields: by recognised key names, or by a configured JSON Pointer per field. */
public final class JsonRecordMapper {

    private JsonRecordMapper() {
    }

    /** Keys that name a lead field (email, first_name, "Company") fill it; all other keys become attributes. */
    public static RawRecord byKeyNames(JsonNode object, RawRecord record, ObjectMapper json) {
        if (!object.isObject()) {
            return RawRecord.unparseable(record.source(), record.workspace(), record.deliveryRef(), record.position(),
                    record.position() + ": expected a JSON object, got " + object.getNodeType().name().toLowerCase(Locale.ROOT),
                    object.toString());
        }
        object.fields().forEachRemaining(entry -> {
            var value = entry.getValue();
            if ("attributes".equals(entry.getKey()) && value.isObject()) {
                value.fields().forEachRemaining(a -> record.attribute(a.getKey(), json.convertValue(a.getValue(), Object.class)));
                return;
            }
            var field = LeadField.fromHeader(entry.getKey());
            if (field.isPresent() && value.isValueNode()) {
                record.put(field.get(), value.asText());
            } else if (!value.isNull()) {
                record.attribute(entry.getKey(), json.convertValue(value, Object.class));
            }
        });
        return record.raw(object.toString());
    }

    /**
     * Each configured field (email, firstName, ..., sourceId) is read at its JSON Pointer; a mapping entry
     * named attributes.x stores the value as attribute x.
     */
    public static RawRecord byPointers(JsonNode object, Map<String, String> mapping, RawRecord record, ObjectMapper json) {
        for (var entry : mapping.entrySet()) {
            var value = object.at(JsonPointer.compile(entry.getValue()));
            if (value.isMissingNode() || value.isNull()) {
                continue;
            }
            if (entry.getKey().startsWith("attributes.")) {
                record.attribute(entry.getKey().substring("attributes.".length()), json.convertValue(value, Object.class));
                continue;
            }
            var field = LeadField.fromHeader(entry.getKey())
                    .orElseThrow(() -> new IllegalArgumentException("unknown lead field '" + entry.getKey() + "' in mapping"));
            record.put(field, value.isValueNode() ? value.asText() : value.toString());
        }
        return record.raw(object.toString());
    }
}
