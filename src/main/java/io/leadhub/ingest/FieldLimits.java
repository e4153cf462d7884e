package io.leadhub.ingest;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The longest value each part of a record may have (in characters, after trimming). A record over one of them
 * is rejected with the reason, never cut silently: a 1 MB "first name" is a broken export or an attack, not a
 * name. The lead columns have the same widths (V1__leads.sql), so a record that passes always fits.
 *
 * <pre>
 * email 320 (RFC 5321)   firstName, lastName, city 200   fullName 400   title, companyName, sourceId 300
 * phone 100              linkedinUrl, website 500        companyDomain 255 (DNS)   country 100
 * workspace 100          delivery reference 400          position 100   source 200
 * attribute name 200     attribute text value 10,000     attributes per record 500
 * </pre>
 */
public final class FieldLimits {

    public static final int WORKSPACE = 100;
    public static final int DELIVERY_REF = 400;
    public static final int POSITION = 100;
    public static final int SOURCE = 200;
    public static final int ATTRIBUTE_NAME = 200;
    public static final int ATTRIBUTE_TEXT = 10_000;
    public static final int ATTRIBUTES = 500;
    /** Nested attribute values (lists, objects) are walked to this depth at most. */
    private static final int ATTRIBUTE_DEPTH = 20;

    private static final Map<LeadField, Integer> FIELDS = new EnumMap<>(LeadField.class);

    static {
        FIELDS.put(LeadField.EMAIL, 320);
        FIELDS.put(LeadField.FIRST_NAME, 200);
        FIELDS.put(LeadField.LAST_NAME, 200);
        FIELDS.put(LeadField.FULL_NAME, 400);
        FIELDS.put(LeadField.TITLE, 300);
        FIELDS.put(LeadField.PHONE, 100);
        FIELDS.put(LeadField.LINKEDIN_URL, 500);
        FIELDS.put(LeadField.COMPANY_NAME, 300);
        FIELDS.put(LeadField.COMPANY_DOMAIN, 255);
        FIELDS.put(LeadField.WEBSITE, 500);
        FIELDS.put(LeadField.COUNTRY, 100);
        FIELDS.put(LeadField.CITY, 200);
        FIELDS.put(LeadField.SOURCE_ID, 300);
    }

    private FieldLimits() {
    }

    public static int of(LeadField field) {
        return FIELDS.get(field);
    }

    /** Why the record is too large to be a lead, or null when every part is within its limit. */
    public static String check(RawRecord record) {
        var reason = over("workspace", record.workspace(), WORKSPACE);
        reason = reason != null ? reason : over("delivery reference", record.deliveryRef(), DELIVERY_REF);
        reason = reason != null ? reason : over("position", record.position(), POSITION);
        reason = reason != null ? reason : over("source", record.source(), SOURCE);
        if (reason != null) {
            return reason;
        }
        for (var entry : record.fields().entrySet()) {
            var value = entry.getValue() == null ? null : entry.getValue().strip();
            reason = over(entry.getKey().camelName(), value, FIELDS.get(entry.getKey()));
            if (reason != null) {
                return reason;
            }
        }
        if (record.attributes().size() > ATTRIBUTES) {
            return record.attributes().size() + " attributes; the limit is " + ATTRIBUTES;
        }
        for (var entry : record.attributes().entrySet()) {
            reason = attribute(entry.getKey(), entry.getValue(), 0);
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    private static String attribute(String name, Object value, int depth) {
        var reason = over("attribute name '" + abbreviate(name) + "'", name, ATTRIBUTE_NAME);
        if (reason != null) {
            return reason;
        }
        if (depth > ATTRIBUTE_DEPTH) {
            return "attribute '" + abbreviate(name) + "' is nested deeper than " + ATTRIBUTE_DEPTH + " levels";
        }
        if (value instanceof String s) {
            return over("attribute '" + abbreviate(name) + "'", s, ATTRIBUTE_TEXT);
        }
        if (value instanceof Map<?, ?> map) {
            if (map.size() > ATTRIBUTES) {
                return "attribute '" + abbreviate(name) + "' has " + map.size() + " entries; the limit is " + ATTRIBUTES;
            }
            for (var entry : map.entrySet()) {
                reason = attribute(String.valueOf(entry.getKey()), entry.getValue(), depth + 1);
                if (reason != null) {
                    return reason;
                }
            }
        } else if (value instanceof List<?> list) {
            if (list.size() > ATTRIBUTES) {
                return "attribute '" + abbreviate(name) + "' has " + list.size() + " entries; the limit is " + ATTRIBUTES;
            }
            for (var item : list) {
                reason = attribute(name, item, depth + 1);
                if (reason != null) {
                    return reason;
                }
            }
        }
        return null;
    }

    private static String over(String what, String value, int max) {
        if (value == null || value.length() <= max) {
            return null;
        }
        return what + " is " + value.length() + " characters long; the limit is " + max;
    }

    static String abbreviate(String value) {
        return value == null || value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
