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
            } else if (value.isObject()) {
                nested(entry.getKey(), value, record);
                record.attribute(entry.getKey(), json.convertValue(value, Object.class));
            } else if (field.isPresent() && value.isArray()) {
                firstValue(value).ifPresent(v -> record.put(field.get(), v)); // "emails": ["a@x.com", ...]
                record.attribute(entry.getKey(), json.convertValue(value, Object.class));
            } else if (!value.isNull()) {
                record.attribute(entry.getKey(), json.convertValue(value, Object.class));
            }
        });
        return record.raw(object.toString());
    }

    private static final java.util.Set<String> COMPANY_OBJECTS = java.util.Set.of("organization", "organisation", "company", "account", "org", "employer");
    private static final java.util.Set<String> PERSON_OBJECTS = java.util.Set.of("person", "contact", "lead", "profile", "properties", "fields");
    private static final java.util.Map<String, LeadField> COMPANY_KEYS = java.util.Map.of(
            "name", LeadField.COMPANY_NAME, "domain", LeadField.COMPANY_DOMAIN, "primarydomain", LeadField.COMPANY_DOMAIN,
            "website", LeadField.WEBSITE, "websiteurl", LeadField.WEBSITE, "url", LeadField.WEBSITE);

    /**
     * Vendor JSON nests the company ({"organization": {"name", "website_url"}}) and sometimes the person
     * ({"contact": {"email"}}): their known keys fill lead fields; the object is also kept as an attribute.
     */
    private static void nested(String parent, JsonNode object, RawRecord record) {
        var kind = LeadField.squash(parent);
        object.fields().forEachRemaining(child -> {
            if (!child.getValue().isValueNode() || child.getValue().isNull()) {
                return;
            }
            var key = LeadField.squash(child.getKey());
            LeadField field = null;
            if (COMPANY_OBJECTS.contains(kind)) {
                field = COMPANY_KEYS.get(key);
            } else if (PERSON_OBJECTS.contains(kind)) {
                field = LeadField.fromHeader(child.getKey()).orElse(null);
            }
            if (field == null) {
                field = LeadField.fromHeader(parent + " " + child.getKey()).orElse(null);
            }
            if (field != null) {
                record.put(field, child.getValue().asText());
            }
        });
    }

    private static java.util.Optional<String> firstValue(JsonNode array) {
        for (var item : array) {
            if (item.isValueNode() && !item.asText().isBlank()) {
                return java.util.Optional.of(item.asText());
            }
            if (item.isObject() && item.path("value").isValueNode()) {
                return java.util.Optional.of(item.path("value").asText());
            }
        }
        return java.util.Optional.empty();
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
